package dev.momo.performance;

import static dev.momo.performance.PerformanceReferenceData.assertRelativelyClose;
import static dev.momo.performance.PerformanceReferenceData.doubles;
import static dev.momo.performance.PerformanceReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Regression metrics against scikit-learn 1.6.1 on the cases of {@code regression_cases.json}. */
class RegressionMetricsTest {

    static Stream<Arguments> cases() {
        return PerformanceReferenceData.cases("regression_cases.json").stream()
                .map(node -> Arguments.of(node.get("name").asText(), node));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metrics_matchScikitLearn(final String name, final JsonNode node) {
        final PerformanceMetrics metrics = RegressionMetrics.compute(window(node, 0, 1));

        node.get("expected").fields().forEachRemaining(entry ->
                assertRelativelyClose(metrics.value(entry.getKey()), number(entry.getValue()),
                        name + " " + entry.getKey()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergedPartitions_equalOneWindow(final String name, final JsonNode node) {
        final RegressionWindow merged = new RegressionWindow();
        for (int part = 2; part >= 0; part--) {
            merged.addAll(window(node, part, 3));
        }

        final Map<String, Double> expected = RegressionMetrics.compute(window(node, 0, 1)).values();
        RegressionMetrics.compute(merged).values().forEach((metric, value) ->
                PerformanceReferenceData.assertClose(value, expected.get(metric), 1e-12, name + " " + metric));
        assertThat(merged.count()).isEqualTo(node.get("labels").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodedWindow_givesSameMetrics(final String name, final JsonNode node) {
        final RegressionWindow window = window(node, 0, 1);

        final RegressionWindow decoded = PerformanceWindowCodec.decodeRegression(PerformanceWindowCodec.encode(window));

        assertThat(RegressionMetrics.compute(decoded).values()).isEqualTo(RegressionMetrics.compute(window).values());
    }

    @Test
    void emptyWindow_givesNan() {
        final PerformanceMetrics metrics = RegressionMetrics.compute(new RegressionWindow());

        assertThat(metrics.values().values()).hasSize(5).allSatisfy(value -> assertThat(value).isNaN());
    }

    @Test
    void inexactConstantLabel_givesR2Zero() {
        // scikit-learn 1.6.1 returns about -1.7e31 here, from the rounding of numpy.mean([0.1] * 3).
        final RegressionWindow window = new RegressionWindow();
        window.add(0.1, 0.1);
        window.add(0.1, 0.1);
        window.add(0.1, 0.2);

        assertThat(RegressionMetrics.compute(window).value(MetricNames.R2)).isZero();
    }

    @Test
    void nanPrediction_isRejectedWithItsValue() {
        final RegressionWindow window = new RegressionWindow();

        assertThatThrownBy(() -> window.add(1.0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prediction NaN");
        assertThat(window.count()).isZero();
    }

    @Test
    void infiniteLabel_isRejectedWithItsValue() {
        final RegressionWindow window = new RegressionWindow();

        assertThatThrownBy(() -> window.add(Double.NEGATIVE_INFINITY, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label -Infinity");
    }

    @Test
    void hugeErrors_giveInfiniteMse() {
        final RegressionWindow window = new RegressionWindow();
        window.add(-1e200, 1e200);
        window.add(0.0, 1.0);

        final PerformanceMetrics metrics = RegressionMetrics.compute(window);

        assertThat(metrics.value(MetricNames.MSE)).isInfinite();
        assertThat(metrics.value(MetricNames.MAE)).isEqualTo(1e200);
    }

    private static RegressionWindow window(final JsonNode node, final int first, final int step) {
        final double[] labels = doubles(node.get("labels"));
        final double[] predictions = doubles(node.get("predictions"));
        final RegressionWindow window = new RegressionWindow();
        for (int i = first; i < labels.length; i += step) {
            window.add(labels[i], predictions[i]);
        }
        return window;
    }
}
