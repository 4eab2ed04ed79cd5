package dev.momo.profile;

/**
 * Reference distribution of a numeric column.
 *
 * @param min smallest finite reference value
 * @param max largest finite reference value
 * @param mean arithmetic mean
 * @param std population standard deviation
 * @param binEdges quantile bin edges e_0 &lt; ... &lt; e_k; histograms over them have k + 2 bins, the
 *     first for values below e_0 and the last for values above e_k
 * @param binCounts reference counts in those k + 2 bins
 * @param sampleValues sorted points of the reference sample used by Kolmogorov-Smirnov
 * @param sampleWeights weight of each point; they add up to the number of finite reference values
 */
public record NumericSummary(
        double min,
        double max,
        double mean,
        double std,
        double[] binEdges,
        double[] binCounts,
        double[] sampleValues,
        double[] sampleWeights) {
}
