package dev.momo.detectors;

/**
 * Parameters of {@link Eddm}. The defaults are River's ({@code river.drift.binary.EDDM}:
 * warm_start 30, alpha 0.95, beta 0.9), the values that Baena-García et al. propose in "Early
 * drift detection method" (2006).
 *
 * @param warmStart values, and then errors, seen before a warning or drift can be reported
 * @param alpha warning when the distance statistic falls below this share of its maximum, in (0, 1]
 * @param beta drift when it falls below this share, in (0, alpha]
 */
public record EddmParameters(int warmStart, double alpha, double beta) implements DetectorParameters {

    private static final DetectorKind KIND = DetectorKind.EDDM;

    public EddmParameters {
        Checks.requireInRange(KIND, "warm_start", warmStart, 0, Integer.MAX_VALUE);
        Checks.requireLeftOpenInterval(KIND, "alpha", alpha, 0.0, 1.0);
        Checks.requireLeftOpenInterval(KIND, "beta", beta, 0.0, alpha);
    }

    /** Returns River's defaults. */
    public static EddmParameters defaults() {
        return new EddmParameters(30, 0.95, 0.9);
    }

    @Override
    public DetectorKind kind() {
        return KIND;
    }

    @Override
    public Eddm newDetector() {
        return new Eddm(this);
    }

    static EddmParameters parse(final ParameterMap map) {
        final EddmParameters defaults = defaults();
        return new EddmParameters(
                map.getInt("warm_start", defaults.warmStart),
                map.getDouble("alpha", defaults.alpha),
                map.getDouble("beta", defaults.beta));
    }

    void write(final StateWriter writer) {
        writer.putInt(warmStart);
        writer.putDouble(alpha);
        writer.putDouble(beta);
    }

    static EddmParameters read(final StateReader reader) {
        final int warmStart = reader.getInt("warm_start");
        final double alpha = reader.getDouble("alpha");
        final double beta = reader.getDouble("beta");
        try {
            return new EddmParameters(warmStart, alpha, beta);
        } catch (IllegalArgumentException e) {
            throw reader.invalid(e.getMessage());
        }
    }
}
