package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import dev.momo.statistics.WeightedSample;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contents of one column in one window. Immutable and mergeable, so partial windows of several
 * partitions combine into one.
 *
 * <p>Numeric columns keep a weighted sample of their finite values, for the two-sample statistics, and
 * the exact counts over the reference bins, for the binned ones. The counts stay exact whatever the
 * window size, the sample only up to its point cap. Categorical columns keep the count of each category.
 *
 * @param kind how the values were read
 * @param missing events whose value is null or empty
 * @param absent events that do not carry the column at all
 * @param typeMismatches values of the wrong type: text that is not a number in a numeric column
 * @param nonFinite NaN or infinite values (of a numeric column, or a NaN in a categorical one)
 * @param sample finite values of a numeric column (empty for categorical ones)
 * @param binCounts counts over the reference bins with underflow and overflow bins (numeric columns),
 *     empty when the window was built without the reference bins
 * @param categoryCounts count per category of a categorical column (empty for numeric ones)
 */
public record FeatureWindow(
        ColumnKind kind,
        long missing,
        long absent,
        long typeMismatches,
        long nonFinite,
        WeightedSample sample,
        double[] binCounts,
        Map<String, Double> categoryCounts) {

    public FeatureWindow {
        categoryCounts = new TreeMap<>(categoryCounts);
        binCounts = binCounts == null ? new double[0] : binCounts;
    }

    /** A column without any event. */
    public static FeatureWindow empty(final ColumnKind kind) {
        return new FeatureWindow(kind, 0, 0, 0, 0, WeightedSample.empty(), new double[0], Map.of());
    }

    /** Values compared with the reference: finite numbers or categorized values. */
    public double sampleSize() {
        if (kind == ColumnKind.NUMERIC) {
            return sample.size() == 0 ? 0 : sample.totalWeight();
        }
        return categoryCounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Combines two partial windows of the same column, compressing the sample back to at most
     * {@code maxSamplePoints} points. Bin counts add up when both partials were binned over the same
     * edges. Otherwise (the profile changed between them) the merged window has none and the evaluator
     * bins its sample instead.
     */
    public FeatureWindow merge(final FeatureWindow other, final int maxSamplePoints) {
        if (other.kind != kind) {
            throw new IllegalArgumentException("cannot merge a " + kind + " window with a " + other.kind + " window");
        }
        final Map<String, Double> counts = new TreeMap<>(categoryCounts);
        other.categoryCounts.forEach((category, count) -> counts.merge(category, count, Double::sum));
        return new FeatureWindow(kind, missing + other.missing, absent + other.absent,
                typeMismatches + other.typeMismatches, nonFinite + other.nonFinite,
                sample.merge(other.sample).combineTies().compress(maxSamplePoints), mergeBins(other), counts);
    }

    private double[] mergeBins(final FeatureWindow other) {
        if (sampleSize() == 0 && binCounts.length == 0) {
            return other.binCounts;
        }
        if (other.sampleSize() == 0 && other.binCounts.length == 0) {
            return binCounts;
        }
        if (binCounts.length != other.binCounts.length) {
            return new double[0];
        }
        final double[] merged = binCounts.clone();
        for (int i = 0; i < merged.length; i++) {
            merged[i] += other.binCounts[i];
        }
        return merged;
    }
}
