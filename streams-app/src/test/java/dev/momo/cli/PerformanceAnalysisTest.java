package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Realized performance through {@code momo reference build} and {@code momo analyze} on NannyML's
 * regression (car price) and multiclass (credit card) data, chunks of 5000 rows. Expected values:
 * scikit-learn 1.6.1 on the same chunks, stored in {@code performance/dataset_chunks.json} by
 * {@code src/test/python/performance_reference_values.py}.
 */
class PerformanceAnalysisTest {

    private static final Path DATASETS = Path.of(System.getProperty("momo.datasets", "../../shared/datasets"));
    private static final int CHUNK = 5000;
    private static final String[] CREDIT_CARD_ROLES = {"--label", "y_true", "--prediction", "y_pred", "--ignore", "id",
        "--class-probabilities", "prepaid_card=y_pred_proba_prepaid_card,highstreet_card=y_pred_proba_highstreet_card,"
            + "upmarket_card=y_pred_proba_upmarket_card"};

    @TempDir
    Path workDir;

    @Test
    void carPriceRegression_matchesScikitLearnPerChunk() throws IOException {
        final Map<String, double[]> realized = realized("car_price", "--label", "y_true", "--prediction", "y_pred",
                "--ignore", "id");

        assertAgrees(realized, "car_price", List.of("mae", "mse", "rmse", "mape", "r2"));
    }

    @Test
    void creditCardMulticlass_matchesScikitLearnPerChunk() throws IOException {
        final Map<String, double[]> realized = realized("credit_card", CREDIT_CARD_ROLES);

        assertAgrees(realized, "credit_card", List.of("accuracy", "precision_macro", "recall_macro", "f1_macro",
                "f1_weighted", "specificity_macro", "roc_auc_macro", "roc_auc_weighted", "average_precision_macro",
                "log_loss"));
    }

    @Test
    void creditCardMulticlass_estimatesTrackRealizedBeforeConceptDrift() throws IOException {
        // NannyML documents a concept drift from row 30000 on, which CBPE cannot see; before it, the
        // one-vs-rest estimates must track the realized values.
        final Map<String, double[]> metrics = realized("credit_card", CREDIT_CARD_ROLES);

        for (final String metric : List.of("accuracy", "roc_auc_macro")) {
            final double[] estimated = metrics.get("estimated_" + metric);
            assertThat(estimated).as("estimated_%s", metric).isNotNull();
            for (int chunk = 0; chunk < 6; chunk++) {
                assertThat(Math.abs(estimated[chunk] - metrics.get(metric)[chunk]))
                        .as("%s error in chunk %d", metric, chunk).isLessThan(0.01);
            }
        }
    }

    /** Builds the profile on the reference file and analyzes the analysis file; performance metric per chunk. */
    private Map<String, double[]> realized(final String dataSet, final String... roles) throws IOException {
        final Path nannyml = DATASETS.resolve("nannyml");
        assumeTrue(Files.isDirectory(nannyml), "skipped: the shared data sets are absent (looked in "
                + nannyml.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        final Path profile = workDir.resolve(dataSet + ".json");
        final Path metrics = workDir.resolve(dataSet + ".jsonl");
        final List<String> build = new java.util.ArrayList<>(List.of("reference", "build",
                "--input", nannyml.resolve("synthetic_" + dataSet + "_reference.csv.gz").toString(),
                "--model", dataSet, "--model-version", "1", "--timestamp", "timestamp",
                "--chunk-size", String.valueOf(CHUNK), "--detector", "none", "--output", profile.toString()));
        build.addAll(List.of(roles));
        assertThat(run(build.toArray(new String[0]))).isZero();
        assertThat(run("analyze", "--profile", profile.toString(),
                "--input", nannyml.resolve("synthetic_" + dataSet + "_analysis.csv.gz").toString(),
                "--chunk-size", String.valueOf(CHUNK), "--output", metrics.toString())).isZero();

        final Map<String, double[]> realized = new TreeMap<>();
        final ObjectMapper json = new ObjectMapper();
        for (final String line : Files.readAllLines(metrics)) {
            final JsonNode node = json.readTree(line);
            if (node.get("feature").asText().equals("performance")) {
                realized.computeIfAbsent(node.get("statistic").asText(), s -> new double[12])
                        [node.get("windowIndex").asInt()] = node.get("value").asDouble();
            }
        }
        return realized;
    }

    private static void assertAgrees(final Map<String, double[]> realized, final String dataSet,
                                     final List<String> metrics) throws IOException {
        final JsonNode chunks;
        try (InputStream in = PerformanceAnalysisTest.class.getResourceAsStream("/performance/dataset_chunks.json")) {
            chunks = new ObjectMapper().readTree(in).get(dataSet);
        }
        for (final String metric : metrics) {
            assertThat(realized).as("realized %s", metric).containsKey(metric);
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                assertThat(realized.get(metric)[chunk]).as("%s %s chunk %d", dataSet, metric, chunk)
                        .isCloseTo(chunks.get(chunk).get(metric).asDouble(), withinPercentage(1e-7));
            }
        }
    }

    private static int run(final String... args) {
        final StringWriter err = new StringWriter();
        final int code = MomoCommand.execute(new PrintWriter(System.out, true), new PrintWriter(err, true), args);
        System.err.print(err);
        return code;
    }
}
