package dev.momo.detectors;

import static dev.momo.detectors.DetectorData.dataset;
import static dev.momo.detectors.DetectorData.doubles;
import static dev.momo.detectors.DetectorData.driftIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KswinTest {

    /**
     * River: {@code river/drift/test_drift_detectors.py}, {@code test_kswin}, line 84
     * ({@code KSWIN(alpha=0.0001, window_size=200, stat_size=100, seed=42)}), the latest version in
     * the search index (its commit was not exposed).
     */
    @Test
    void riverStreamOneDetectsAt1042() {
        final double[] stream = dataset("detector-streams/river_test_data_stream_1.csv");
        final Kswin kswin = new KswinParameters(0.0001, 200, 100, OptionalLong.of(42)).newDetector();

        assertThat(driftIndexes(kswin, stream)).containsExactly(1042);
    }

    /** River: docstring example of {@code river/drift/kswin.py} at commit 7cb9956, line 71. */
    @Test
    void docstringStreamDetectsAt1016() {
        final double[] stream = dataset("detector-streams/river_doc_random12345_0-1_then_4-7.csv");
        final Kswin kswin = new KswinParameters(0.0001, 100, 30, OptionalLong.of(42)).newDetector();

        assertThat(driftIndexes(kswin, stream)).containsExactly(1016);
    }

    /** KSWIN's statistic and p-value against SciPy's {@code ks_2samp} (ks_equal_size.json). */
    @Test
    void statisticAndPValueMatchScipy() {
        for (final JsonNode testCase : DetectorData.resource("ks_equal_size.json").get("cases")) {
            final double[] a = doubles(testCase.get("a"));
            final double[] b = doubles(testCase.get("b"));
            final double[] sortedA = a.clone();
            final double[] sortedB = b.clone();
            Arrays.sort(sortedA);
            Arrays.sort(sortedB);
            final int n = a.length;
            final int h = EqualSizeKolmogorovSmirnov.maxCountDifference(sortedA, sortedB, n);
            final String name = testCase.get("name").asText();
            final double pValue = testCase.get("pValue").asDouble();

            assertThat((double) h / n).as("statistic of %s", name).isEqualTo(testCase.get("statistic").asDouble());
            assertThat(EqualSizeKolmogorovSmirnov.pValue(n, h)).as("p-value of %s", name)
                    .isCloseTo(pValue, within(1e-12 * pValue + 1e-300));
        }
    }

    @Test
    void noTestBeforeWindowFills() {
        final Kswin kswin = KswinParameters.defaults().newDetector();
        for (int i = 0; i < 99; i++) {
            assertThat(kswin.update(i)).isEqualTo(DetectorState.NONE);
        }

        assertThat(kswin.estimate().get("p_value")).isNaN();

        kswin.update(99);

        assertThat(kswin.estimate().get("p_value")).isBetween(0.0, 1.0);
    }

    @Test
    void constantStreamNeverDetects() {
        final double[] stream = new double[3000];
        Arrays.fill(stream, 2.5);
        final Kswin kswin = KswinParameters.defaults().newDetector();

        assertThat(driftIndexes(kswin, stream)).isEmpty();
        assertThat(kswin.estimate()).containsEntry("statistic", 0.0).containsEntry("p_value", 1.0);
    }

    @Test
    void unseededDetectorsStillDetectLargeShift() {
        final double[] stream = new double[600];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (i < 300 ? 0.0 : 10.0) + (i % 7) * 0.01;
        }

        assertThat(driftIndexes(KswinParameters.defaults().newDetector(), stream)).isNotEmpty().allMatch(i -> i >= 300);
    }

    @Test
    void invalidParametersNameValueAndRange() {
        assertThatThrownBy(() -> new KswinParameters(-0.1, 100, 30, OptionalLong.empty()))
                .hasMessage("kswin alpha must be in [0.0, 1.0], got -0.1");
        assertThatThrownBy(() -> new KswinParameters(0.005, 50, 30, OptionalLong.empty()))
                .hasMessage("kswin window_size must be between 60 and 10000000, got 50");
        assertThatThrownBy(() -> new KswinParameters(0.005, 100, 0, OptionalLong.empty()))
                .hasMessage("kswin stat_size must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> new KswinParameters(0.005, 100, 30, OptionalLong.of(-1)))
                .hasMessage("kswin seed must be >= 0, got -1");
    }
}
