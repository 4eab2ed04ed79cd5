package dev.momo.detectors;

/**
 * Parameters of {@link Cusum}. The defaults are River's ({@code river.drift.CUSUM}: min_instances
 * 30, slack 0.5, threshold 5, mode both), the classical values for standardized data.
 *
 * @param minInstances values in the warm-up window whose mean and standard deviation become the
 *     reference
 * @param slack allowance k, in reference standard deviations: deviations smaller than this do not
 *     accumulate
 * @param threshold decision interval h, in reference standard deviations
 * @param mode which moves of the mean to detect
 */
public record CusumParameters(int minInstances, double slack, double threshold, Direction mode)
        implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.CUSUM;

    public CusumParameters {
        Checks.requireInRange(KIND, "min_instances", minInstances, 1, Integer.MAX_VALUE);
        Checks.requireNonNegative(KIND, "slack", slack);
        Checks.requirePositive(KIND, "threshold", threshold);
        Checks.requireNonNull(KIND, "mode", mode);
    }

    /** Returns River's defaults. */
    public static CusumParameters defaults() {
        return new CusumParameters(30, 0.5, 5.0, Direction.BOTH);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public Cusum newDetector() {
        return new Cusum(this);
    }

    static CusumParameters parse(final ParameterMap map) {
        final CusumParameters defaults = defaults();
        return new CusumParameters(
                map.getInt("min_instances", defaults.minInstances),
                map.getDouble("slack", defaults.slack),
                map.getDouble("threshold", defaults.threshold),
                map.getChoice("mode", defaults.mode, Direction.byName()));
    }

    void write(final StateWriter writer) {
        writer.putInt(minInstances);
        writer.putDouble(slack);
        writer.putDouble(threshold);
        writer.putEnum(mode);
    }

    static CusumParameters read(final StateReader reader) {
        final int minInstances = reader.getInt("min_instances");
        final double slack = reader.getDouble("slack");
        final double threshold = reader.getDouble("threshold");
        final Direction mode = reader.getEnum("mode", Direction.values());
        try {
            return new CusumParameters(minInstances, slack, threshold, mode);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
