package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the Prometheus text format 0.0.4: comments, labels with escaped quotes, NaN, +Inf and timestamps. */
class MetricsTextTest {

    private static final String TEXT = String.join("\n",
            "# HELP momo_drift_value Latest value of a drift statistic",
            "# TYPE momo_drift_value gauge",
            "momo_drift_value{feature=\"income\",model=\"a \\\"quoted\\\" b\",statistic=\"psi\"} 0.25",
            "momo_drift_value{feature=\"age\",model=\"m\",statistic=\"psi\"} NaN",
            "x_seconds_bucket{le=\"+Inf\"} 3",
            "x_seconds_count 3 1709251200000",
            "up 1",
            "");

    @Test
    void parse_sampleNamesIncludeSuffixes() {
        assertThat(MetricsText.parse(TEXT).names()).containsExactly("momo_drift_value", "up", "x_seconds_bucket",
                "x_seconds_count");
    }

    @Test
    void parse_labelValuesWithEscapedQuotes() {
        assertThat(MetricsText.parse(TEXT).value("momo_drift_value", Map.of("model", "a \\\"quoted\\\" b")))
                .isEqualTo(0.25);
    }

    @Test
    void value_missingSeriesIsZero() {
        assertThat(MetricsText.parse(TEXT).value("momo_events_processed_total", Map.of())).isZero();
    }

    @Test
    void value_nanAndTimestampParsed() {
        assertThat(MetricsText.parse(TEXT).value("momo_drift_value", Map.of("feature", "age"))).isNaN();
        assertThat(MetricsText.parse(TEXT).value("x_seconds_count", Map.of())).isEqualTo(3);
    }

    @Test
    void parse_malformedLineRejected() {
        assertThatThrownBy(() -> MetricsText.parse("momo_x{a=\"b\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo_x{a=\"b\"}");
    }
}
