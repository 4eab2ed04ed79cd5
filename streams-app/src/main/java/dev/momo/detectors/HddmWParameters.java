package dev.momo.detectors;

/**
 * Parameters of {@link HddmW}. The defaults are River's ({@code river.drift.binary.HDDM_W}:
 * drift_confidence 0.001, warning_confidence 0.005, lambda_val 0.05, two_sided_test false), which
 * are MOA's.
 *
 * @param driftConfidence significance level of the drift test, in (0, 1)
 * @param warningConfidence significance level of the warning test, in [driftConfidence, 1)
 * @param lambda weight of the newest value in the moving average, in (0, 1]; larger values forget
 *     faster and react sooner, with more noise
 * @param twoSided also detect decreases of the mean, not only increases
 */
public record HddmWParameters(double driftConfidence, double warningConfidence, double lambda, boolean twoSided)
        implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.HDDM_W;

    public HddmWParameters {
        Checks.requireOpenInterval(KIND, "drift_confidence", driftConfidence, 0.0, 1.0);
        Checks.requireOpenInterval(KIND, "warning_confidence", warningConfidence, 0.0, 1.0);
        if (warningConfidence < driftConfidence) {
            throw new IllegalArgumentException("hddm-w warning_confidence must be >= drift_confidence ("
                    + driftConfidence + "), got " + warningConfidence);
        }
        Checks.requireLeftOpenInterval(KIND, "lambda_val", lambda, 0.0, 1.0);
    }

    /** Returns River's defaults. */
    public static HddmWParameters defaults() {
        return new HddmWParameters(0.001, 0.005, 0.05, false);
    }

    /** Returns these parameters with the two-sided test on or off. */
    public HddmWParameters withTwoSided(final boolean newTwoSided) {
        return new HddmWParameters(driftConfidence, warningConfidence, lambda, newTwoSided);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public HddmW newDetector() {
        return new HddmW(this);
    }

    static HddmWParameters parse(final ParameterMap map) {
        final HddmWParameters defaults = defaults();
        return new HddmWParameters(
                map.getDouble("drift_confidence", defaults.driftConfidence),
                map.getDouble("warning_confidence", defaults.warningConfidence),
                map.getDouble("lambda_val", defaults.lambda),
                map.getBoolean("two_sided_test", defaults.twoSided));
    }

    void write(final StateWriter writer) {
        writer.putDouble(driftConfidence);
        writer.putDouble(warningConfidence);
        writer.putDouble(lambda);
        writer.putBoolean(twoSided);
    }

    static HddmWParameters read(final StateReader reader) {
        final double driftConfidence = reader.getDouble("drift_confidence");
        final double warningConfidence = reader.getDouble("warning_confidence");
        final double lambda = reader.getDouble("lambda_val");
        final boolean twoSided = reader.getBoolean("two_sided_test");
        try {
            return new HddmWParameters(driftConfidence, warningConfidence, lambda, twoSided);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
