package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Row validation, merging and the row cap of {@link ClassificationWindow}. */
class ClassificationWindowTest {

    private static final ClassLabels BINARY = ClassLabels.of(List.of("0", "1"));
    private static final ClassLabels CARDS = ClassLabels.of(List.of("prepaid", "highstreet", "upmarket"));

    @Test
    void nanProbability_isRejectedWithItsValue() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.add(1L, 1, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability NaN of the positive class '1'")
                .hasMessageContaining("[0, 1]");
        assertThat(window.rowCount()).isZero();
        assertThat(window.labeledCount()).isZero();
    }

    @Test
    void probabilityAboveOne_isRejectedWithItsValue() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);

        assertThatThrownBy(() -> window.add(1L, 0, 0, 1.5, -0.25, -0.25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability 1.5 of class 'highstreet'");
    }

    @Test
    void negativeProbabilityByName_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.add(1L, "1", "1", Map.of("1", -0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability -0.1 of class '1'");
    }

    @Test
    void infiniteProbability_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.add(1L, 0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void probabilitiesNotAddingUpToOne_areRejected() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);

        assertThatThrownBy(() -> window.add(1L, 0, 0, 0.5, 0.3, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1.1");
    }

    @Test
    void probabilitiesOffByRounding_areAccepted() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);

        window.add(1L, 0, 0, 0.39, 0.35, 0.26 + 5e-6);

        assertThat(window.rowCount()).isEqualTo(1);
    }

    @Test
    void unknownLabel_isRejectedWithClasses() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);

        assertThatThrownBy(() -> window.add(1L, "gold", "prepaid",
                Map.of("prepaid", 0.5, "highstreet", 0.25, "upmarket", 0.25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 'gold' is not a known class")
                .hasMessageContaining("[highstreet, prepaid, upmarket]");
    }

    @Test
    void unknownProbabilityClass_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.add(1L, "1", "1", Map.of("2", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability class '2' is not a known class");
    }

    @Test
    void missingClassProbability_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);

        assertThatThrownBy(() -> window.add(1L, null, "prepaid", Map.of("prepaid", 0.5, "upmarket", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability of class 'highstreet' is missing");
    }

    @Test
    void classIndexOutOfRange_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, false);

        assertThatThrownBy(() -> window.add(1L, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true class index 2 is out of range");
    }

    @Test
    void negativeClassProbabilityAlone_givesThePositiveOne() {
        final ClassificationWindow byName = ClassificationWindow.create(BINARY, true);
        final ClassificationWindow byIndex = ClassificationWindow.create(BINARY, true);

        byName.add(1L, "1.0", "1", Map.of("0", 0.25));
        byIndex.add(1L, 1, 1, 0.75);

        assertThat(ClassificationMetrics.compute(byName).values())
                .isEqualTo(ClassificationMetrics.compute(byIndex).values());
    }

    @Test
    void mergingOtherClasses_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.addAll(ClassificationWindow.create(CARDS, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot merge");
    }

    @Test
    void mergingIntoItself_isRejected() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);
        window.add(1L, 1, 1, 0.8);

        assertThatThrownBy(() -> window.addAll(window))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("into itself");
        assertThat(window.rowCount()).isEqualTo(1);
    }

    @Test
    void windowPastCap_keepsExactCounts() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true, 100);
        final ClassificationWindow exact = ClassificationWindow.create(BINARY, true);
        final Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            final int label = random.nextInt(2);
            final double probability = Math.min(1.0, 0.4 * label + 0.6 * random.nextDouble());
            window.add(SampleKeys.ofRowIndex(i), label, probability >= 0.5 ? 1 : 0, probability);
            exact.add(SampleKeys.ofRowIndex(i), label, probability >= 0.5 ? 1 : 0, probability);
        }

        final PerformanceMetrics sampled = ClassificationMetrics.compute(window);
        final PerformanceMetrics complete = ClassificationMetrics.compute(exact);

        assertThat(sampled.sampled()).isTrue();
        assertThat(complete.sampled()).isFalse();
        assertThat(sampled.value(MetricNames.ACCURACY)).isEqualTo(complete.value(MetricNames.ACCURACY));
        assertThat(sampled.value(MetricNames.LOG_LOSS)).isEqualTo(complete.value(MetricNames.LOG_LOSS));
        assertThat(window.rows().size()).isEqualTo(100);
        assertThat(sampled.value(MetricNames.ROC_AUC)).isCloseTo(complete.value(MetricNames.ROC_AUC),
                org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void sampledWindows_doNotDependOnMergeOrder() {
        final ClassificationWindow[] parts = new ClassificationWindow[3];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = ClassificationWindow.create(BINARY, true, 50);
        }
        for (int i = 0; i < 600; i++) {
            parts[i % 3].add(SampleKeys.ofEventId("event-" + i), i % 2, (i / 2) % 2, (i % 7) / 7.0);
        }
        final ClassificationWindow forward = ClassificationWindow.create(BINARY, true, 50);
        final ClassificationWindow backward = ClassificationWindow.create(BINARY, true, 50);
        for (int p = 0; p < parts.length; p++) {
            forward.addAll(parts[p]);
            backward.addAll(parts[parts.length - 1 - p]);
        }

        assertThat(PerformanceWindowCodec.encode(forward)).isEqualTo(PerformanceWindowCodec.encode(backward));
    }

    @Test
    void windowWithoutProbabilities_rejectsProbabilities() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, false);

        assertThatThrownBy(() -> window.add(1L, 1, 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no probabilities");
    }

    @Test
    void windowWithProbabilities_rejectsRowsWithout() {
        final ClassificationWindow window = ClassificationWindow.create(BINARY, true);

        assertThatThrownBy(() -> window.add(1L, "1", "1", new HashMap<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities are missing");
    }

    @Test
    void zeroCap_isRejected() {
        assertThatThrownBy(() -> ClassificationWindow.create(BINARY, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRows must be at least 1, got 0");
    }
}
