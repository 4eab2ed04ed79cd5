package dev.momo.profile;

/**
 * Threshold of one check of one column, with how it was set.
 *
 * <p>For the sources {@code reference_chunks} and {@code fixed} the window drifts when the statistic is
 * greater than {@code threshold}, and is critical when it is greater than {@code critical}. For the
 * source {@code p_value} both levels apply to the p-value instead: the window drifts when
 * {@code p <= threshold} (before the profile's multiple-testing correction).
 *
 * @param threshold warning level, or NaN when none could be set (the evaluator then uses the fixed default)
 * @param critical critical level, or NaN when the alerting default (twice the warning level) applies
 * @param source {@value #SOURCE_REFERENCE_CHUNKS}, {@value #SOURCE_FIXED} or {@value #SOURCE_P_VALUE}
 * @param chunkMean mean of the statistic over reference chunks (NaN when not computed)
 * @param chunkStd population standard deviation over reference chunks (NaN when not computed)
 * @param chunkValues the statistic of each reference chunk, or an empty array
 */
public record StatisticThreshold(
        double threshold,
        double critical,
        String source,
        double chunkMean,
        double chunkStd,
        double[] chunkValues) {

    /** Mean plus k standard deviations of the statistic over reference chunks. */
    public static final String SOURCE_REFERENCE_CHUNKS = "reference_chunks";
    /** A documented fixed level of the statistic. */
    public static final String SOURCE_FIXED = "fixed";
    /** A significance level for the p-value. */
    public static final String SOURCE_P_VALUE = "p_value";
    /** Version-1 spelling of {@link #SOURCE_FIXED}. */
    static final String SOURCE_VERSION_1_DEFAULT = "default";

    public StatisticThreshold {
        if (SOURCE_VERSION_1_DEFAULT.equals(source)) {
            source = SOURCE_FIXED;
        }
        if (chunkValues == null) {
            chunkValues = new double[0];
        }
    }

    public boolean onPValue() {
        return SOURCE_P_VALUE.equals(source);
    }
}
