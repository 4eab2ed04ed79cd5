package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import dev.momo.statistics.WeightedSample;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contents of one column in one window: a weighted sample of the finite values (numeric columns) or the
 * count of each category (categorical columns), plus missing and invalid counts. Immutable and
 * mergeable, so partial windows of several partitions combine into one.
 *
 * @param kind how the values were read
 * @param missing events without a value
 * @param invalid values that cannot be compared: NaN, infinities, or text in a numeric column
 * @param sample finite values of a numeric column (empty for categorical ones)
 * @param categoryCounts count per category of a categorical column (empty for numeric ones)
 */
public record FeatureWindow(
        ColumnKind kind,
        long missing,
        long invalid,
        WeightedSample sample,
        Map<String, Double> categoryCounts) {

    public FeatureWindow {
        categoryCounts = new TreeMap<>(categoryCounts);
    }

    /** Values compared with the reference: finite numbers or categorized values. */
    public double sampleSize() {
        if (kind == ColumnKind.NUMERIC) {
            return sample.size() == 0 ? 0 : sample.totalWeight();
        }
        return categoryCounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Combines two partial windows of the same column; the sample is compressed back to at most
     * {@code maxSamplePoints} points.
     */
    public FeatureWindow merge(final FeatureWindow other, final int maxSamplePoints) {
        if (other.kind != kind) {
            throw new IllegalArgumentException("cannot merge a " + kind + " window with a " + other.kind + " window");
        }
        final Map<String, Double> counts = new TreeMap<>(categoryCounts);
        other.categoryCounts.forEach((category, count) -> counts.merge(category, count, Double::sum));
        return new FeatureWindow(kind, missing + other.missing, invalid + other.invalid,
                sample.merge(other.sample).compress(maxSamplePoints), counts);
    }
}
