package dev.momo.drift;

import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift of a window's data set as a whole: how many of the profile's features drifted.
 *
 * <p>A feature is judged when at least one of its distance or test checks has a value computed on at
 * least {@code minSampleSize} values; it drifted when any of those checks drifted. Data-quality
 * checks do not count (they have alerts of their own), and neither do prediction and probability
 * columns, which are the model's outputs. Drifted features are ranked by how far their strongest
 * check went past its threshold: {@code value / threshold}, or {@code log p / log alpha} for a test
 * judged by its p-value, so that both read "1 at the threshold, larger beyond it".
 *
 * @param judged features judged in the window
 * @param driftedFeatures the drifted ones, most drifted first
 */
public record DatasetDrift(int judged, List<String> driftedFeatures) {

    public DatasetDrift {
        driftedFeatures = List.copyOf(driftedFeatures);
    }

    /** Returns whether the profile has features, so that its windows get a data-set drift record. */
    public static boolean appliesTo(final ReferenceProfile profile) {
        return profile.columns().stream().anyMatch(column -> column.role() == ColumnRole.FEATURE);
    }

    /** Share of judged features that drifted; NaN when none was judged. */
    public double share() {
        return judged == 0 ? Double.NaN : (double) driftedFeatures.size() / judged;
    }

    public static DatasetDrift of(final ReferenceProfile profile, final List<CheckResult> results,
                                  final long minSampleSize) {
        final Map<String, Double> strongest = new LinkedHashMap<>();
        for (final CheckResult result : results) {
            final Statistic.Family family = result.statistic().family();
            final ColumnProfile column = profile.column(result.feature()).orElse(null);
            if (family == Statistic.Family.QUALITY || column == null || column.role() != ColumnRole.FEATURE
                    || Double.isNaN(result.value()) || result.sampleSize() < minSampleSize) {
                continue;
            }
            final double degree = result.drifted() ? degree(result) : 0;
            strongest.merge(result.feature(), degree, Math::max);
        }
        final List<Map.Entry<String, Double>> drifted = new ArrayList<>();
        for (final Map.Entry<String, Double> entry : strongest.entrySet()) {
            if (entry.getValue() > 0) {
                drifted.add(entry);
            }
        }
        drifted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return new DatasetDrift(strongest.size(), drifted.stream().map(Map.Entry::getKey).toList());
    }

    /** Returns how far a drifted check went past its threshold, at least a tiny positive number. */
    private static double degree(final CheckResult result) {
        final double degree;
        if (StatisticThreshold.SOURCE_P_VALUE.equals(result.thresholdSource())) {
            degree = Math.log(Math.max(result.pValue(), Double.MIN_NORMAL)) / Math.log(result.threshold());
        } else {
            degree = result.threshold() > 0 ? result.value() / result.threshold() : Double.MAX_VALUE;
        }
        return Math.max(degree, Double.MIN_NORMAL);
    }
}
