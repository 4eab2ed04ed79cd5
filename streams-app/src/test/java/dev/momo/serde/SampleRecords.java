package dev.momo.serde;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One record of each schema, with values that exercise unions, maps, enums and timestamps. */
final class SampleRecords {

    static final Instant EVENT_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private SampleRecords() {
    }

    static InferenceEvent inferenceEvent() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", 41L);
        features.put("income", 1520.5);
        features.put("plan", "basic");
        features.put("email", null);
        features.put("active", true);
        features.put("score", Double.NaN);
        return InferenceEvent.newBuilder()
                .setEventId("e1")
                .setModelId("churn")
                .setModelVersion("3")
                .setEventTime(EVENT_TIME)
                .setFeatures(features)
                .setPrediction("churned")
                .setProbabilities(Map.of("churned", 0.7, "stayed", 0.3))
                .setSegments(Map.of("region", "eu"))
                .build();
    }

    static GroundTruth groundTruth(Object label) {
        return GroundTruth.newBuilder()
                .setEventId("e1")
                .setModelId("churn")
                .setLabel(label)
                .setEventTime(Instant.parse("2024-01-03T12:00:00.250Z"))
                .build();
    }

    static DriftMetric driftMetric() {
        return DriftMetric.newBuilder()
                .setModelId("churn")
                .setModelVersion("3")
                .setFeature("income")
                .setStatistic("jensen_shannon")
                .setWindowIndex(7)
                .setWindowStart(Instant.parse("2018-10-30T18:00:00Z"))
                .setWindowEnd(null)
                .setSampleSize(500)
                .setReferenceSize(10_000)
                .setValue(Double.NaN)
                .setThreshold(0.1)
                .setThresholdSource("reference_chunks")
                .setPValue(null)
                .setDrifted(false)
                .setComputedAt(Instant.parse("2024-01-01T00:05:00.123Z"))
                .build();
    }

    static DriftAlert driftAlert() {
        return DriftAlert.newBuilder()
                .setAlertId("churn/income/psi")
                .setModelId("churn")
                .setModelVersion("3")
                .setFeature("income")
                .setCheck("psi")
                .setSeverity(AlertSeverity.CRITICAL)
                .setState(AlertState.OPENED)
                .setValue(0.42)
                .setThreshold(0.25)
                .setPValue(0.001)
                .setWindowIndex(7)
                .setWindowStart(Instant.parse("2018-10-30T18:00:00Z"))
                .setWindowEnd(Instant.parse("2018-10-30T19:00:00Z"))
                .setSampleSize(500)
                .setFirstSeen(Instant.parse("2024-01-01T00:05:00Z"))
                .setUpdatedAt(Instant.parse("2024-01-01T00:05:00Z"))
                .build();
    }
}
