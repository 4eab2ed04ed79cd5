package dev.momo.performance;

import static dev.momo.performance.PerformanceReferenceData.assertRelativelyClose;
import static dev.momo.performance.PerformanceReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Realized metrics per chunk of 5000 rows of NannyML's analysis files against scikit-learn 1.6.1 on the
 * same rows ({@code dataset_chunks.json}): the binary car-loan, the multiclass credit-card and the
 * car-price regression data. Skipped when the shared data sets are absent.
 */
class NannyMlDatasetMetricsTest {

    private static final int CHUNK = 5000;
    private static final List<String> CARDS = List.of("highstreet_card", "prepaid_card", "upmarket_card");

    private static Path nannyml;
    private static JsonNode expected;

    @BeforeAll
    static void findData() {
        nannyml = PerformanceReferenceData.nannyMlDirectory();
        assumeTrue(nannyml != null, "skipped: the shared data sets are absent (looked in "
                + PerformanceReferenceData.DATASETS.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        expected = PerformanceReferenceData.file("dataset_chunks.json");
    }

    @Test
    void carLoanChunks_matchScikitLearn() {
        final CsvTable table = CsvTable.read(nannyml.resolve("synthetic_car_loan_analysis.csv.gz"));
        final ClassifierColumns columns = ClassifierColumns.binary("repaid", "y_pred", "y_pred_proba");
        final TableWindows<ClassificationWindow> chunks = PerformanceTables.classificationChunks(table, columns,
                PerformanceTables.classesOf(table, columns), CHUNK, ClassificationWindow.DEFAULT_MAX_ROWS);

        assertChunks(chunks, expected.get("car_loan"), "car loan");
    }

    @Test
    void creditCardChunks_matchScikitLearn() {
        final CsvTable table = CsvTable.read(nannyml.resolve("synthetic_credit_card_analysis.csv.gz"));
        final ClassifierColumns columns = ClassifierColumns.perClass("y_true", "y_pred", Map.of(
                CARDS.get(0), "y_pred_proba_" + CARDS.get(0),
                CARDS.get(1), "y_pred_proba_" + CARDS.get(1),
                CARDS.get(2), "y_pred_proba_" + CARDS.get(2)));
        final ClassLabels classes = PerformanceTables.classesOf(table, columns);
        final TableWindows<ClassificationWindow> chunks = PerformanceTables.classificationChunks(table, columns,
                classes, CHUNK, ClassificationWindow.DEFAULT_MAX_ROWS);

        assertThat(classes.names()).containsExactlyElementsOf(CARDS);
        assertChunks(chunks, expected.get("credit_card"), "credit card");
    }

    @Test
    void carPriceChunks_matchScikitLearn() {
        final CsvTable table = CsvTable.read(nannyml.resolve("synthetic_car_price_analysis.csv.gz"));
        final TableWindows<RegressionWindow> chunks = PerformanceTables.regressionChunks(table, "y_true", "y_pred",
                CHUNK);

        assertThat(chunks.rejectedRows()).isZero();
        final JsonNode chunkValues = expected.get("car_price");
        assertThat(chunks.windows()).hasSize(chunkValues.size());
        for (int i = 0; i < chunkValues.size(); i++) {
            final PerformanceMetrics metrics = RegressionMetrics.compute(chunks.windows().get(i));
            final int chunk = i;
            chunkValues.get(i).fields().forEachRemaining(entry -> assertRelativelyClose(
                    metrics.value(entry.getKey()), number(entry.getValue()), "car price chunk " + chunk + " "
                            + entry.getKey()));
        }
    }

    @Test
    void carLoanReferenceChunks_giveThresholdSeries() {
        final CsvTable table = CsvTable.read(nannyml.resolve("synthetic_car_loan_reference.csv.gz"));
        final ClassifierColumns columns = ClassifierColumns.binary("repaid", "y_pred", "y_pred_proba");

        final Map<String, double[]> series = PerformanceTables.classificationMetricsByChunk(table, columns,
                PerformanceTables.classesOf(table, columns), CHUNK);

        assertThat(series).containsKeys(MetricNames.ROC_AUC, MetricNames.F1, MetricNames.LOG_LOSS);
        assertThat(series.get(MetricNames.ROC_AUC)).hasSize(10);
        for (final double rocAuc : series.get(MetricNames.ROC_AUC)) {
            assertThat(rocAuc).isBetween(0.95, 1.0);
        }
    }

    @Test
    void carPriceReferenceChunks_giveThresholdSeries() {
        final CsvTable table = CsvTable.read(nannyml.resolve("synthetic_car_price_reference.csv.gz"));

        final Map<String, double[]> series = PerformanceTables.regressionMetricsByChunk(table, "y_true", "y_pred", CHUNK);

        assertThat(series.keySet()).containsExactly("mae", "mse", "rmse", "mape", "r2");
        assertThat(series.get("mae")).hasSize(12);
    }

    private static void assertChunks(final TableWindows<ClassificationWindow> chunks, final JsonNode chunkValues,
                                     final String dataSet) {
        assertThat(chunks.rejectedRows()).as(chunks.firstRejection()).isZero();
        assertThat(chunks.windows()).hasSize(chunkValues.size());
        for (int i = 0; i < chunkValues.size(); i++) {
            final PerformanceMetrics metrics = ClassificationMetrics.compute(chunks.windows().get(i));
            final int chunk = i;
            assertThat(metrics.rowCount()).isEqualTo(CHUNK);
            chunkValues.get(i).fields().forEachRemaining(entry -> assertRelativelyClose(
                    metrics.value(entry.getKey()), number(entry.getValue()), dataSet + " chunk " + chunk + " "
                            + entry.getKey()));
        }
    }
}
