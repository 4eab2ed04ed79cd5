package dev.momo.performance;

import static dev.momo.performance.PerformanceReferenceData.assertRelativelyClose;
import static dev.momo.performance.PerformanceReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multiclass CBPE (one-vs-rest) on NannyML's credit-card data, chunks of 5000 analysis rows without labels,
 * against {@code cbpe.json} (NannyML's CBPE rebuilt with scikit-learn 1.6.1). From analysis row 30000 on
 * the realized macro ROC AUC falls from about 0.91 to about 0.75 while the estimate only falls to about
 * 0.82: the relation between inputs and card type changes there too, which CBPE cannot see. The test
 * therefore checks tracking before that row only. Skipped when the shared data sets are absent.
 */
class CbpeCreditCardTest {

    private static final int CHUNK = 5000;
    private static final int CHANGE_CHUNK = 30_000 / CHUNK;
    private static final List<String> CARDS = List.of("highstreet_card", "prepaid_card", "upmarket_card");

    private static CbpeModel model;
    /** Estimates of Momo's own calibration decisions. */
    private static final List<PerformanceMetrics> ESTIMATED_AUTO = new ArrayList<>();
    /** Estimates with NannyML's calibration decisions, for the comparison with the rebuilt NannyML. */
    private static final List<PerformanceMetrics> ESTIMATED = new ArrayList<>();
    private static final List<PerformanceMetrics> REALIZED = new ArrayList<>();
    private static JsonNode rebuilt;

    @BeforeAll
    static void estimateAnalysisChunks() {
        final Path nannyml = PerformanceReferenceData.nannyMlDirectory();
        assumeTrue(nannyml != null, "skipped: the shared data sets are absent (looked in "
                + PerformanceReferenceData.DATASETS.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        rebuilt = PerformanceReferenceData.file("cbpe.json").get("credit_card");

        final Map<String, String> probabilities = Map.of(CARDS.get(0), "y_pred_proba_" + CARDS.get(0),
                CARDS.get(1), "y_pred_proba_" + CARDS.get(1), CARDS.get(2), "y_pred_proba_" + CARDS.get(2));
        final ClassifierColumns labeled = ClassifierColumns.perClass("y_true", "y_pred", probabilities);
        final ClassifierColumns unlabeled = ClassifierColumns.perClass(null, "y_pred", probabilities);
        final CsvTable reference = CsvTable.read(nannyml.resolve("synthetic_credit_card_reference.csv.gz"));
        final ClassLabels classes = PerformanceTables.classesOf(reference, labeled);
        final ClassificationWindow referenceWindow = PerformanceTables.classificationChunks(reference, labeled,
                classes, reference.rowCount(), ClassificationWindow.DEFAULT_MAX_ROWS).windows().get(0);
        model = CbpeFit.fit(referenceWindow, CalibrationMode.AUTO);

        final CsvTable analysis = CsvTable.read(nannyml.resolve("synthetic_credit_card_analysis.csv.gz"));
        final CbpeEstimator estimator = new CbpeEstimator(model);
        final CbpeEstimator likeNannyMl = new CbpeEstimator(withNannyMlDecisions(referenceWindow));
        PerformanceTables.classificationChunks(analysis, unlabeled, classes, CHUNK, ClassificationWindow.DEFAULT_MAX_ROWS)
                .windows().forEach(window -> {
                    ESTIMATED_AUTO.add(estimator.estimate(window));
                    ESTIMATED.add(likeNannyMl.estimate(window));
                });
        PerformanceTables.classificationChunks(analysis, labeled, classes, CHUNK, ClassificationWindow.DEFAULT_MAX_ROWS)
                .windows().forEach(window -> REALIZED.add(ClassificationMetrics.compute(window)));

        System.out.println("CBPE on credit card, analysis chunks of " + CHUNK + " rows");
        System.out.println("chunk  est_roc_auc_macro  real_roc_auc_macro  est_accuracy  real_accuracy");
        for (int i = 0; i < ESTIMATED_AUTO.size(); i++) {
            System.out.printf("%5d  %17.6f  %18.6f  %12.6f  %13.6f%n", i,
                    ESTIMATED_AUTO.get(i).value("estimated_roc_auc_macro"), REALIZED.get(i).value("roc_auc_macro"),
                    ESTIMATED_AUTO.get(i).value("estimated_accuracy"), REALIZED.get(i).value(MetricNames.ACCURACY));
        }
        model.calibrations().forEach(c -> System.out.println("  " + c.className() + ": " + c.reason()));
    }

    /** Returns a model whose per-class calibration decisions are those of the rebuilt NannyML. */
    private static CbpeModel withNannyMlDecisions(final ClassificationWindow reference) {
        final CbpeModel always = CbpeFit.fit(reference, CalibrationMode.ALWAYS);
        final CbpeModel never = CbpeFit.fit(reference, CalibrationMode.NEVER);
        final List<ClassCalibration> calibrations = new ArrayList<>();
        for (int c = 0; c < CARDS.size(); c++) {
            final boolean calibrate = rebuilt.get("calibrations").get(CARDS.get(c)).get("calibrated").asBoolean();
            calibrations.add((calibrate ? always : never).calibrations().get(c));
        }
        return new CbpeModel(CbpeModel.FORMAT_VERSION, always.classes(), null, CalibrationMode.AUTO,
                always.referenceRows(), false, calibrations);
    }

    @Test
    void clearCalibrationDecisions_matchNannyMlRule() {
        // Where NannyML's two ECEs are within 25 % of each other (prepaid_card: 0.00266 and 0.00278), both
        // are at the level of binning noise and the decision depends on the random folds, so only the
        // clear decisions must agree.
        for (final ClassCalibration calibration : model.calibrations()) {
            final JsonNode expected = rebuilt.get("calibrations").get(calibration.className());
            final double ratio = expected.get("eceBefore").asDouble() / expected.get("eceAfter").asDouble();
            if (ratio > 1.25 || ratio < 0.8) {
                assertThat(calibration.calibrated()).as(calibration.className() + ": " + calibration.reason())
                        .isEqualTo(expected.get("calibrated").asBoolean());
            }
        }
        assertThat(model.calibrations()).extracting(ClassCalibration::className).containsExactlyElementsOf(CARDS);
    }

    @Test
    void estimates_matchRebuiltNannyMl() {
        for (int i = 0; i < ESTIMATED.size(); i++) {
            final PerformanceMetrics metrics = ESTIMATED.get(i);
            final int chunk = i;
            rebuilt.get("chunks").get(i).get("estimated").fields().forEachRemaining(entry -> {
                if (!entry.getKey().startsWith("nannyml_")) {
                    assertRelativelyClose(metrics.value(entry.getKey()), number(entry.getValue()),
                            "chunk " + chunk + " " + entry.getKey());
                }
            });
        }
    }

    @Test
    void rocAuc_closeToNannyMlCurve() {
        // Multiclass rows with a tied raw score have different renormalized probabilities, so NannyML's
        // result depends on NumPy's order of tied rows. Grouping the ties moves it by about 1e-6 here.
        for (int i = 0; i < ESTIMATED.size(); i++) {
            assertThat(Math.abs(ESTIMATED.get(i).value("estimated_roc_auc_macro") - rebuilt.get("chunks").get(i)
                    .get("estimated").get("nannyml_estimated_roc_auc_macro").asDouble())).as("chunk %d", i)
                    .isLessThan(1e-5);
        }
    }

    @Test
    void expectedConfusionMatrix_matchesRebuiltNannyMl() {
        for (int i = 0; i < ESTIMATED.size(); i++) {
            final double[][] matrix = ESTIMATED.get(i).confusionMatrix();
            final JsonNode expected = rebuilt.get("chunks").get(i).get("expectedConfusionMatrix");
            for (int row = 0; row < CARDS.size(); row++) {
                for (int column = 0; column < CARDS.size(); column++) {
                    assertRelativelyClose(matrix[row][column], expected.get(row).get(column).asDouble(),
                            "chunk " + i + " cell " + row + "," + column);
                }
            }
        }
    }

    @Test
    void estimates_trackRealizedBeforeTheChange() {
        for (int i = 0; i < CHANGE_CHUNK; i++) {
            assertThat(Math.abs(ESTIMATED_AUTO.get(i).value("estimated_roc_auc_macro")
                    - REALIZED.get(i).value("roc_auc_macro"))).as("chunk %d roc auc", i).isLessThan(0.01);
            assertThat(Math.abs(ESTIMATED_AUTO.get(i).value("estimated_accuracy")
                    - REALIZED.get(i).value(MetricNames.ACCURACY))).as("chunk %d accuracy", i).isLessThan(0.015);
        }
    }

    @Test
    void estimates_dropAfterTheChange() {
        for (int i = CHANGE_CHUNK; i < ESTIMATED_AUTO.size(); i++) {
            assertThat(ESTIMATED_AUTO.get(i).value("estimated_roc_auc_macro")).as("chunk %d", i).isLessThan(0.85);
        }
    }
}
