package dev.momo.detectors;

import static dev.momo.detectors.DetectorData.dataset;
import static dev.momo.detectors.DetectorData.docstringEvents;
import static dev.momo.detectors.DetectorData.doubles;
import static dev.momo.detectors.DetectorData.driftIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * DDM, EDDM, HDDM_A and HDDM_W against River. Test indexes: {@code river/drift/test_drift_detectors.py},
 * the latest version in the search index (with {@code drift.binary}; its commit was not exposed).
 * Docstring events: {@code river/drift/binary/ddm.py} and {@code hddm_a.py} at commit 7cb9956,
 * {@code eddm.py} at 70cad9e and {@code hddm_w.py} at 3aa815f, on the stream those examples build
 * from {@code random.Random(42)} (docstring_streams.json).
 */
class BinaryDetectorsTest {

    private static final double[] STREAM_2 = dataset("detector-streams/river_test_data_stream_2.csv");
    private static final double[] STREAM_3 = dataset("detector-streams/river_test_data_stream_3.csv");
    private static final double[] DOCSTRING_BITS =
            doubles(DetectorData.resource("docstring_streams.json").get("random42_bits_then_weighted"));

    /** River: test_drift_detectors.py line 41. */
    @Test
    void ddmDetectsRiseOfStreamTwo() {
        assertThat(driftIndexes(DdmParameters.defaults().newDetector(), STREAM_2)).containsExactly(1049);
    }

    /** River: test_drift_detectors.py line 45. */
    @Test
    void ddmNeverDetectsOnAllErrors() {
        final double[] ones = new double[1000];
        Arrays.fill(ones, 1.0);

        assertThat(driftIndexes(DdmParameters.defaults().newDetector(), ones)).isEmpty();
    }

    @Test
    void ddmDocstringEvents() {
        assertThat(docstringEvents(DdmParameters.defaults().newDetector(), DOCSTRING_BITS))
                .containsExactly("W 1084", "D 1334", "W 1492");
    }

    /** River: test_drift_detectors.py line 51, with alpha 0.9 and beta 0.8. */
    @Test
    void eddmDetectsRiseOfStreamTwo() {
        assertThat(driftIndexes(new EddmParameters(30, 0.9, 0.8).newDetector(), STREAM_2)).containsExactly(1059);
    }

    @Test
    void eddmDocstringEvents() {
        assertThat(docstringEvents(new EddmParameters(30, 0.8, 0.75).newDetector(), DOCSTRING_BITS))
                .containsExactly("W 1059", "D 1278");
    }

    /** River: test_drift_detectors.py line 58. */
    @Test
    void hddmADetectsRiseOfStreamTwo() {
        assertThat(driftIndexes(HddmAParameters.defaults().newDetector(), STREAM_2)).containsExactly(1047);
    }

    /** River: test_drift_detectors.py line 64. */
    @Test
    void hddmATwoSidedOnStreamThree() {
        final HddmA detector = HddmAParameters.defaults().withTwoSided(true).newDetector();

        assertThat(driftIndexes(detector, STREAM_3)).containsExactly(531, 1015, 1545);
    }

    @Test
    void hddmADocstringEvents() {
        assertThat(docstringEvents(HddmAParameters.defaults().newDetector(), DOCSTRING_BITS))
                .containsExactly("W 451", "D 1206");
    }

    /** River: test_drift_detectors.py line 71. */
    @Test
    void hddmWDetectsRiseOfStreamTwo() {
        assertThat(driftIndexes(HddmWParameters.defaults().newDetector(), STREAM_2)).containsExactly(1018);
    }

    /** River: test_drift_detectors.py line 77. */
    @Test
    void hddmWTwoSidedOnStreamThree() {
        final HddmW detector = HddmWParameters.defaults().withTwoSided(true).newDetector();

        assertThat(driftIndexes(detector, STREAM_3)).containsExactly(507, 1032, 1508);
    }

    @Test
    void hddmWDocstringEvents() {
        assertThat(docstringEvents(HddmWParameters.defaults().newDetector(), DOCSTRING_BITS))
                .containsExactly("W 451", "D 1077");
    }

