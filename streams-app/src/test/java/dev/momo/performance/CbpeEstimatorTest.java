package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CBPE fit and estimation on small hand-checked inputs, and the model's JSON form. */
class CbpeEstimatorTest {

    private static final ClassLabels BINARY = ClassLabels.of(List.of("0", "1"));
    private static CbpeModel calibratedModel;

    @BeforeAll
    static void fitOnASyntheticReference() {
        // Scores that overstate the positive rate: P(y = 1 | s) = s², so calibration is needed.
        final ClassificationWindow reference = ClassificationWindow.create(BINARY, true);
        final Random random = new Random(11);
        for (int i = 0; i < 5000; i++) {
            final double score = Math.round(random.nextDouble() * 100) / 100.0;
            final int label = random.nextDouble() < score * score ? 1 : 0;
            reference.add(SampleKeys.ofRowIndex(i), label, score >= 0.5 ? 1 : 0, score);
        }
        calibratedModel = CbpeFit.fit(reference, CalibrationMode.AUTO);
    }

    @Test
    void miscalibratedScores_areCalibrated() {
        final ClassCalibration calibration = calibratedModel.calibrations().get(0);

        assertThat(calibration.calibrated()).as(calibration.reason()).isTrue();
        assertThat(calibration.eceBefore()).isGreaterThan(calibration.eceAfter());
        assertThat(new CbpeEstimator(calibratedModel).model()).isSameAs(calibratedModel);
    }

    @Test
    void uncalibratedModel_estimatesFromTheScoresAsGiven() {
        final CbpeModel model = CbpeFit.fit(twoRowReference(), CalibrationMode.NEVER);
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);
        window.add(1L, ClassLabels.NO_LABEL, 1, 0.8);
        window.add(2L, ClassLabels.NO_LABEL, 1, 0.6);
        window.add(3L, ClassLabels.NO_LABEL, 0, 0.1);

        final PerformanceMetrics estimate = new CbpeEstimator(model).estimate(window);

        // TP = 0.8 + 0.6, FP = 0.2 + 0.4, FN = 0.1, TN = 0.9.
        assertThat(estimate.value("estimated_accuracy")).isCloseTo((1.4 + 0.9) / 3, within());
        assertThat(estimate.value("estimated_precision")).isCloseTo(1.4 / 2.0, within());
        assertThat(estimate.value("estimated_recall")).isCloseTo(1.4 / 1.5, within());
        assertThat(estimate.value("estimated_specificity")).isCloseTo(0.9 / 1.5, within());
        assertThat(estimate.value("estimated_f1")).isCloseTo(1.4 / (1.4 + 0.5 * (0.6 + 0.1)), within());
        assertThat(estimate.value("estimated_false_negative")).isCloseTo(0.1, within());
        assertThat(estimate.rowCount()).isEqualTo(3);
    }

    @Test
    void estimate_ignoresLabels() {
        final CbpeEstimator estimator = new CbpeEstimator(calibratedModel);
        final ClassificationWindow labeled = ClassificationWindow.create(BINARY, true);
        final ClassificationWindow unlabeled = ClassificationWindow.create(BINARY, true);
        labeled.add(1L, 0, 1, 0.7);
        labeled.add(2L, 1, 0, 0.3);
        unlabeled.add(1L, ClassLabels.NO_LABEL, 1, 0.7);
        unlabeled.add(2L, ClassLabels.NO_LABEL, 0, 0.3);

        assertThat(estimator.estimate(labeled).values()).isEqualTo(estimator.estimate(unlabeled).values());
    }

    @Test
    void emptyWindow_givesNan() {
        final PerformanceMetrics estimate = new CbpeEstimator(calibratedModel)
                .estimate(ClassificationWindow.create(BINARY, true));

        assertThat(estimate.value("estimated_accuracy")).isNaN();
        assertThat(estimate.value("estimated_roc_auc")).isNaN();
        assertThat(estimate.value("estimated_f1")).isNaN();
    }

    @Test
    void equalPredictions_giveZeroPrecision() {
        final CbpeModel model = CbpeFit.fit(twoRowReference(), CalibrationMode.NEVER);
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);
        window.add(1L, ClassLabels.NO_LABEL, 0, 0.3);
        window.add(2L, ClassLabels.NO_LABEL, 0, 0.3);

        final PerformanceMetrics estimate = new CbpeEstimator(model).estimate(window);

        assertThat(estimate.value("estimated_precision")).isZero();
        assertThat(estimate.value("estimated_roc_auc")).isCloseTo(0.5, within());
    }

    @Test
    void windowOfOtherClasses_isRejected() {
        final CbpeEstimator estimator = new CbpeEstimator(calibratedModel);
        final ClassificationWindow window = ClassificationWindow.create(ClassLabels.of(List.of("no", "yes")), true);

        assertThatThrownBy(() -> estimator.estimate(window))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[no, yes]")
                .hasMessageContaining("[0, 1]");
    }

    @Test
    void windowWithoutProbabilities_isRejected() {
        final CbpeEstimator estimator = new CbpeEstimator(calibratedModel);

        assertThatThrownBy(() -> estimator.estimate(ClassificationWindow.create(BINARY, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs predicted probabilities");
    }

    @Test
    void referenceWithoutLabels_isRejected() {
        final ClassificationWindow reference = ClassificationWindow.create(BINARY, true);
        reference.add(1L, ClassLabels.NO_LABEL, 1, 0.7);

        assertThatThrownBy(() -> CbpeFit.fit(reference, CalibrationMode.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 labeled reference rows, got 0");
    }

    @Test
    void singleClassReference_isNotCalibrated() {
        final ClassificationWindow reference = ClassificationWindow.create(BINARY, true);
        for (int i = 0; i < 100; i++) {
            reference.add(i, 1, 1, 0.9);
        }

        final ClassCalibration calibration = CbpeFit.fit(reference, CalibrationMode.AUTO).calibrations().get(0);

        assertThat(calibration.calibrated()).isFalse();
        assertThat(calibration.reason()).contains("single class");
    }

    @Test
    void model_roundTripsThroughJson() throws Exception {
        final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);
        window.add(1L, ClassLabels.NO_LABEL, 1, 0.83);
        window.add(2L, ClassLabels.NO_LABEL, 0, 0.27);

        final String text = json.writeValueAsString(calibratedModel);
        final CbpeModel restored = json.readValue(text, CbpeModel.class);

        assertThat(text).contains("\"calibrationMode\":\"auto\"").contains("\"positiveClass\":\"1\"");
        assertThat(text).doesNotContain("classLabels");
        assertThat(new CbpeEstimator(restored).estimate(window).values())
                .isEqualTo(new CbpeEstimator(calibratedModel).estimate(window).values());
    }

    @Test
    void modelWithMissingCalibration_isRejected() {
        final CbpeModel broken = new CbpeModel(CbpeModel.FORMAT_VERSION, List.of("a", "b", "c"), null,
                CalibrationMode.NEVER, 10, false, List.of());

        assertThatThrownBy(() -> new CbpeEstimator(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 0 calibrations; expected 3");
    }

    private static ClassificationWindow twoRowReference() {
        final ClassificationWindow reference = ClassificationWindow.create(BINARY, true);
        reference.add(1L, 1, 1, 0.9);
        reference.add(2L, 0, 0, 0.2);
        return reference;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
