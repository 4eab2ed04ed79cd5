package dev.momo.profile;

/**
 * Drift threshold of one statistic of one column: a window drifts when its value is greater.
 *
 * @param threshold the bound
 * @param source {@code reference_chunks} when derived as mean + k standard deviations of the statistic
 *     over reference chunks, {@code default} when fixed
 * @param chunkMean mean of the statistic over reference chunks (NaN for fixed thresholds)
 * @param chunkStd population standard deviation over reference chunks (NaN for fixed thresholds)
 * @param chunkValues the statistic of each reference chunk against the whole reference
 */
public record StatisticThreshold(
        double threshold,
        String source,
        double chunkMean,
        double chunkStd,
        double[] chunkValues) {

    public static final String SOURCE_REFERENCE_CHUNKS = "reference_chunks";
    public static final String SOURCE_DEFAULT = "default";
}
