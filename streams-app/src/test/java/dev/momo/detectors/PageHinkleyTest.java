package dev.momo.detectors;

import static dev.momo.detectors.DetectorData.dataset;
import static dev.momo.detectors.DetectorData.driftIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * River's asserted indices are in {@code river/drift/test_drift_detectors.py}, {@code test_page_hinkley},
 * the latest version in the search index (with {@code drift.binary}; its commit was not exposed).
 */
class PageHinkleyTest {

    private static final double[] STREAM_3 = dataset("detector-streams/river_test_data_stream_3.csv");

    /** River: test_drift_detectors.py line 111. */
    @Test
    void upDetectsRisesOfStreamThree() {
        final PageHinkley detector = PageHinkleyParameters.defaults().withMode(Direction.UP).newDetector();

        assertThat(driftIndexes(detector, STREAM_3)).containsExactly(588, 1681);
    }

    /** River: test_drift_detectors.py line 116. */
    @Test
    void downDetectsFallOfStreamThree() {
        final PageHinkley detector = PageHinkleyParameters.defaults().withMode(Direction.DOWN).newDetector();

        assertThat(driftIndexes(detector, STREAM_3)).containsExactly(1172);
    }

    /** River: test_drift_detectors.py line 121. */
    @Test
    void bothDetectsEveryChangeOfStreamThree() {
        final PageHinkley detector = PageHinkleyParameters.defaults().newDetector();

        assertThat(driftIndexes(detector, STREAM_3)).containsExactly(588, 1097, 1585);
    }

    /** River: docstring example of {@code river/drift/page_hinkley.py} (version with {@code mode}), line 46. */
    @Test
    void docstringStreamDetectsAt1006() {
        final double[] stream = dataset("detector-streams/river_doc_random12345_0-1_then_4-7.csv");

        assertThat(driftIndexes(PageHinkleyParameters.defaults().newDetector(), stream)).containsExactly(1006);
    }

    /** scikit-multiflow: {@code tests/drift_detection/test_page_hinkley.py} at commit 2bd5085, line 16. */
    @Test
    void moaFlavorMatchesScikitMultiflowTest() {
        final double[] stream = dataset("scikit-multiflow/drift_stream.csv");
        final PageHinkley detector = PageHinkleyParameters.defaults().withMode(Direction.UP)
                .withFlavor(PageHinkleyParameters.Flavor.MOA).newDetector();

        assertThat(driftIndexes(detector, stream)).containsExactly(1013, 1335, 1505, 1758);
    }

    /** On this stream River's one-sided test agrees with MOA's, as the two differ only in rounding and warm-up. */
    @Test
    void riverUpMatchesScikitMultiflowTest() {
        final double[] stream = dataset("scikit-multiflow/drift_stream.csv");
        final PageHinkley detector = PageHinkleyParameters.defaults().withMode(Direction.UP).newDetector();

        assertThat(driftIndexes(detector, stream)).containsExactly(1013, 1335, 1505, 1758);
    }

    /** Hand computation: values 0, 0, 10 with delta 0 and alpha 1 give U = 0, 0, 10 - 10/3 and m = 0. */
    @Test
    void statisticFollowsDefinition() {
        final PageHinkley detector = new PageHinkleyParameters(1, 0.0, 50.0, 1.0, Direction.BOTH,
                PageHinkleyParameters.Flavor.RIVER).newDetector();
        detector.update(0.0);
        detector.update(0.0);
        detector.update(10.0);

        assertThat(detector.estimate().get("mean")).isCloseTo(10.0 / 3.0, within(1e-15));
        assertThat(detector.estimate().get("increase")).isCloseTo(10.0 - 10.0 / 3.0, within(1e-14));
        assertThat(detector.estimate().get("decrease")).isEqualTo(0.0);
        assertThat(detector.estimate().get("statistic")).isCloseTo(10.0 - 10.0 / 3.0, within(1e-14));
        assertThat(detector.estimate().get("threshold")).isEqualTo(50.0);
    }

    @Test
    void noDetectionBeforeMinInstances() {
        final PageHinkley detector = new PageHinkleyParameters(30, 0.005, 1.0, 0.9999, Direction.UP,
                PageHinkleyParameters.Flavor.RIVER).newDetector();
        final double[] stream = new double[40];
        java.util.Arrays.fill(stream, 10, 40, 100.0);

        assertThat(driftIndexes(detector, stream)).first().isEqualTo(29);
    }

    @Test
    void moaFlavorAllowsDetectionOneValueEarlier() {
        final PageHinkley detector = new PageHinkleyParameters(30, 0.005, 1.0, 0.9999, Direction.UP,
                PageHinkleyParameters.Flavor.MOA).newDetector();
        final double[] stream = new double[40];
        java.util.Arrays.fill(stream, 10, 40, 100.0);

        assertThat(driftIndexes(detector, stream)).first().isEqualTo(28);
    }

    @Test
    void freshDetectorEstimateIsZero() {
        assertThat(PageHinkleyParameters.defaults().newDetector().estimate())
                .containsEntry("increase", 0.0).containsEntry("decrease", 0.0).containsEntry("statistic", 0.0);
    }

    @Test
    void constantStreamNeverDetects() {
        final double[] stream = new double[10_000];
        java.util.Arrays.fill(stream, -7.5);

        assertThat(driftIndexes(PageHinkleyParameters.defaults().newDetector(), stream)).isEmpty();
    }

    @Test
    void nonFiniteValuesAreRejected() {
        assertThatThrownBy(() -> PageHinkleyParameters.defaults().newDetector().update(Double.NaN))
                .hasMessage("invalid value NaN for page-hinkley: values must be finite numbers");
    }

    @Test
    void invalidParametersNameValueAndRange() {
        final PageHinkleyParameters defaults = PageHinkleyParameters.defaults();
        assertThatThrownBy(() -> defaults.withFlavor(PageHinkleyParameters.Flavor.MOA))
                .hasMessageContaining("page-hinkley mode must be up with flavor moa, got both");
        assertThatThrownBy(() -> new PageHinkleyParameters(0, 0.005, 50, 0.9999, Direction.UP,
                PageHinkleyParameters.Flavor.RIVER)).hasMessage("page-hinkley min_instances must be between 1 and 2147483647, got 0");
        assertThatThrownBy(() -> new PageHinkleyParameters(30, 0.005, 0, 0.9999, Direction.UP,
                PageHinkleyParameters.Flavor.RIVER)).hasMessage("page-hinkley threshold must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new PageHinkleyParameters(30, 0.005, 50, 0.0, Direction.UP,
                PageHinkleyParameters.Flavor.RIVER)).hasMessage("page-hinkley alpha must be in (0.0, 1.0], got 0.0");
        assertThatThrownBy(() -> new PageHinkleyParameters(30, -1, 50, 0.5, Direction.UP,
                PageHinkleyParameters.Flavor.RIVER)).hasMessage("page-hinkley delta must be a finite number >= 0, got -1.0");
    }
}
