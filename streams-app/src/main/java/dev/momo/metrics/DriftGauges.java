package dev.momo.metrics;

import dev.momo.drift.CheckResult;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.StatisticThreshold;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The drift gauges, one series per model, version, feature and statistic, with a cap on the features
 * that each model version exports.
 *
 * <p>Each judged window passes all its column checks at once. The columns that the caller pins (the
 * prediction and probability columns) are always exported. The other columns are ranked by their drift
 * score, the maximum over their checks of how far the check exceeds its threshold: {@code
 * value / threshold} for a threshold on the value, {@code threshold / pValue} for a threshold on the
 * p-value. A score above 1 means drifted. Checks without a value (NaN) rank last, and ties go by feature
 * name. The first {@code maxFeatures} columns are exported. A feature that leaves the top loses all its
 * series at once, so a dashboard never shows a stale value beside fresh ones. Each feature left out of a
 * window adds 1 to {@code momo_metrics_features_dropped_total{model}}.
 *
 * <p>Series per model version: 4 per exported check (value, threshold, critical threshold, drifted) and a
 * fifth for checks judged on a p-value. A numeric column has 7 checks by default (2 distances and 5
 * data-quality shares) and a categorical one 5, so 100 models of 50 numeric features, a probability and a
 * categorical prediction column make 100 * 4 * 362 = 144,800 column series under the default cap, plus 3,200
 * for the rows of {@link #set} (data-set drift and 7 performance metrics). {@code SeriesCountTest} counts them
 * from a scrape, with every other metric of Momo: 153,600 series in all.
 *
 * <p>Thread-safe: count windows of one model version can close on several stream threads at once, so
 * the exported set of each model version changes under its own lock.
 */
final class DriftGauges {

    /** Default critical level of a value threshold, as a multiple of the warning level (see {@link CheckResult}). */
    private static final double DEFAULT_VALUE_CRITICAL_FACTOR = CheckResult.DEFAULT_CRITICAL_FACTOR;
    /** Default critical level of a p-value threshold: the warning level divided by this (see {@link CheckResult}). */
    private static final double DEFAULT_P_VALUE_CRITICAL_DIVISOR = 5;

    private final int maxFeatures;
    private final Gauge value;
    private final Gauge threshold;
    private final Gauge criticalThreshold;
    private final Gauge pValue;
    private final Gauge drifted;
    private final Counter featuresDropped;
    /** Exported features and their statistics, per model and version. */
    private final Map<List<String>, Map<String, Set<String>>> exported = new ConcurrentHashMap<>();

    DriftGauges(final PrometheusRegistry registry, final int maxFeatures) {
        this.maxFeatures = maxFeatures;
        final String[] labels = {"model", "version", "feature", "statistic"};
        value = Gauge.builder().name("momo_drift_value")
                .help("Latest value of a drift statistic").labelNames(labels).register(registry);
        threshold = Gauge.builder().name("momo_drift_threshold")
                .help("Warning threshold of a drift check; on the p-value when momo_drift_p_value exists, else on"
                        + " the value").labelNames(labels).register(registry);
        criticalThreshold = Gauge.builder().name("momo_drift_critical_threshold")
                .help("Critical threshold of a drift check, on the same quantity as momo_drift_threshold; NaN when"
                        + " the check has none").labelNames(labels).register(registry);
        pValue = Gauge.builder().name("momo_drift_p_value")
                .help("Latest p-value of a drift test, for the checks whose threshold applies to the p-value")
                .labelNames(labels).register(registry);
        drifted = Gauge.builder().name("momo_drift_drifted")
                .help("1 when the latest window drifted on the statistic, else 0").labelNames(labels)
                .register(registry);
        featuresDropped = Counter.builder().name("momo_metrics_features_dropped_total")
                .help("Features of judged windows left out of the drift gauges by the cap momo.metrics.max-features,"
                        + " counted once per window").labelNames("model").register(registry);
    }

    /**
     * Exports the column checks of one judged window under the cap.
     *
     * @param results every column check of the window
     * @param pinned columns exported whatever their rank, such as the prediction
     */
    void window(final String model, final String version, final List<CheckResult> results,
                final Predicate<String> pinned) {
        final Map<String, List<CheckResult>> byFeature = new LinkedHashMap<>();
        for (final CheckResult result : results) {
            byFeature.computeIfAbsent(result.feature(), feature -> new ArrayList<>()).add(result);
        }
        final List<String> ranked = new ArrayList<>();
        final Map<String, Double> scores = new HashMap<>();
        for (final Map.Entry<String, List<CheckResult>> entry : byFeature.entrySet()) {
            if (!pinned.test(entry.getKey())) {
                ranked.add(entry.getKey());
                scores.put(entry.getKey(), featureScore(entry.getValue()));
            }
        }
        ranked.sort(Comparator.comparingDouble((String feature) -> orderKey(scores.get(feature)))
                .thenComparing(Comparator.naturalOrder()));
        final Set<String> kept = new TreeSet<>(ranked.subList(0, Math.min(maxFeatures, ranked.size())));
        byFeature.keySet().stream().filter(pinned).forEach(kept::add);
        if (ranked.size() > maxFeatures) {
            featuresDropped.labelValues(model).inc(ranked.size() - maxFeatures);
        }

        final Map<String, Set<String>> series = exported.computeIfAbsent(List.of(model, version),
                key -> new HashMap<>());
        synchronized (series) {
            for (final String feature : List.copyOf(series.keySet())) {
                if (!kept.contains(feature)) {
                    series.remove(feature).forEach(statistic -> remove(model, version, feature, statistic));
                }
            }
            for (final String feature : kept) {
                final Set<String> statistics = series.computeIfAbsent(feature, name -> new TreeSet<>());
                for (final CheckResult result : byFeature.get(feature)) {
                    statistics.add(result.statistic().id());
                    set(model, version, result.statistic().id(), result);
                }
            }
        }
    }

    /**
     * Exports one check outside the cap: data-set drift and performance metrics, whose subject is the
     * model version rather than a column.
     *
     * @param statistic the statistic label, which may differ from {@code result.statistic()}
     */
    void set(final String model, final String version, final String statistic, final CheckResult result) {
        final String feature = result.feature();
        value.labelValues(model, version, feature, statistic).set(result.value());
        threshold.labelValues(model, version, feature, statistic).set(result.threshold());
        criticalThreshold.labelValues(model, version, feature, statistic).set(criticalLevel(result));
        drifted.labelValues(model, version, feature, statistic).set(result.drifted() ? 1 : 0);
        if (StatisticThreshold.SOURCE_P_VALUE.equals(result.thresholdSource())) {
            pValue.labelValues(model, version, feature, statistic).set(result.pValue());
        }
    }

    private void remove(final String model, final String version, final String feature, final String statistic) {
        value.remove(model, version, feature, statistic);
        threshold.remove(model, version, feature, statistic);
        criticalThreshold.remove(model, version, feature, statistic);
        pValue.remove(model, version, feature, statistic);
        drifted.remove(model, version, feature, statistic);
    }

    /** Returns the highest score of a feature's checks, NaN when none has one. */
    static double featureScore(final List<CheckResult> checks) {
        double max = Double.NaN;
        for (final CheckResult check : checks) {
            final double score = score(check);
            if (!Double.isNaN(score) && (Double.isNaN(max) || score > max)) {
                max = score;
            }
        }
        return max;
    }

    /**
     * Returns how far a check exceeds its threshold, above 1 when it drifted. NaN when the check has no
     * value, or no positive finite threshold to divide by.
     */
    static double score(final CheckResult check) {
        final double level = check.threshold();
        if (!(level > 0) || Double.isInfinite(level)) {
            return Double.NaN;
        }
        if (StatisticThreshold.SOURCE_P_VALUE.equals(check.thresholdSource())) {
            // A p-value of 0 gives an infinite score, the strongest evidence of drift.
            return Double.isNaN(check.pValue()) ? Double.NaN : level / check.pValue();
        }
        return check.value() / level;
    }

    /**
     * Returns the critical level that the alerting applies, as {@link CheckResult#isCritical()} decides it:
     * the check's own, or else the default for its kind of threshold.
     */
    static double criticalLevel(final CheckResult check) {
        if (!Double.isNaN(check.critical())) {
            return check.critical();
        }
        if (PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER.equals(check.thresholdSource())) {
            return Double.NaN;
        }
        if (StatisticThreshold.SOURCE_P_VALUE.equals(check.thresholdSource())) {
            return check.threshold() / DEFAULT_P_VALUE_CRITICAL_DIVISOR;
        }
        return check.threshold() * DEFAULT_VALUE_CRITICAL_FACTOR;
    }

    /** Sort key that puts the highest scores first and NaN last. */
    private static double orderKey(final double score) {
        return Double.isNaN(score) ? Double.POSITIVE_INFINITY : -score;
    }
}
