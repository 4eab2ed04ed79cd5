package dev.momo.detectors;

import static dev.momo.detectors.DetectorData.doubles;
import static dev.momo.detectors.DetectorData.driftIndexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CusumTest {

    /**
     * River: docstring example of {@code river/drift/cusum.py} at commit 291ccdd (200 values of
     * {@code random.Random(12345).gauss(0, 1)} then 200 of {@code gauss(3, 1)}), which prints 201 and 251.
     */
    @Test
    void docstringStreamDetectsShiftTwice() {
        final double[] stream = doubles(DetectorData.resource("docstring_streams.json").get("random12345_gauss_0_then_3"));

        assertThat(driftIndexes(CusumParameters.defaults().newDetector(), stream)).containsExactly(201, 251);
    }

    /** The reference is NumPy's mean and {@code std(ddof=1)} of the warm-up values (window_statistics.json). */
    @Test
    void referenceMatchesNumpyOverWarmUp() {
        for (final JsonNode testCase : DetectorData.resource("window_statistics.json").get("cases")) {
            final double[] values = doubles(testCase.get("values"));
            final Cusum cusum = new CusumParameters(values.length, 0.5, 1e300, Direction.BOTH).newDetector();
            for (final double value : values) {
                cusum.update(value);
            }
            final String name = testCase.get("name").asText();
            final double mean = testCase.get("mean").asDouble();
            final double std = testCase.get("sampleStd").asDouble();

            assertThat(cusum.estimate().get("reference_mean")).as("mean of %s", name)
                    .isCloseTo(mean, within(1e-9 * Math.abs(mean) + 1e-300));
            // Around 1e15 each running-mean update rounds to a multiple of 0.125 (River's arithmetic),
            // which costs the standard deviation of unit-spread values about three digits.
            final double tolerance = name.startsWith("large offset") ? 1e-2 : 1e-9;
            assertThat(cusum.estimate().get("reference_std")).as("std of %s", name)
                    .isCloseTo(std, within(tolerance * std + 1e-300));
        }
    }

    @Test
    void sumsFollowDefinitionAfterWarmUp() {
        final Cusum cusum = new CusumParameters(2, 0.5, 5.0, Direction.BOTH).newDetector();
        cusum.update(1.0);
        cusum.update(3.0);
        // mean 2, std sqrt(2); the second value already counts: S+ = max(0, 1 - 0.5 sqrt(2)).
        assertThat(cusum.estimate().get("increase")).isEqualTo(Math.max(0.0, 1.0 - 0.5 * Math.sqrt(2.0)));

        cusum.update(0.0);

        assertThat(cusum.estimate().get("increase")).isEqualTo(0.0);
        assertThat(cusum.estimate().get("decrease")).isCloseTo(2.0 - 0.5 * Math.sqrt(2.0), within(1e-15));
        assertThat(cusum.estimate().get("limit")).isCloseTo(5.0 * Math.sqrt(2.0), within(1e-15));
    }

    @Test
    void constantWarmUpMakesAnyDeviationADrift() {
        final Cusum cusum = new CusumParameters(3, 0.5, 5.0, Direction.BOTH).newDetector();

        assertThat(driftIndexes(cusum, new double[] {4, 4, 4, 4, 4.000001})).containsExactly(4);
    }

    @Test
    void oneSidedUpIgnoresFalls() {
        final Cusum cusum = new CusumParameters(3, 0.5, 5.0, Direction.UP).newDetector();

        assertThat(driftIndexes(cusum, new double[] {1, 2, 3, -100, -100, -100})).isEmpty();
        assertThat(cusum.estimate()).doesNotContainKey("decrease");
    }

    @Test
    void invalidParametersNameValueAndRange() {
        assertThatThrownBy(() -> new CusumParameters(30, -0.1, 5.0, Direction.BOTH))
                .hasMessage("cusum slack must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> new CusumParameters(30, 0.5, 0.0, Direction.BOTH))
                .hasMessage("cusum threshold must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new CusumParameters(0, 0.5, 5.0, Direction.BOTH))
                .hasMessage("cusum min_instances must be between 1 and 2147483647, got 0");
    }

    @Test
    void infinityIsRejected() {
        assertThatThrownBy(() -> CusumParameters.defaults().newDetector().update(Double.NEGATIVE_INFINITY))
                .hasMessage("invalid value -Infinity for cusum: values must be finite numbers");
    }
}
