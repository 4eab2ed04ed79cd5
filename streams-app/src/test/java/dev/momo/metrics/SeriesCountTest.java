package dev.momo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.Statistic;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.testing.AlertRecords;
import dev.momo.testing.PrometheusText;
import dev.momo.table.CsvTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Series that Momo's own metrics add for 100 models of 50 numeric features, one version each, with a
 * prediction and a probability column, labels and CBPE: the checks are those that {@link DriftEvaluator}
 * runs on a window of a profile built with the default options (5000-row chunks, so the distances and
 * the data-quality checks). Each model goes through what one judged window, its events and its labels
 * report. The counts, per family, go to {@code target/series-count.txt}.
 */
class SeriesCountTest {

    private static final int MODELS = 100;
    private static final int FEATURES = 50;
    private static final int ROWS = 10_000;
    private static final int WINDOW = 5_000;
    private static final List<String> PERFORMANCE_METRICS = List.of("accuracy", "precision", "recall", "f1",
            "roc_auc");
    private static final List<String> ESTIMATED_METRICS = List.of("estimated_accuracy", "estimated_roc_auc");
    /**
     * Series for 100 models, 1,536 per model. The drift gauges make 1,480: 4 gauges on 370 rows, which are 7
     * checks on each of the 51 numeric columns, 5 on the categorical prediction, the data-set row and 7
     * performance rows. The rest are 21 performance gauges, 18 label delay histogram series (15 bounds, +Inf,
     * count, sum), 5 of the detector, 2 open-alert series and 10 other counters and gauges.
     */
    private static final int EXPECTED_TOTAL = 153_600;

    private static List<CheckResult> window50;
    private static List<CheckResult> window80;
    private static Predicate<String> outputs;

    @BeforeAll
    static void judgeOneWindow() {
        final ReferenceProfile profile50 = profile(FEATURES);
        window50 = DriftEvaluator.evaluate(profile50, window(profile50, FEATURES));
        final ReferenceProfile profile80 = profile(80);
        window80 = DriftEvaluator.evaluate(profile80, window(profile80, 80));
        outputs = column -> column.equals("prediction") || column.equals("probability");
        assertThat(profile50.column("prediction").orElseThrow().role()).isNotEqualTo(ColumnRole.FEATURE);
    }

