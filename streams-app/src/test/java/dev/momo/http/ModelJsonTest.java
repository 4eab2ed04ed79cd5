package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DriftMetric record(final String feature, final String statistic, final String source,
                                      final boolean drifted) {
        return DriftMetric.newBuilder().setModelId("m").setModelVersion("1").setFeature(feature).setStatistic(statistic)
                .setWindowIndex(3).setWindowEnd(Instant.parse("2026-12-05T04:00:10Z")).setSampleSize(100)
                .setReferenceSize(1000).setValue(0.4).setThreshold(0.1).setThresholdSource(source).setDrifted(drifted)
                .setComputedAt(Instant.parse("2026-12-05T04:00:11Z")).build();
    }

    private static JsonNode alert(final String state) throws Exception {
        return JSON.readTree("{\"state\":\"" + state + "\",\"severity\":\"WARNING\"}");
    }

    @Test
    void featureRow_signalWatchedByDetectorsOnly_driftsWhileItsAlertIsOpen() throws Exception {
        final List<DriftMetric> detections = List.of(record("error", "adwin", "detector", true));

        final JsonNode open = ModelJson.featureRow("error", null, detections, List.of(alert("OPENED")));
        final JsonNode resolved = ModelJson.featureRow("error", null, detections, List.of(alert("RESOLVED")));

        assertThat(open.get("role").asText()).isEqualTo("signal");
        assertThat(open.get("status").asText()).isEqualTo("drifted");
        assertThat(resolved.get("status").asText()).isEqualTo("ok");
        assertThat(resolved.get("score").isNull()).isTrue();
    }

    @Test
    void featureRow_oldDetectionBesideCleanWindowChecks_isOk() {
        final JsonNode row = ModelJson.featureRow("amount", null, List.of(
                record("amount", "adwin", "detector", true),
                record("amount", "psi", "reference_chunks", false)), List.of());

        assertThat(row.get("role").asText()).isEqualTo("unknown");
        assertThat(row.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void featureRow_driftedWindowCheck_isDriftedWithItsScore() {
        final JsonNode row = ModelJson.featureRow("amount", null, List.of(
                record("amount", "psi", "reference_chunks", true)), List.of());

        assertThat(row.get("status").asText()).isEqualTo("drifted");
        assertThat(row.get("score").asDouble()).isEqualTo(4.0);
        assertThat(row.get("worstStatistic").asText()).isEqualTo("psi");
    }

    @Test
    void byFeature_leavesOutTheDataSetAndPerformance() {
        assertThat(ModelJson.byFeature(List.of(record("dataset", "drifted_feature_share", "fixed", false),
                record("performance", "accuracy", "reference_chunks_lower", false),
                record("amount", "psi", "reference_chunks", false))).keySet()).containsExactly("amount");
    }
}
