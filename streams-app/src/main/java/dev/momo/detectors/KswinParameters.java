package dev.momo.detectors;

import java.util.OptionalLong;

/**
 * Parameters of {@link Kswin}. The defaults are River's ({@code river.drift.KSWIN}: alpha 0.005,
 * window_size 100, stat_size 30, no seed).
 *
 * @param alpha significance level of the Kolmogorov-Smirnov test, in [0, 1]; River advises below
 *     0.01 because the test runs at every value
 * @param windowSize values in the sliding window
 * @param statSize the newest values compared, and the size of the sample drawn from the older
 *     part; 1 to 10000, and at most half the window
 * @param seed seed of the sampler, as in Python's {@code random.Random(seed)}; empty seeds it
 *     from {@link java.security.SecureRandom}, so runs then differ
 */
public record KswinParameters(double alpha, int windowSize, int statSize, OptionalLong seed)
        implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.KSWIN;

    public KswinParameters {
        Checks.requireClosedInterval(KIND, "alpha", alpha, 0.0, 1.0);
        Checks.requireInRange(KIND, "stat_size", statSize, 1, EqualSizeKolmogorovSmirnov.MAX_EXACT_SIZE);
        Checks.requireInRange(KIND, "window_size", windowSize, 2 * statSize, 10_000_000);
        Checks.requireNonNull(KIND, "seed", seed);
        if (seed.isPresent() && seed.getAsLong() < 0) {
            throw new IllegalArgumentException("kswin seed must be >= 0, got " + seed.getAsLong());
        }
    }

    /** Returns River's defaults. */
    public static KswinParameters defaults() {
        return new KswinParameters(0.005, 100, 30, OptionalLong.empty());
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public Kswin newDetector() {
        return new Kswin(this);
    }

    static KswinParameters parse(final ParameterMap map) {
        final KswinParameters defaults = defaults();
        return new KswinParameters(
                map.getDouble("alpha", defaults.alpha),
                map.getInt("window_size", defaults.windowSize),
                map.getInt("stat_size", defaults.statSize),
                map.getOptionalLong("seed"));
    }

    void write(final StateWriter writer) {
        writer.putDouble(alpha);
        writer.putInt(windowSize);
        writer.putInt(statSize);
        writer.putBoolean(seed.isPresent());
        writer.putLong(seed.orElse(0));
    }

    static KswinParameters read(final StateReader reader) {
        final double alpha = reader.getDouble("alpha");
        final int windowSize = reader.getInt("window_size");
        final int statSize = reader.getInt("stat_size");
        final boolean seeded = reader.getBoolean("seeded");
        final long seed = reader.getLong("seed");
        try {
            return new KswinParameters(alpha, windowSize, statSize, seeded ? OptionalLong.of(seed) : OptionalLong.empty());
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
