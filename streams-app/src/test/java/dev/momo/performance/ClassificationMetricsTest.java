package dev.momo.performance;

import static dev.momo.performance.PerformanceReferenceData.assertRelativelyClose;
import static dev.momo.performance.PerformanceReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realized classification metrics against scikit-learn 1.6.1 on the hard cases of
 * {@code classification_cases.json} (computed by {@code performance_reference_values.py}).
 */
class ClassificationMetricsTest {

    static Stream<Arguments> cases() {
        return PerformanceReferenceData.cases("classification_cases.json").stream()
                .map(node -> Arguments.of(node.get("name").asText(), node));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metrics_matchScikitLearn(final String name, final JsonNode node) {
        final PerformanceMetrics metrics = ClassificationMetrics.compute(window(node));

        node.get("expected").fields().forEachRemaining(entry ->
                assertRelativelyClose(metrics.value(entry.getKey()), number(entry.getValue()),
                        name + " " + entry.getKey()));
        assertThat(metrics.values().keySet()).as(name).hasSize(node.get("expected").size());
        assertThat(metrics.sampled()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergedPartitions_equalOneWindow(final String name, final JsonNode node) {
        final ClassificationWindow whole = window(node);
        final ClassificationWindow merged = emptyWindow(node);
        for (final ClassificationWindow part : partitions(node, 3)) {
            merged.addAll(part);
        }

        assertThat(merged.confusionMatrix()).isEqualTo(whole.confusionMatrix());
        final Map<String, Double> expected = ClassificationMetrics.compute(whole).values();
        ClassificationMetrics.compute(merged).values().forEach((metric, value) ->
                PerformanceReferenceData.assertClose(value, expected.get(metric), 1e-12, name + " " + metric));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodedWindow_givesSameMetrics(final String name, final JsonNode node) {
        final ClassificationWindow window = window(node);
        final ClassificationWindow decoded = PerformanceWindowCodec.decodeClassification(
                PerformanceWindowCodec.encode(window));

        assertThat(ClassificationMetrics.compute(decoded).values())
                .isEqualTo(ClassificationMetrics.compute(window).values());
    }

    @Test
    void emptyWindow_givesNanRatesAndZeroCounts() {
        final ClassificationWindow window = ClassificationWindow.create(ClassLabels.of(List.of("0", "1")), true);

        final PerformanceMetrics metrics = ClassificationMetrics.compute(window);

        for (final String metric : List.of(MetricNames.ACCURACY, MetricNames.PRECISION, MetricNames.RECALL,
                MetricNames.SPECIFICITY, MetricNames.F1, MetricNames.ROC_AUC, MetricNames.AVERAGE_PRECISION,
                MetricNames.LOG_LOSS)) {
            assertThat(metrics.value(metric)).as(metric).isNaN();
        }
        assertThat(metrics.value(MetricNames.TRUE_POSITIVE)).isZero();
        assertThat(metrics.rowCount()).isZero();
    }

    @Test
    void emptyMulticlassWindow_givesNanAverages() {
        final ClassificationWindow window = ClassificationWindow.create(ClassLabels.of(List.of("a", "b", "c")), true);

        final PerformanceMetrics metrics = ClassificationMetrics.compute(window);

        assertThat(metrics.value("f1_macro")).isNaN();
        assertThat(metrics.value("roc_auc_weighted")).isNaN();
        assertThat(metrics.value(MetricNames.LOG_LOSS)).isNaN();
    }

    @Test
    void unlabeledRows_areLeftOutOfRealizedMetrics() {
        final ClassLabels classes = ClassLabels.of(List.of("0", "1"));
        final ClassificationWindow window = ClassificationWindow.create(classes, true);
        window.add(1L, 1, 1, 0.9);
        window.add(2L, 0, 0, 0.2);
        window.add(3L, ClassLabels.NO_LABEL, 0, 0.95);

        final PerformanceMetrics metrics = ClassificationMetrics.compute(window);

        assertThat(metrics.rowCount()).isEqualTo(2);
        assertThat(metrics.value(MetricNames.ACCURACY)).isEqualTo(1.0);
        assertThat(metrics.value(MetricNames.ROC_AUC)).isEqualTo(1.0);
        assertThat(window.rowCount()).isEqualTo(3);
    }

    /** Builds one window from the rows of a case. */
    static ClassificationWindow window(final JsonNode node) {
        final ClassificationWindow window = emptyWindow(node);
        addRows(window, node, 0, node.get("labels").size(), 1);
        return window;
    }

    private static List<ClassificationWindow> partitions(final JsonNode node, final int count) {
        final List<ClassificationWindow> parts = new ArrayList<>();
        for (int part = count - 1; part >= 0; part--) {
            final ClassificationWindow window = emptyWindow(node);
            addRows(window, node, part, node.get("labels").size(), count);
            parts.add(window);
        }
        return parts;
    }

    static ClassificationWindow emptyWindow(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.get("classes").forEach(name -> names.add(name.asText()));
        final ClassLabels classes = node.get("positive").isNull() ? ClassLabels.of(names)
                : ClassLabels.binary(names.get(0), node.get("positive").asText());
        return ClassificationWindow.create(classes, !node.get("probabilities").isNull());
    }

    private static void addRows(final ClassificationWindow window, final JsonNode node, final int first,
                                final int end, final int step) {
        final ClassLabels classes = window.classes();
        for (int row = first; row < end; row += step) {
            final int label = classes.requireIndex(node.get("labels").get(row).asText(), "label");
            final int predicted = classes.requireIndex(node.get("predictions").get(row).asText(), "prediction");
            final double[] probabilities = window.withProbabilities()
                    ? PerformanceReferenceData.doubles(node.get("probabilities").get(row)) : new double[0];
            window.add(SampleKeys.ofRowIndex(row), label, predicted, probabilities);
        }
    }
}
