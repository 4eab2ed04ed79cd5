package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioned binary encoding of performance windows. */
class PerformanceWindowCodecTest {

    private static final ClassLabels CARDS = ClassLabels.of(List.of("prepaid", "highstreet", "upmarket"));

    @Test
    void multiclassWindow_roundTripsWithUnlabeledRows() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);
        window.add(11L, 0, 0, 0.6, 0.3, 0.1);
        window.add(12L, ClassLabels.NO_LABEL, 2, 0.1, 0.2, 0.7);
        window.add(13L, 2, 1, 0.2, 0.5, 0.3);

        final ClassificationWindow decoded = PerformanceWindowCodec.decodeClassification(
                PerformanceWindowCodec.encode(window));

        assertThat(decoded.classes()).isEqualTo(CARDS);
        assertThat(decoded.rowCount()).isEqualTo(3);
        assertThat(decoded.labeledCount()).isEqualTo(2);
        assertThat(decoded.confusionMatrix()).isEqualTo(window.confusionMatrix());
        assertThat(decoded.rows().size()).isEqualTo(3);
        assertThat(decoded.rows().label(1)).isEqualTo(ClassLabels.NO_LABEL);
        assertThat(PerformanceWindowCodec.encode(decoded)).isEqualTo(PerformanceWindowCodec.encode(window));
    }

    @Test
    void binaryWindowWithExplicitPositiveClass_keepsIt() {
        final ClassLabels classes = ClassLabels.binary("yes", "no");
        final ClassificationWindow window = ClassificationWindow.create(classes, true);
        window.add(1L, 0, 1, 0.2);

        final ClassificationWindow decoded = PerformanceWindowCodec.decodeClassification(
                PerformanceWindowCodec.encode(window));

        assertThat(decoded.classes()).isEqualTo(classes);
        assertThat(decoded.classes().name(decoded.classes().positiveIndex())).isEqualTo("no");
    }

    @Test
    void sampledWindow_keepsItsFlagAndCap() {
        final ClassificationWindow window = ClassificationWindow.create(ClassLabels.of(List.of("0", "1")), false, 5);
        for (int i = 0; i < 20; i++) {
            window.add(SampleKeys.ofRowIndex(i), i % 2, 1);
        }

        final ClassificationWindow decoded = PerformanceWindowCodec.decodeClassification(
                PerformanceWindowCodec.encode(window));

        assertThat(decoded.maxRows()).isEqualTo(5);
        assertThat(decoded.rows().sampled()).isTrue();
        assertThat(decoded.rowCount()).isEqualTo(20);
    }

    @Test
    void regressionWindow_roundTripsExactly() {
        final RegressionWindow window = new RegressionWindow();
        window.add(1.0, 1.5);
        window.add(1e12, 1e12 + 3);

        final RegressionWindow decoded = PerformanceWindowCodec.decodeRegression(PerformanceWindowCodec.encode(window));

        assertThat(PerformanceWindowCodec.encode(decoded)).isEqualTo(PerformanceWindowCodec.encode(window));
        assertThat(decoded.count()).isEqualTo(2);
    }

    @Test
    void unknownFormatByte_isRejectedNamingIt() {
        final byte[] bytes = PerformanceWindowCodec.encode(new RegressionWindow());
        bytes[0] = 0x7f;

        assertThatThrownBy(() -> PerformanceWindowCodec.decodeRegression(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format byte 0x7f")
                .hasMessageContaining("expected 0x31");
    }

    @Test
    void regressionBytes_areRejectedAsClassificationWindow() {
        final byte[] bytes = PerformanceWindowCodec.encode(new RegressionWindow());

        assertThatThrownBy(() -> PerformanceWindowCodec.decodeClassification(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the other kind of window");
    }

    @Test
    void truncatedBytes_areRejected() {
        final ClassificationWindow window = ClassificationWindow.create(CARDS, true);
        window.add(1L, 0, 0, 0.6, 0.3, 0.1);
        final byte[] bytes = PerformanceWindowCodec.encode(window);

        assertThatThrownBy(() -> PerformanceWindowCodec.decodeClassification(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated classification window");
    }

    @Test
    void emptyBytes_areRejected() {
        assertThatThrownBy(() -> PerformanceWindowCodec.decodeRegression(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated regression window of 0 bytes");
    }
}