    @Test
    void hundredModelsOfFiftyFeatures_countPerFamily() throws IOException {
        final MomoMetrics metrics = new MomoMetrics();
        for (int m = 0; m < MODELS; m++) {
            report(metrics, "model-" + m, window50);
        }
        final PrometheusText scrape = PrometheusText.scrape(metrics.registry());
        final int total = scrape.seriesCount("momo_");
        assertThat(scrape.seriesCount("momo_alerts_open")).isEqualTo(MODELS * 2);

        // Per model: 4 drift gauges per row (plus the p-value gauge of checks judged on a p-value), 3
        // performance gauges per metric, and 16 buckets, count and sum of the label delay histogram.
        final long columnChecks = window50.size();
        assertThat(columnChecks).as("column checks of 52 columns").isEqualTo(362);
        final long pValueChecks = window50.stream()
                .filter(check -> StatisticThreshold.SOURCE_P_VALUE.equals(check.thresholdSource())).count();
        final long driftRows = columnChecks + 1 + PERFORMANCE_METRICS.size() + ESTIMATED_METRICS.size();
        assertThat(scrape.seriesCount("momo_drift_"))
                .isEqualTo((int) (MODELS * (4 * driftRows + pValueChecks)));
        assertThat(scrape.seriesCount("momo_performance_"))
                .isEqualTo(MODELS * 3 * (PERFORMANCE_METRICS.size() + ESTIMATED_METRICS.size()));
        assertThat(scrape.seriesCount("momo_label_join_delay_seconds")).isEqualTo(MODELS * (16 + 2));

        final Map<String, Integer> perFamily = new TreeMap<>();
        scrape.families().values().forEach(family -> perFamily.put(family.name(), family.samples().size()));
        final StringBuilder lines = new StringBuilder("# Series of Momo's own metrics for " + MODELS + " models of "
                + FEATURES + " numeric features, " + columnChecks + " column checks per window\n");
        perFamily.forEach((family, count) -> lines.append(family).append(' ').append(count).append('\n'));
        lines.append("total ").append(total).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "series-count.txt"), lines, StandardCharsets.UTF_8);
        metrics.close();

        // The figure that docs/observability.md gives.
        assertThat(total).isEqualTo(EXPECTED_TOTAL);
    }

    @Test
    void eightyFeaturesUnderDefaultCap_countAsFifty() {
        final MomoMetrics fifty = new MomoMetrics();
        final MomoMetrics eighty = new MomoMetrics();
        for (int m = 0; m < MODELS; m++) {
            fifty.columnDrift("model-" + m, "1", window50, outputs);
            eighty.columnDrift("model-" + m, "1", window80, outputs);
        }

        final PrometheusText capped = PrometheusText.scrape(eighty.registry());
        assertThat(capped.seriesCount("momo_drift_"))
                .isEqualTo(PrometheusText.scrape(fifty.registry()).seriesCount("momo_drift_"));
        assertThat(capped.value("momo_metrics_features_dropped_total", "model", "model-0")).isEqualTo(30.0);
        fifty.close();
        eighty.close();
    }

    /** Everything one model reports for one judged window, its events, its labels, its detector and two open alerts. */
    private static void report(final MomoMetrics metrics, final String model, final List<CheckResult> window) {
        metrics.eventProcessed(model);
        metrics.lateEvents(model, 1);
        metrics.labelReceived(model);
        metrics.labelJoined(model, 60_000);
        metrics.labelUnmatched(model);
        metrics.predictionUnlabeled(model);
        metrics.windowClosed(model, "1");
        metrics.windowCloseLag(model, "1", 2_000, 1_000);
        metrics.alertRaised(model, "warning");
        metrics.alertResolved(model, "warning");
        final OpenAlertCounts.TaskCounts open = metrics.openAlerts("count/" + model);
        open.add(AlertRecords.alert("a-1", model, AlertState.OPENED, AlertSeverity.WARNING, 0));
        open.add(AlertRecords.alert("a-2", model, AlertState.UPDATED, AlertSeverity.CRITICAL, 0));
        // The default detector: ADWIN on the probability column.
        metrics.detectorEstimate(model, "1", "adwin", "probability", Map.of("width", 500.0, "mean", 0.3,
                "variance", 0.01));
        metrics.detection(model, "1", "adwin", "probability");
        metrics.detectorValueRejected(model, "adwin", "probability");
        metrics.columnDrift(model, "1", window, outputs);
        metrics.drift(model, "1", "drifted_feature_share", new CheckResult("dataset", Statistic.JENSEN_SHANNON, 0.1,
                0.5, 0.75, StatisticThreshold.SOURCE_FIXED, Double.NaN, WINDOW, ROWS, false));
        for (final String metric : PERFORMANCE_METRICS) {
            performance(metrics, model, metric, MomoMetrics.REALIZED);
        }
        for (final String metric : ESTIMATED_METRICS) {
            performance(metrics, model, metric, MomoMetrics.ESTIMATED);
        }
    }

    private static void performance(final MomoMetrics metrics, final String model, final String metric,
                                    final String kind) {
        metrics.drift(model, "1", metric, new CheckResult("performance", Statistic.JENSEN_SHANNON, 0.9, 0.8,
                Double.NaN, PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER, Double.NaN, WINDOW, ROWS, false));
        metrics.performance(model, "1", metric, kind, 0.9, 0.8, 0.92);
    }

    /** Builds a profile of numeric features x0, x1, ... with a prediction and a probability column. */
    private static ReferenceProfile profile(final int features) {
        final List<String> header = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            header.add("x" + f);
        }
        header.add("prediction");
        header.add("probability");
        final SplittableRandom random = new SplittableRandom(7);
        final List<String[]> rows = new ArrayList<>(ROWS);
        for (int r = 0; r < ROWS; r++) {
            final String[] cells = new String[header.size()];
            for (int f = 0; f < features; f++) {
                cells[f] = String.valueOf(random.nextDouble());
            }
            final double probability = random.nextDouble();
            cells[features] = probability >= 0.5 ? "1" : "0";
            cells[features + 1] = String.valueOf(probability);
            rows.add(cells);
        }
        final ProfileOptions options = new ProfileOptions("model", "1", null, "prediction", "probability", null,
                Set.of(), Set.of(), Set.of(), WINDOW, ProfileOptions.DEFAULT_BINS, 1000,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(options).build(CsvTable.of(Path.of("series-count.csv"), header, rows), chunk -> { });
    }

    private static dev.momo.drift.WindowAggregate window(final ReferenceProfile profile, final int features) {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile, 1000);
        final SplittableRandom random = new SplittableRandom(11);
        for (int e = 0; e < WINDOW; e++) {
            final Map<String, Object> values = new LinkedHashMap<>();
            for (int f = 0; f < features; f++) {
                values.put("x" + f, random.nextDouble());
            }
            final double probability = random.nextDouble();
            values.put("prediction", probability >= 0.5 ? "1" : "0");
            values.put("probability", probability);
            builder.add(values, e);
        }
        return builder.build();
    }
}
