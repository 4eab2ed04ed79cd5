package dev.momo.detectors;

import java.util.Map;

/**
 * Parameters of {@link PageHinkley}. The defaults are River's ({@code river.drift.PageHinkley}:
 * min_instances 30, delta 0.005, threshold 50, alpha 0.9999, mode both) with the River flavor.
 *
 * @param minInstances values seen before a detection may be reported
 * @param delta magnitude of change that is tolerated: each value adds {@code x - mean - delta} to
 *     the increase sum, so deviations below delta do not accumulate
 * @param threshold the statistic must exceed this value (lambda) for a detection, in the units of
 *     the values
 * @param alpha forgetting factor in (0, 1] applied to the cumulative sums at each value
 * @param mode which moves of the mean to detect
 * @param flavor which reference implementation's details to follow
 */
public record PageHinkleyParameters(int minInstances, double delta, double threshold, double alpha, Direction mode,
        Flavor flavor) implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.PAGE_HINKLEY;

    /**
     * Details in which the reference implementations differ.
     *
     * <ul>
     *   <li>{@code RIVER} (River 0.23, the default): the mean is {@code mean += (1/n)(x - mean)}, the
     *       sums are {@code alpha S + (x - mean) -/+ delta}, and detections start once
     *       {@code minInstances} values have been seen.
     *   <li>{@code MOA} (MOA's {@code PageHinkleyDM.java}, which scikit-multiflow 0.5 follows):
     *       only increases ({@code mode} must be {@code up}), the mean is
     *       {@code mean += (x - mean) / n}, the sum is {@code alpha S + (x - mean - delta)}, and
     *       detections start one value earlier, after {@code minInstances - 1} values.
     * </ul>
     */
    public enum Flavor {
        RIVER("river"),
        MOA("moa");

        private final String externalName;

        Flavor(final String externalName) {
            this.externalName = externalName;
        }

        public String externalName() {
            return externalName;
        }
    }

    public PageHinkleyParameters {
        Checks.requireInRange(KIND, "min_instances", minInstances, 1, Integer.MAX_VALUE);
        Checks.requireNonNegative(KIND, "delta", delta);
        Checks.requirePositive(KIND, "threshold", threshold);
        Checks.requireLeftOpenInterval(KIND, "alpha", alpha, 0.0, 1.0);
        Checks.requireNonNull(KIND, "mode", mode);
        Checks.requireNonNull(KIND, "flavor", flavor);
        if (flavor == Flavor.MOA && mode != Direction.UP) {
            throw new IllegalArgumentException("page-hinkley mode must be up with flavor moa, got " + mode.externalName()
                    + "; MOA's test only detects increases, use flavor river for down or both");
        }
    }

    /** Returns River's defaults. */
    public static PageHinkleyParameters defaults() {
        return new PageHinkleyParameters(30, 0.005, 50.0, 1 - 0.0001, Direction.BOTH, Flavor.RIVER);
    }

    /** Returns these parameters watching {@code newMode}. */
    public PageHinkleyParameters withMode(final Direction newMode) {
        return new PageHinkleyParameters(minInstances, delta, threshold, alpha, newMode, flavor);
    }

    /** Returns these parameters with another flavor. */
    public PageHinkleyParameters withFlavor(final Flavor newFlavor) {
        return new PageHinkleyParameters(minInstances, delta, threshold, alpha, mode, newFlavor);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public PageHinkley newDetector() {
        return new PageHinkley(this);
    }

    static PageHinkleyParameters parse(final ParameterMap map) {
        final PageHinkleyParameters defaults = defaults();
        return new PageHinkleyParameters(
                map.getInt("min_instances", defaults.minInstances),
                map.getDouble("delta", defaults.delta),
                map.getDouble("threshold", defaults.threshold),
                map.getDouble("alpha", defaults.alpha),
                map.getChoice("mode", defaults.mode, Direction.byName()),
                map.getChoice("flavor", defaults.flavor, Map.of(
                        Flavor.RIVER.externalName, Flavor.RIVER, Flavor.MOA.externalName, Flavor.MOA)));
    }

    void write(final StateWriter writer) {
        writer.putInt(minInstances);
        writer.putDouble(delta);
        writer.putDouble(threshold);
        writer.putDouble(alpha);
        writer.putEnum(mode);
        writer.putEnum(flavor);
    }

    static PageHinkleyParameters read(final StateReader reader) {
        final int minInstances = reader.getInt("min_instances");
        final double delta = reader.getDouble("delta");
        final double threshold = reader.getDouble("threshold");
        final double alpha = reader.getDouble("alpha");
        final Direction mode = reader.getEnum("mode", Direction.values());
        final Flavor flavor = reader.getEnum("flavor", Flavor.values());
        try {
            return new PageHinkleyParameters(minInstances, delta, threshold, alpha, mode, flavor);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
