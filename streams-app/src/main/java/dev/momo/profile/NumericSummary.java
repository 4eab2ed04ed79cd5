package dev.momo.profile;

import dev.momo.statistics.BinningRule;
import dev.momo.statistics.WeightedSample;

/**
 * Reference distribution of a numeric column.
 *
 * @param min smallest finite reference value
 * @param max largest finite reference value
 * @param mean arithmetic mean
 * @param std population standard deviation
 * @param binning id of the {@link BinningRule} that set the edges ({@code quantile} for version-1 profiles)
 * @param binEdges bin edges e_0 &lt; ... &lt; e_k; histograms over them have k + 2 bins, the first for
 *     values below e_0 and the last for values above e_k
 * @param binCounts reference counts in those k + 2 bins
 * @param sampleValues sorted distinct points of the reference sample used by the two-sample statistics
 * @param sampleWeights weight of each point, adding up to the number of finite reference values
 * @param sampleErrorBound bound on the sample's CDF error, 0 when it holds every reference value
 *     (see {@link WeightedSample#cdfErrorBound()})
 */
public record NumericSummary(
        double min,
        double max,
        double mean,
        double std,
        String binning,
        double[] binEdges,
        double[] binCounts,
        double[] sampleValues,
        double[] sampleWeights,
        double sampleErrorBound) {

    public NumericSummary {
        if (binning == null) {
            binning = BinningRule.QUANTILE.id();
        }
    }

    /** The reference sample as a {@link WeightedSample}. */
    public WeightedSample sample() {
        return WeightedSample.of(sampleValues, sampleWeights, sampleErrorBound);
    }
}
