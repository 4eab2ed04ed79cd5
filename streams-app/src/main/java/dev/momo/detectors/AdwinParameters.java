package dev.momo.detectors;

import java.util.Map;

/**
 * Parameters of {@link Adwin}. The defaults are River's ({@code river.drift.ADWIN}: delta 0.002,
 * clock 32, max_buckets 5, min_window_length 5, grace_period 10) with the River flavor.
 *
 * @param delta confidence of the cut test, in (0, 1): the smaller, the fewer false alarms and the
 *     later the detections
 * @param clock check for a change every {@code clock} values (1 checks at every value)
 * @param maxBuckets buckets of each size kept before the two oldest are merged; more buckets give
 *     finer cut points and more memory
 * @param minWindowLength the fewest values on each side of a cut
 * @param gracePeriod no check until the window contains more than this many values
 * @param flavor which reference implementation's details to follow
 */
public record AdwinParameters(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod,
        Flavor flavor) implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.ADWIN;

    /**
     * Details in which the reference implementations differ; they move detection indices.
     *
     * <ul>
     *   <li>{@code RIVER} (River 0.23, the default): after a detection the next value starts an
     *       empty window; a cut needs at least {@code minWindowLength} values on each side.
     *   <li>{@code MOA} (MOA's {@code ADWIN.java}): the window keeps what is left after the cut
     *       and detection goes on; a cut needs more than {@code minWindowLength + 1} values on each
     *       side.
     *   <li>{@code SCIKIT_MULTIFLOW} (scikit-multiflow 0.5 and River before its ADWIN rewrite): as
     *       MOA the window is kept, a cut needs {@code minWindowLength} values, the newest bucket
     *       of each size is never tried as a cut point, and merging two buckets keeps only the
     *       second one's variance.
     * </ul>
     */
    public enum Flavor {
        RIVER("river"),
        MOA("moa"),
        SCIKIT_MULTIFLOW("scikit-multiflow");

        private final String externalName;

        Flavor(final String externalName) {
            this.externalName = externalName;
        }

        public String externalName() {
            return externalName;
        }
    }

    public AdwinParameters {
        Checks.requireOpenInterval(KIND, "delta", delta, 0.0, 1.0);
        Checks.requireInRange(KIND, "clock", clock, 1, Integer.MAX_VALUE);
        Checks.requireInRange(KIND, "max_buckets", maxBuckets, 1, 1000);
        Checks.requireInRange(KIND, "min_window_length", minWindowLength, 1, Integer.MAX_VALUE);
        Checks.requireInRange(KIND, "grace_period", gracePeriod, 0, Integer.MAX_VALUE);
        Checks.requireNonNull(KIND, "flavor", flavor);
    }

    /** Returns River's defaults. */
    public static AdwinParameters defaults() {
        return new AdwinParameters(0.002, 32, 5, 5, 10, Flavor.RIVER);
    }

    /** Returns these parameters with another flavor. */
    public AdwinParameters withFlavor(final Flavor newFlavor) {
        return new AdwinParameters(delta, clock, maxBuckets, minWindowLength, gracePeriod, newFlavor);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public Adwin newDetector() {
        return new Adwin(this);
    }

    static AdwinParameters parse(final ParameterMap map) {
        final AdwinParameters defaults = defaults();
        return new AdwinParameters(
                map.getDouble("delta", defaults.delta),
                map.getInt("clock", defaults.clock),
                map.getInt("max_buckets", defaults.maxBuckets),
                map.getInt("min_window_length", defaults.minWindowLength),
                map.getInt("grace_period", defaults.gracePeriod),
                map.getChoice("flavor", defaults.flavor, Map.of(
                        Flavor.RIVER.externalName, Flavor.RIVER,
                        Flavor.MOA.externalName, Flavor.MOA,
                        Flavor.SCIKIT_MULTIFLOW.externalName, Flavor.SCIKIT_MULTIFLOW)));
    }

    void write(final StateWriter writer) {
        writer.putDouble(delta);
        writer.putInt(clock);
        writer.putInt(maxBuckets);
        writer.putInt(minWindowLength);
        writer.putInt(gracePeriod);
        writer.putEnum(flavor);
    }

    static AdwinParameters read(final StateReader reader) {
        final double delta = reader.getDouble("delta");
        final int clock = reader.getInt("clock");
        final int maxBuckets = reader.getInt("max_buckets");
        final int minWindowLength = reader.getInt("min_window_length");
        final int gracePeriod = reader.getInt("grace_period");
        final Flavor flavor = reader.getEnum("flavor", Flavor.values());
        try {
            return new AdwinParameters(delta, clock, maxBuckets, minWindowLength, gracePeriod, flavor);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
