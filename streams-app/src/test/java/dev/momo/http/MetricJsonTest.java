package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricJsonTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    private static DriftMetric metric(final String feature, final String statistic, final double value,
                                      final double threshold, final String source, final Double pValue) {
        return DriftMetric.newBuilder().setModelId("m").setModelVersion("1").setFeature(feature).setStatistic(statistic)
                .setWindowIndex(3).setWindowStart(null).setWindowEnd(Instant.parse("2026-12-05T04:00:10Z"))
                .setInputPartition(2).setSampleSize(100).setReferenceSize(1000).setValue(value).setThreshold(threshold)
                .setThresholdSource(source).setPValue(pValue).setDrifted(false)
                .setComputedAt(Instant.parse("2026-12-05T04:00:11Z")).build();
    }

    @Test
    void score_distance_isValueOverThreshold() {
        assertThat(MetricJson.score(metric("x", "psi", 0.25, 0.1, "reference_chunks", null))).isCloseTo(2.5, EXACT);
    }

    @Test
    void score_test_isLevelOverPValue() {
        assertThat(MetricJson.score(metric("x", "kolmogorov_smirnov", 0.2, 0.05, "p_value", 0.005))).isCloseTo(10.0, EXACT);
        assertThat(MetricJson.score(metric("x", "kolmogorov_smirnov", 0.9, 0.05, "p_value", 0.0)))
                .isEqualTo(MetricJson.MAX_SCORE);
        assertThat(MetricJson.score(metric("x", "kolmogorov_smirnov", 0.2, 0.05, "p_value", null))).isNaN();
    }

    @Test
    void score_lowerBoundMetric_isThresholdOverValue() {
        assertThat(MetricJson.score(metric("performance", "accuracy", 0.8, 0.88, "reference_chunks_lower", null)))
                .isCloseTo(1.1, EXACT);
    }

    @Test
    void score_detectorOrNaNValue_isNaN() {
        assertThat(MetricJson.score(metric("x", "adwin", 0.4, Double.NaN, "detector", null))).isNaN();
        assertThat(MetricJson.score(metric("x", "psi", Double.NaN, 0.1, "reference_chunks", null))).isNaN();
        assertThat(MetricJson.score(metric("x", "missing_rate", 0.2, 0.0, "fixed", null))).isEqualTo(MetricJson.MAX_SCORE);
    }

    @Test
    void family_namesTheKindOfCheck() {
        assertThat(MetricJson.family(metric("x", "psi", 0, 0.1, "reference_chunks", null))).isEqualTo("distance");
        assertThat(MetricJson.family(metric("x", "chi2", 0, 0.05, "p_value", null))).isEqualTo("test");
        assertThat(MetricJson.family(metric("x", "missing_rate", 0, 0.1, "fixed", null))).isEqualTo("quality");
        assertThat(MetricJson.family(metric("x", "page_hinkley", 0, 0.1, "detector", null))).isEqualTo("detector");
        assertThat(MetricJson.family(metric("performance", "f1", 0, 0.1, "reference_chunks_lower", null)))
                .isEqualTo("performance");
        assertThat(MetricJson.family(metric("dataset", "drifted_feature_share", 0, 0.5, "fixed", null)))
                .isEqualTo("dataset");
        assertThat(MetricJson.family(metric("x", "from_the_future", 0, 0.1, "fixed", null))).isEqualTo("other");
    }

    @Test
    void point_writesNaNAndAbsentValuesAsNullAndTimesAsIso() {
        final JsonNode point = MetricJson.point(metric("x", "psi", Double.NaN, 0.1, "reference_chunks", null));

        assertThat(point.get("value").isNull()).isTrue();
        assertThat(point.get("pValue").isNull()).isTrue();
        assertThat(point.get("windowStart").isNull()).isTrue();
        assertThat(point.get("windowEnd").asText()).isEqualTo("2026-12-05T04:00:10Z");
        assertThat(point.get("inputPartition").asInt()).isEqualTo(2);
        assertThat(point.get("threshold").asDouble()).isEqualTo(0.1);
    }
}