    @Test
    void ddmEstimateFollowsBernoulliFormula() {
        final Ddm ddm = DdmParameters.defaults().newDetector();
        final double[] bits = {1, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        for (final double bit : bits) {
            ddm.update(bit);
        }

        assertThat(ddm.estimate().get("error_rate")).isCloseTo(0.3, within(1e-15));
        assertThat(ddm.estimate().get("std")).isCloseTo(Math.sqrt(0.3 * 0.7 / 10), within(1e-15));
        assertThat(ddm.estimate().get("drift_level")).isInfinite();
    }

    @Test
    void eddmEstimateFollowsErrorDistances() {
        final Eddm eddm = EddmParameters.defaults().newDetector();
        // Errors at positions 2, 5 and 11 (1-based): distances 2, 3 and 6, mean 11/3, sample std sqrt(13/3).
        for (final double bit : new double[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1}) {
            eddm.update(bit);
        }

        assertThat(eddm.estimate().get("errors")).isEqualTo(3.0);
        assertThat(eddm.estimate().get("mean_distance")).isCloseTo(11.0 / 3.0, within(1e-15));
        assertThat(eddm.estimate().get("std_distance")).isCloseTo(Math.sqrt(13.0 / 3.0), within(1e-14));
    }

    @Test
    void eddmIgnoresCorrectPredictionsForState() {
        final Eddm eddm = EddmParameters.defaults().newDetector();

        assertThat(driftIndexes(eddm, new double[1000])).isEmpty();
        assertThat(eddm.estimate().get("errors")).isEqualTo(0.0);
    }

    @Test
    void hddmWEwmaStartsAtFirstValue() {
        final HddmW detector = new HddmWParameters(0.001, 0.005, 0.5, false).newDetector();
        detector.update(0.0);
        detector.update(1.0);
        detector.update(1.0);

        assertThat(detector.estimate().get("ewma")).isEqualTo(0.75);
    }

    @Test
    void hddmAcceptsFractionsAndDdmToo() {
        final HddmA hddmA = HddmAParameters.defaults().newDetector();
        final HddmW hddmW = HddmWParameters.defaults().newDetector();
        final Ddm ddm = DdmParameters.defaults().newDetector();
        for (int i = 0; i < 100; i++) {
            hddmA.update(0.25);
            hddmW.update(0.25);
            ddm.update(0.25);
        }

        assertThat(hddmA.estimate().get("mean")).isCloseTo(0.25, within(1e-15));
        assertThat(hddmW.estimate().get("ewma")).isCloseTo(0.25, within(1e-15));
        assertThat(ddm.estimate().get("error_rate")).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void valuesOutsideUnitIntervalAreRejected() {
        for (final double value : new double[] {-0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> DdmParameters.defaults().newDetector().update(value))
                    .hasMessage("invalid value " + value + " for ddm: values must be between 0 and 1,"
                            + " such as 1 for an error and 0 for a correct prediction");
            assertThatThrownBy(() -> HddmAParameters.defaults().newDetector().update(value))
                    .hasMessageStartingWith("invalid value " + value + " for hddm-a");
            assertThatThrownBy(() -> HddmWParameters.defaults().newDetector().update(value))
                    .hasMessageStartingWith("invalid value " + value + " for hddm-w");
        }
    }

    @Test
    void eddmRejectsAnythingButBits() {
        for (final double value : new double[] {0.5, 2.0, -1.0, Double.NaN}) {
            assertThatThrownBy(() -> EddmParameters.defaults().newDetector().update(value))
                    .hasMessage("invalid value " + value + " for eddm: values must be 0 or 1,"
                            + " such as 1 for an error and 0 for a correct prediction");
        }
    }

    @Test
    void invalidParametersNameValueAndRange() {
        assertThatThrownBy(() -> new DdmParameters(30, 3.0, 2.0))
                .hasMessage("ddm drift_threshold must be >= warning_threshold (3.0), got 2.0");
        assertThatThrownBy(() -> new DdmParameters(-1, 2.0, 3.0))
                .hasMessage("ddm warm_start must be between 0 and 2147483647, got -1");
        assertThatThrownBy(() -> new EddmParameters(30, 0.8, 0.9))
                .hasMessage("eddm beta must be in (0.0, 0.8], got 0.9");
        assertThatThrownBy(() -> new EddmParameters(30, 1.5, 0.9))
                .hasMessage("eddm alpha must be in (0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> new HddmAParameters(0.0, 0.005, false))
                .hasMessage("hddm-a drift_confidence must be in (0.0, 1.0), got 0.0");
        assertThatThrownBy(() -> new HddmAParameters(0.01, 0.005, false))
                .hasMessage("hddm-a warning_confidence must be >= drift_confidence (0.01), got 0.005");
        assertThatThrownBy(() -> new HddmWParameters(0.001, 0.005, 0.0, false))
                .hasMessage("hddm-w lambda_val must be in (0.0, 1.0], got 0.0");
    }
}
