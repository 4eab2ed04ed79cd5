package dev.momo.detectors;


/**
 * Parameters of {@link HddmA}. The defaults are River's ({@code river.drift.binary.HDDM_A}:
 * drift_confidence 0.001, warning_confidence 0.005, two_sided_test false), which are MOA's.
 *
 * @param driftConfidence significance level of the drift test, in (0, 1); smaller means fewer
 *     false alarms and later detections
 * @param warningConfidence significance level of the warning test, in [driftConfidence, 1)
 * @param twoSided also detect decreases of the mean, not only increases
 */
public record HddmAParameters(double driftConfidence, double warningConfidence, boolean twoSided)
        implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.HDDM_A;

    public HddmAParameters {
        Checks.requireOpenInterval(KIND, "drift_confidence", driftConfidence, 0.0, 1.0);
        Checks.requireOpenInterval(KIND, "warning_confidence", warningConfidence, 0.0, 1.0);
        if (warningConfidence < driftConfidence) {
            throw new IllegalArgumentException("hddm-a warning_confidence must be >= drift_confidence ("
                    + driftConfidence + "), got " + warningConfidence);
        }
    }

    /** Returns River's defaults. */
    public static HddmAParameters defaults() {
        return new HddmAParameters(0.001, 0.005, false);
    }

    /** Returns these parameters with the two-sided test on or off. */
    public HddmAParameters withTwoSided(final boolean newTwoSided) {
        return new HddmAParameters(driftConfidence, warningConfidence, newTwoSided);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public HddmA newDetector() {
        return new HddmA(this);
    }

    static HddmAParameters parse(final ParameterMap map) {
        final HddmAParameters defaults = defaults();
        return new HddmAParameters(
                map.getDouble("drift_confidence", defaults.driftConfidence),
                map.getDouble("warning_confidence", defaults.warningConfidence),
                map.getBoolean("two_sided_test", defaults.twoSided));
    }

    void write(final StateWriter writer) {
        writer.putDouble(driftConfidence);
        writer.putDouble(warningConfidence);
        writer.putBoolean(twoSided);
    }

    static HddmAParameters read(final StateReader reader) {
        final double driftConfidence = reader.getDouble("drift_confidence");
        final double warningConfidence = reader.getDouble("warning_confidence");
        final boolean twoSided = reader.getBoolean("two_sided_test");
        try {
            return new HddmAParameters(driftConfidence, warningConfidence, twoSided);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
