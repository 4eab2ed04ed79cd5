package dev.momo.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnInferenceTest {

    @Test
    void inferManyDistinctNumbers_isNumeric() {
        assertThat(ColumnInference.infer(new String[] {"1.5", "2", "3.25", "-4"})).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void inferNumbersWithMissing_isNumeric() {
        assertThat(ColumnInference.infer(new String[] {"1", "", "NA", "2", "null", "3"})).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void inferNumbersWithInfinity_isNumeric() {
        assertThat(ColumnInference.infer(new String[] {"1", "inf", "2", "3"})).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void inferBinaryNumbers_isCategorical() {
        assertThat(ColumnInference.infer(new String[] {"0", "1", "1", "0", "1.0"})).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void inferThreeDistinctNumbers_isNumeric() {
        assertThat(ColumnInference.infer(new String[] {"0", "1", "2", "1", "0"})).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void inferOneTextAmongNumbers_isCategorical() {
        assertThat(ColumnInference.infer(new String[] {"1", "2", "3", "four"})).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void inferBooleans_isCategorical() {
        assertThat(ColumnInference.infer(new String[] {"true", "false", "TRUE"})).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void inferAllMissing_isCategorical() {
        assertThat(ColumnInference.infer(new String[] {"", "NA", "nan"})).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void fewTextCells_namesTheTextAmongNumbers() {
        final String[] cells = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "abc", ""};

        assertThat(ColumnInference.fewTextCells(cells)).isEqualTo("1 of its 11 values are not numbers (first: 'abc')");
    }

    @Test
    void fewTextCells_isNullForTextColumnsAndNumberColumns() {
        assertThat(ColumnInference.fewTextCells(new String[] {"a", "b", "1"})).isNull();
        assertThat(ColumnInference.fewTextCells(new String[] {"1", "2", "3"})).isNull();
    }
}
