package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Class names, their order and the positive class. */
class ClassLabelsTest {

    @Test
    void integralNumbers_haveOneCanonicalName() {
        assertThat(ClassLabels.canonical("1.0")).isEqualTo("1");
        assertThat(ClassLabels.canonical(" 1 ")).isEqualTo("1");
        assertThat(ClassLabels.canonical(0.0)).isEqualTo("0");
        assertThat(ClassLabels.canonical("0.5")).isEqualTo("0.5");
        assertThat(ClassLabels.canonical("NaN")).isEqualTo("NaN");
        assertThat(ClassLabels.canonical("1d")).isEqualTo("1d");
    }

    @Test
    void numericClasses_sortAsNumbers() {
        assertThat(ClassLabels.of(List.of("10", "2", "-1")).names()).containsExactly("-1", "2", "10");
    }

    @Test
    void textClasses_sortAsText() {
        assertThat(ClassLabels.of(List.of("upmarket", "10", "prepaid")).names())
                .containsExactly("10", "prepaid", "upmarket");
    }

    @Test
    void binaryClasses_takeTheSecondAsPositive() {
        final ClassLabels classes = ClassLabels.of(List.of("1.0", "0"));

        assertThat(classes.names()).containsExactly("0", "1");
        assertThat(classes.positiveIndex()).isEqualTo(1);
        assertThat(classes.indexOf("1.0")).isEqualTo(1);
    }

    @Test
    void explicitPositiveClass_isKept() {
        final ClassLabels classes = ClassLabels.binary("yes", "no");

        assertThat(classes.names()).containsExactly("no", "yes");
        assertThat(classes.positiveIndex()).isZero();
        assertThat(classes).isNotEqualTo(ClassLabels.of(List.of("no", "yes")));
    }

    @Test
    void singleClass_isRejected() {
        assertThatThrownBy(() -> ClassLabels.of(List.of("1", "1.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 distinct classes, got [1]");
    }

    @Test
    void blankClass_isRejected() {
        assertThatThrownBy(() -> ClassLabels.of(List.of("a", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing or blank");
    }

    @Test
    void multiclass_hasNoPositiveClass() {
        assertThat(ClassLabels.of(List.of("a", "b", "c")).positiveIndex()).isEqualTo(-1);
    }
}
