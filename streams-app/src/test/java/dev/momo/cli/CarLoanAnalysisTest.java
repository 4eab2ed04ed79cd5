package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on NannyML's synthetic car-loan data: {@code momo reference build} on the reference file,
 * then {@code momo analyze} with chunks of 5000 rows over the analysis file, through the real topology
 * on the in-process broker. The data set's documentation says that car_value, loan_length and
 * y_pred_proba drift from analysis row 25000 on, and debt_to_income_ratio and driver_tenure do not.
 */
class CarLoanAnalysisTest {

    private static final Path DATASETS = Path.of(System.getProperty("momo.datasets", "../../shared/datasets"));
    private static final int CHUNK = 5000;
    private static final int DRIFT_CHUNK = 25_000 / CHUNK;

    @TempDir
    static Path workDir;

    /** Drifted flag per column, then statistic, then window index. */
    private static final Map<String, Map<String, boolean[]>> FLAGS = new TreeMap<>();
    private static final List<JsonNode> LINES = new ArrayList<>();
    /** Detections of the default detector, ADWIN on y_pred_proba, in the order of the values. */
    private static final List<JsonNode> DETECTIONS = new ArrayList<>();
    /** Realized performance per metric and window of 5000 labelled rows. */
    private static final Map<String, double[]> PERFORMANCE = new TreeMap<>();
    /** CBPE's estimated performance per metric and window, computed without the labels. */
    private static final Map<String, double[]> ESTIMATED = new TreeMap<>();
    private static double referenceAccuracy = Double.NaN;

