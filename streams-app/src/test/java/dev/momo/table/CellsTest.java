package dev.momo.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "NA", "na", "N/A", "null", "NULL", "None", "nan", "NaN", " NaN "})
    void isMissingMarker_isTrue(final String cell) {
        assertThat(Cells.isMissing(cell)).isTrue();
    }

    @Test
    void isMissingNull_isTrue() {
        assertThat(Cells.isMissing(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-", "nil", "missing", "false"})
    void isMissingOtherText_isFalse(final String cell) {
        assertThat(Cells.isMissing(cell)).isFalse();
    }

    @Test
    void parseNumberDecimal_returnsValue() {
        assertThat(Cells.parseNumber("1520.5")).isEqualTo(1520.5);
        assertThat(Cells.parseNumber(" -3 ")).isEqualTo(-3.0);
        assertThat(Cells.parseNumber("+.5")).isEqualTo(0.5);
        assertThat(Cells.parseNumber("1e3")).isEqualTo(1000.0);
    }

    @Test
    void parseNumberInf_returnsInfinity() {
        assertThat(Cells.parseNumber("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Cells.parseNumber("+INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Cells.parseNumber("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Cells.parseNumber("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void parseNumberNaN_isMissing() {
        // "nan" is a missing marker, so it reads as no value rather than as Double.NaN.
        assertThat(Cells.parseNumber("NaN")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "basic", "-", "1,5", "12abc", "e5"})
    void parseNumberText_returnsNull(final String cell) {
        assertThat(Cells.parseNumber(cell)).isNull();
    }

    @Test
    void parseNumberJavaTypeSuffix_returnsNull() {
        assertThat(Cells.parseNumber("1d")).isNull();
        assertThat(Cells.parseNumber("2f")).isNull();
    }

    @Test
    void isBooleanAnyCase_isTrue() {
        assertThat(Cells.isBoolean("TRUE")).isTrue();
        assertThat(Cells.isBoolean("false")).isTrue();
        assertThat(Cells.isBoolean("yes")).isFalse();
        assertThat(Cells.isBoolean(null)).isFalse();
    }

    @Test
    void parseTimestampIsoInstant_returnsInstant() {
        assertThat(Cells.parseTimestamp("2024-01-01T00:00:00Z")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void parseTimestampIsoOffset_convertsToUtc() {
        assertThat(Cells.parseTimestamp("2024-01-01T01:00:00+01:00")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void parseTimestampLocalMillis_readsAsUtc() {
        assertThat(Cells.parseTimestamp("2018-01-01 00:00:00.000")).isEqualTo(Instant.parse("2018-01-01T00:00:00Z"));
        assertThat(Cells.parseTimestamp("2018-01-01 12:30:15.250")).isEqualTo(Instant.parse("2018-01-01T12:30:15.250Z"));
    }

    @Test
    void parseTimestampLocalMinutes_readsAsUtc() {
        assertThat(Cells.parseTimestamp("2018-01-01T06:45")).isEqualTo(Instant.parse("2018-01-01T06:45:00Z"));
    }

    @Test
    void parseTimestampEpochMillis_returnsInstant() {
        // 1514764800000 ms is 2018-01-01T00:00:00Z (date -u -d @1514764800).
        assertThat(Cells.parseTimestamp("1514764800000")).isEqualTo(Instant.parse("2018-01-01T00:00:00Z"));
    }

    @Test
    void parseTimestampInvalid_messageNamesText() {
        assertThatThrownBy(() -> Cells.parseTimestamp("yesterday noon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday noon'");
    }

    @Test
    void parseTimestampMissing_throws() {
        assertThatThrownBy(() -> Cells.parseTimestamp("NA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void categoryOfIntegralDouble_dropsFraction() {
        assertThat(Cells.categoryOf(1.0)).isEqualTo("1");
        assertThat(Cells.categoryOf(-2.0)).isEqualTo("-2");
        assertThat(Cells.categoryOf(1.0f)).isEqualTo("1");
    }

    @Test
    void categoryOfFractionalDouble_keepsFraction() {
        assertThat(Cells.categoryOf(1.5)).isEqualTo("1.5");
    }

    @Test
    void categoryOfNumericText_matchesNumber() {
        assertThat(Cells.categoryOf("1.0")).isEqualTo("1");
        assertThat(Cells.categoryOf("1")).isEqualTo("1");
        assertThat(Cells.categoryOf("2.50")).isEqualTo("2.5");
    }

    @Test
    void categoryOfLongAndBoolean_isTheirText() {
        assertThat(Cells.categoryOf(1L)).isEqualTo("1");
        assertThat(Cells.categoryOf(true)).isEqualTo("true");
    }

    @Test
    void categoryOfText_isUnchanged() {
        assertThat(Cells.categoryOf("basic")).isEqualTo("basic");
        assertThat(Cells.categoryOf("inf")).isEqualTo("inf");
    }
}
