package dev.momo.performance;

import static dev.momo.performance.PerformanceReferenceData.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The isotonic fit against {@code sklearn.isotonic.IsotonicRegression(out_of_bounds="clip")} of
 * scikit-learn 1.6.1 ({@code isotonic_cases.json}).
 */
class IsotonicCalibratorTest {

    static Stream<Arguments> cases() {
        return PerformanceReferenceData.cases("isotonic_cases.json").stream()
                .map(node -> Arguments.of(node.get("name").asText(), node));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fit_keepsScikitLearnThresholds(final String name, final JsonNode node) {
        final IsotonicCalibrator calibrator = IsotonicCalibrator.fit(doubles(node.get("scores")),
                doubles(node.get("outcomes")));

        assertThat(calibrator.scores()).as(name).containsExactly(doubles(node.get("thresholdScores")));
        final double[] expected = doubles(node.get("thresholdValues"));
        final double[] values = calibrator.values();
        assertThat(values).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            PerformanceReferenceData.assertClose(values[i], expected[i], 1e-12, name + " value " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void calibrate_matchesScikitLearnPredict(final String name, final JsonNode node) {
        final IsotonicCalibrator calibrator = IsotonicCalibrator.fit(doubles(node.get("scores")),
                doubles(node.get("outcomes")));
        final double[] queries = doubles(node.get("queries"));
        final double[] expected = doubles(node.get("predictions"));

        for (int i = 0; i < queries.length; i++) {
            PerformanceReferenceData.assertClose(calibrator.calibrate(queries[i]), expected[i], 1e-12,
                    name + " at " + queries[i]);
        }
    }

    @Test
    void of_rejectsDecreasingValues() {
        assertThatThrownBy(() -> IsotonicCalibrator.of(new double[] {0.1, 0.2}, new double[] {0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0.2, 0.4)");
    }

    @Test
    void fit_rejectsNanScore() {
        assertThatThrownBy(() -> IsotonicCalibrator.fit(new double[] {0.1, Double.NaN}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score NaN");
    }

    @Test
    void of_restoresTheFittedMap() {
        final IsotonicCalibrator fitted = IsotonicCalibrator.fit(new double[] {0.1, 0.4, 0.35, 0.8},
                new double[] {0, 0, 1, 1});

        final IsotonicCalibrator restored = IsotonicCalibrator.of(fitted.scores(), fitted.values());

        assertThat(restored.calibrate(0.5)).isEqualTo(fitted.calibrate(0.5));
    }
}
