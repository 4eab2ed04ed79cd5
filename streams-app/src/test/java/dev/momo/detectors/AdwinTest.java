package dev.momo.detectors;

import static dev.momo.detectors.DetectorData.dataset;
import static dev.momo.detectors.DetectorData.doubles;
import static dev.momo.detectors.DetectorData.driftIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AdwinTest {

    private static final String STREAMS = "detector-streams/";

    /**
     * River: {@code river/drift/test_drift_detectors.py}, {@code test_adwin}, line 34
     * ({@code expected_indices = [1023]}); the same index in {@code river/drift/test_adwin_regression.py}
     * at commit 2a0fd1c, line 31. The search index did not expose the commit of the former file's
     * latest version (the one with {@code drift.binary}); commit 063ca61 still expected [1055],
     * before River's ADWIN rewrite.
     */
    @Test
    void riverStreamOneDetectsAt1023() {
        final double[] stream = dataset(STREAMS + "river_test_data_stream_1.csv");

        assertThat(driftIndexes(AdwinParameters.defaults().newDetector(), stream)).containsExactly(1023);
    }

    /** River: {@code river/drift/test_adwin_regression.py} at commit 2a0fd1c, line 51. */
    @Test
    void riverRegressionFourSegmentsDetectsEachChange() {
        final double[] stream = dataset(STREAMS + "river_adwin_regression_random42_4segments.csv");

        assertThat(driftIndexes(AdwinParameters.defaults().newDetector(), stream)).containsExactly(1023, 2015, 3007);
    }

    /** River: docstring example of {@code river/drift/adwin.py} at commit 063ca61, line 42. */
    @Test
    void riverDocstringStreamDetectsAt1023() {
        final double[] stream = dataset(STREAMS + "river_doc_random12345_0-1_then_4-7.csv");

        assertThat(driftIndexes(AdwinParameters.defaults().newDetector(), stream)).containsExactly(1023);
    }

    /**
     * scikit-multiflow: {@code tests/drift_detection/test_adwin.py} at commit 2bd5085, line 17. Its
     * ADWIN keeps the window after a cut and never tries the newest bucket of a row as a cut point.
     */
    @Test
    void scikitMultiflowFlavorMatchesItsTest() {
        final double[] stream = dataset("scikit-multiflow/drift_stream.csv");
        final Adwin adwin = AdwinParameters.defaults().withFlavor(AdwinParameters.Flavor.SCIKIT_MULTIFLOW).newDetector();

        assertThat(driftIndexes(adwin, stream)).containsExactly(1023, 1055, 1087, 1151);
    }

    /** The same stream under River's rules: one detection, then a fresh window of the new concept. */
    @Test
    void riverFlavorOnScikitStreamDetectsOnce() {
        final double[] stream = dataset("scikit-multiflow/drift_stream.csv");

        assertThat(driftIndexes(AdwinParameters.defaults().newDetector(), stream)).containsExactly(1023);
    }

    @Test
    void moaFlavorKeepsDetectingOnShrunkWindow() {
        final double[] stream = dataset("scikit-multiflow/drift_stream.csv");
        final Adwin adwin = AdwinParameters.defaults().withFlavor(AdwinParameters.Flavor.MOA).newDetector();

        assertThat(driftIndexes(adwin, stream)).startsWith(1023).hasSizeGreaterThan(1);
        assertThat(adwin.width()).isLessThan(1100);
    }

    /** Width, mean and population variance against NumPy's {@code mean} and {@code var} (window_statistics.json). */
    @Test
    void estimateMatchesNumpy() {
        for (final JsonNode testCase : DetectorData.resource("window_statistics.json").get("cases")) {
            final double[] values = doubles(testCase.get("values"));
            final Adwin adwin = new AdwinParameters(0.002, Integer.MAX_VALUE, 5, 5, 10, AdwinParameters.Flavor.RIVER)
                    .newDetector();
            for (final double value : values) {
                adwin.update(value);
            }
            final String name = testCase.get("name").asText();
            final double mean = testCase.get("mean").asDouble();
            final double variance = testCase.get("populationVariance").asDouble();

            assertThat(adwin.width()).as("width of %s", name).isEqualTo(values.length);
            assertThat(adwin.mean()).as("mean of %s", name).isCloseTo(mean, within(1e-9 * Math.abs(mean) + 1e-300));
            // River keeps the window total, not a running mean, so the variance of values around 1e15
            // with unit spread has only about two correct digits (the total's rounding error is 0.1).
            final double tolerance = name.startsWith("large offset") ? 0.05 : 1e-6;
            assertThat(adwin.variance()).as("variance of %s", name)
                    .isCloseTo(variance, within(tolerance * variance + 1e-300));
            assertThat(adwin.estimate()).containsOnlyKeys("width", "mean", "variance");
        }
    }

    @Test
    void emptyWindowEstimateIsZero() {
        final Adwin adwin = AdwinParameters.defaults().newDetector();

        assertThat(adwin.estimate()).containsEntry("width", 0.0).containsEntry("mean", 0.0).containsEntry("variance", 0.0);
        assertThat(adwin.state()).isEqualTo(DetectorState.NONE);
    }

    @Test
    void constantStreamNeverDetects() {
        final Adwin adwin = AdwinParameters.defaults().newDetector();

        for (int i = 0; i < 5000; i++) {
            assertThat(adwin.update(1.0)).isEqualTo(DetectorState.NONE);
        }
        assertThat(adwin.width()).isEqualTo(5000);
    }

    /** River's regression test: no detection within the grace period, whatever the values. */
    @Test
    void gracePeriodSuppressesChecks() {
        final Adwin adwin = new AdwinParameters(0.002, 1, 5, 5, 100, AdwinParameters.Flavor.RIVER).newDetector();
        final double[] stream = new double[100];
        java.util.Arrays.fill(stream, 50, 100, 1000.0);

        assertThat(driftIndexes(adwin, stream)).isEmpty();
    }

    @Test
    void riverFlavorStartsFreshAfterDrift() {
        final Adwin adwin = new AdwinParameters(0.002, 1, 5, 5, 10, AdwinParameters.Flavor.RIVER).newDetector();
        for (int i = 0; i < 500; i++) {
            adwin.update(0.0);
        }
        DetectorState state = DetectorState.NONE;
        while (state != DetectorState.DRIFT) {
            state = adwin.update(100.0);
        }

        adwin.update(50.0);

        assertThat(adwin.width()).isEqualTo(1);
        assertThat(adwin.mean()).isEqualTo(50.0);
    }

    @Test
    void nonFiniteValuesAreRejectedWithoutChange() {
        final Adwin adwin = AdwinParameters.defaults().newDetector();
        adwin.update(1.0);

        for (final double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> adwin.update(value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid value " + value + " for adwin");
        }
        assertThat(adwin.width()).isEqualTo(1);
    }

    @Test
    void stateStaysLogarithmicInWidth() {
        final Adwin adwin = AdwinParameters.defaults().newDetector();
        final java.util.Random random = new java.util.Random(1);
        int sizeAt1000 = 0;
        for (int i = 1; i <= 1_000_000; i++) {
            adwin.update(random.nextDouble());
            if (i == 1000) {
                sizeAt1000 = adwin.encode().length;
            }
        }

        assertThat(adwin.width()).isGreaterThan(100_000);
        // 1000 times the width adds log2(1000) = 10 rows of at most 5 buckets, 16 bytes each.
        assertThat(adwin.encode().length).isLessThanOrEqualTo(sizeAt1000 + 10 * (4 + 5 * 16));
    }

    @Test
    void invalidParametersNameValueAndRange() {
        assertThatThrownBy(() -> new AdwinParameters(1.5, 32, 5, 5, 10, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin delta must be in (0.0, 1.0), got 1.5");
        assertThatThrownBy(() -> new AdwinParameters(0.002, 0, 5, 5, 10, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin clock must be between 1 and 2147483647, got 0");
        assertThatThrownBy(() -> new AdwinParameters(0.002, 32, 0, 5, 10, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin max_buckets must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> new AdwinParameters(0.002, 32, 5, 0, 10, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin min_window_length must be between 1 and 2147483647, got 0");
        assertThatThrownBy(() -> new AdwinParameters(0.002, 32, 5, 5, -1, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin grace_period must be between 0 and 2147483647, got -1");
        assertThatThrownBy(() -> new AdwinParameters(Double.NaN, 32, 5, 5, 10, AdwinParameters.Flavor.RIVER))
                .hasMessage("adwin delta must be in (0.0, 1.0), got NaN");
    }
}
