package dev.momo.detectors;

/**
 * Parameters of {@link Ddm}. The defaults are River's ({@code river.drift.binary.DDM}: warm_start
 * 30, warning_threshold 2, drift_threshold 3), the levels of Gama et al., "Learning with drift
 * detection" (SBIA 2004).
 *
 * @param warmStart values seen before the minimum is tracked and a warning or drift can be reported
 * @param warningThreshold warning when the error rate plus its standard deviation exceeds the
 *     minimum rate plus this many minimum standard deviations (2: about 95 % confidence)
 * @param driftThreshold the same for a drift (3: about 99 % confidence); at least warningThreshold
 */
public record DdmParameters(int warmStart, double warningThreshold, double driftThreshold)
        implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.DDM;

    public DdmParameters {
        Checks.requireInRange(KIND, "warm_start", warmStart, 0, Integer.MAX_VALUE);
        Checks.requirePositive(KIND, "warning_threshold", warningThreshold);
        Checks.requirePositive(KIND, "drift_threshold", driftThreshold);
        if (driftThreshold < warningThreshold) {
            throw new IllegalArgumentException("ddm drift_threshold must be >= warning_threshold ("
                    + warningThreshold + "), got " + driftThreshold);
        }
    }

    /** Returns River's defaults. */
    public static DdmParameters defaults() {
        return new DdmParameters(30, 2.0, 3.0);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public Ddm newDetector() {
        return new Ddm(this);
    }

    static DdmParameters parse(final ParameterMap map) {
        final DdmParameters defaults = defaults();
        return new DdmParameters(
                map.getInt("warm_start", defaults.warmStart),
                map.getDouble("warning_threshold", defaults.warningThreshold),
                map.getDouble("drift_threshold", defaults.driftThreshold));
    }

    void write(final StateWriter writer) {
        writer.putInt(warmStart);
        writer.putDouble(warningThreshold);
        writer.putDouble(driftThreshold);
    }

    static DdmParameters read(final StateReader reader) {
        final int warmStart = reader.getInt("warm_start");
        final double warningThreshold = reader.getDouble("warning_threshold");
        final double driftThreshold = reader.getDouble("drift_threshold");
        try {
            return new DdmParameters(warmStart, warningThreshold, driftThreshold);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