    @BeforeAll
    static void analyzeCarLoanFiles() throws IOException {
        final Path nannyml = DATASETS.resolve("nannyml");
        assumeTrue(Files.isDirectory(nannyml), "skipped: the shared data sets are absent (looked in "
                + nannyml.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        final Path profile = workDir.resolve("car-loan.json");
        final Path metrics = workDir.resolve("car-loan-metrics.jsonl");

        assertThat(run("reference", "build",
                "--input", nannyml.resolve("synthetic_car_loan_reference.csv.gz").toString(),
                "--model", "car-loan", "--model-version", "1",
                "--timestamp", "timestamp", "--prediction", "y_pred", "--probability", "y_pred_proba",
                "--label", "repaid", "--chunk-size", String.valueOf(CHUNK),
                "--output", profile.toString())).isZero();
        assertThat(run("analyze", "--profile", profile.toString(),
                "--input", nannyml.resolve("synthetic_car_loan_analysis.csv.gz").toString(),
                "--chunk-size", String.valueOf(CHUNK), "--output", metrics.toString())).isZero();

        final ObjectMapper json = new ObjectMapper();
        for (final String line : Files.readAllLines(metrics)) {
            final JsonNode node = json.readTree(line);
            if (node.get("thresholdSource").asText().equals("detector")) {
                DETECTIONS.add(node);
                continue;
            }
            if (node.get("feature").asText().equals("performance")
                    && node.get("statistic").asText().startsWith("estimated_")) {
                ESTIMATED.computeIfAbsent(node.get("statistic").asText(), s -> new double[10])
                        [node.get("windowIndex").asInt()] = node.get("value").asDouble();
                continue;
            }
            if (node.get("feature").asText().equals("performance")) {
                if (node.get("statistic").asText().equals("accuracy")) {
                    referenceAccuracy = node.get("referenceValue").asDouble();
                }
                PERFORMANCE.computeIfAbsent(node.get("statistic").asText(), s -> new double[10])
                        [node.get("windowIndex").asInt()] = node.get("value").asDouble();
                continue;
            }
            LINES.add(node);
            FLAGS.computeIfAbsent(node.get("feature").asText(), f -> new TreeMap<>())
                    .computeIfAbsent(node.get("statistic").asText(), s -> new boolean[10])
                    [node.get("windowIndex").asInt()] = node.get("drifted").asBoolean();
        }
        printFlags();
        PERFORMANCE.forEach((metric, values) -> System.out.println("  realized " + metric + ": "
                + java.util.Arrays.toString(values)));
        ESTIMATED.forEach((metric, values) -> System.out.println("  " + metric + ": "
                + java.util.Arrays.toString(values)));
        DETECTIONS.forEach(node -> System.out.println("  detection: " + node));
    }

    private static int run(final String... args) {
        final StringWriter err = new StringWriter();
        final int code = MomoCommand.execute(new PrintWriter(System.out, true), new PrintWriter(err, true), args);
        System.err.print(err);
        return code;
    }

    private static void printFlags() {
        System.out.println("Per-chunk drift flags (X = drifted), chunks of " + CHUNK + " rows:");
        FLAGS.forEach((feature, byStatistic) -> byStatistic.forEach((statistic, flags) -> {
            final StringBuilder row = new StringBuilder();
            for (final boolean flag : flags) {
                row.append(flag ? 'X' : '.');
            }
            System.out.printf("  %-26s %-20s %s%n", feature, statistic, row);
        }));
    }

    @Test
    void analyze_writesEveryWindowColumnAndCheck() {
        // Default checks for windows above 1000 events: 5 numeric columns with normalized Wasserstein and
        // Jensen-Shannon plus 5 data-quality checks, 4 categorical ones with Jensen-Shannon plus 4, and the
        // data-set drift share; 10 windows.
        assertThat(LINES).hasSize(10 * (5 * (2 + 5) + 4 * (1 + 4) + 1));
        assertThat(FLAGS).containsOnlyKeys("car_value", "salary_range", "debt_to_income_ratio", "loan_length",
                "repaid_loan_on_prev_car", "size_of_downpayment", "driver_tenure", "y_pred_proba", "y_pred", "dataset");
        assertThat(FLAGS.get("car_value")).containsOnlyKeys("wasserstein_normalized", "jensen_shannon", "missing_rate",
                "absent_rate", "type_mismatch_rate", "non_finite_rate", "out_of_range_share");
    }

    @Test
    void analyze_linesCarryTheDocumentedFields() {
        final JsonNode first = LINES.get(0);
        assertThat(first.get("modelId").asText()).isEqualTo("car-loan");
        assertThat(first.get("modelVersion").asText()).isEqualTo("1");
        assertThat(first.get("windowIndex").asInt()).isZero();
        assertThat(first.get("windowStart").asText()).isEqualTo("2018-10-30T18:00:00Z");
        assertThat(first.get("sampleSize").asLong()).isEqualTo(CHUNK);
        assertThat(first.get("threshold").isNumber()).isTrue();
        assertThat(first.get("drifted").isBoolean()).isTrue();
        assertThat(first.has("value")).isTrue();
        assertThat(first.has("pValue")).isTrue();
        assertThat(first.has("windowEnd")).isTrue();
    }

    @Test
    void driftingColumns_flaggedFromRow25000() {
        for (final String feature : List.of("car_value", "loan_length", "y_pred_proba")) {
            for (final String statistic : List.of("wasserstein_normalized", "jensen_shannon")) {
                final boolean[] flags = FLAGS.get(feature).get(statistic);
                assertThat(count(flags, DRIFT_CHUNK, 10)).as("%s %s chunks 5-9", feature, statistic)
                        .isEqualTo(10 - DRIFT_CHUNK);
            }
        }
        for (final String feature : List.of("salary_range", "repaid_loan_on_prev_car")) {
            assertThat(count(FLAGS.get(feature).get("jensen_shannon"), DRIFT_CHUNK, 10)).as(feature)
                    .isEqualTo(10 - DRIFT_CHUNK);
        }
    }

    @Test
    void everyCheck_noFlagBeforeDrift() {
        FLAGS.forEach((feature, byStatistic) -> byStatistic.forEach((statistic, flags) ->
                assertThat(count(flags, 0, DRIFT_CHUNK)).as("%s %s chunks 0-4", feature, statistic).isZero()));
    }

    @Test
    void stableColumns_neverFlagged() {
        for (final String feature : List.of("debt_to_income_ratio", "driver_tenure", "size_of_downpayment")) {
            FLAGS.get(feature).forEach((statistic, flags) ->
                    assertThat(count(flags, 0, 10)).as("%s %s", feature, statistic).isZero());
        }
    }

    @Test
    void defaultDetectors_detectTheChangeOnlyAfterRow25000() {
        // The defaults of a classifier with labels: ADWIN on the probability and on the error indicator.
        assertThat(DETECTIONS).extracting(node -> node.get("feature").asText() + "/" + node.get("statistic").asText())
                .containsOnly("y_pred_proba/adwin", "error/adwin");
        assertThat(DETECTIONS).allSatisfy(node -> assertThat(node.get("windowIndex").asLong())
                .as("row of a detection").isGreaterThanOrEqualTo(25_000L));
        // Accuracy falls from 0.94 to 0.91: the error rate rises at once, and ADWIN on the error sees it
        // within about 2000 labelled predictions (row 26943).
        assertThat(first("error").get("windowIndex").asLong()).isBetween(25_000L, 30_000L);
        // The mean of y_pred_proba moves little (its normalized Wasserstein distance is about 0.12), so
        // ADWIN, which compares means, needs about 11,000 values after the change (row 36415).
        assertThat(first("y_pred_proba").get("windowIndex").asLong()).isBetween(25_000L, 40_000L);
    }

    private static JsonNode first(final String signal) {
        return DETECTIONS.stream().filter(node -> node.get("feature").asText().equals(signal)).findFirst()
                .orElseThrow(() -> new AssertionError("no detection on " + signal));
    }

    @Test
    void realizedPerformance_agreesWithScikitLearnPerChunk() throws IOException {
        // Expected: scikit-learn 1.6.1 on the same 5000-row chunks, from performance_reference_values.py.
        final JsonNode chunks;
        try (var in = CarLoanAnalysisTest.class.getResourceAsStream("/performance/dataset_chunks.json")) {
            chunks = new ObjectMapper().readTree(in).get("car_loan");
        }
        assertThat(referenceAccuracy).as("reference accuracy, the mean over reference chunks").isBetween(0.93, 0.96);
        for (final String metric : List.of("roc_auc", "f1", "accuracy", "precision", "recall")) {
            assertThat(PERFORMANCE).as("realized %s", metric).containsKey(metric);
            for (int chunk = 0; chunk < 10; chunk++) {
                assertThat(PERFORMANCE.get(metric)[chunk]).as("%s chunk %d", metric, chunk)
                        .isCloseTo(chunks.get(chunk).get(metric).asDouble(), withinPercentage(1e-7));
            }
        }
    }

    @Test
    void estimatedPerformance_tracksRealizedWithinOnePercentAndDrops() {
        for (final String metric : List.of("roc_auc", "accuracy")) {
            final double[] estimated = ESTIMATED.get("estimated_" + metric);
            final double[] realized = PERFORMANCE.get(metric);
            assertThat(estimated).as("estimated_%s", metric).isNotNull();
            for (int chunk = 0; chunk < 10; chunk++) {
                assertThat(Math.abs(estimated[chunk] - realized[chunk])).as("%s error in chunk %d", metric, chunk)
                        .isLessThan(0.01);
            }
            final double lowestBefore = java.util.Arrays.stream(estimated, 0, DRIFT_CHUNK).min().orElseThrow();
            final double highestAfter = java.util.Arrays.stream(estimated, DRIFT_CHUNK, 10).max().orElseThrow();
            assertThat(highestAfter).as("estimated %s after row 25000 below every earlier chunk", metric)
                    .isLessThan(lowestBefore);
        }
    }

    private static int count(final boolean[] flags, final int from, final int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += flags[i] ? 1 : 0;
        }
        return count;
    }
}
