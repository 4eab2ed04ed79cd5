package dev.momo.notify;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroClassTrust;
import java.time.Instant;

/** Alert records for the notifier tests. */
final class Alerts {

    static {
        // Building a DriftAlert reads the default of its contributors field, which Avro 1.12.2
        // resolves only for trusted classes.
        AvroClassTrust.trustSchemaPackage();
    }

    private Alerts() {
    }

    static DriftAlert alert(final String alertId, final AlertSeverity severity, final AlertState state,
            final long windowIndex) {
        return DriftAlert.newBuilder()
                .setAlertId(alertId)
                .setModelId("churn")
                .setModelVersion("3")
                .setFeature("income")
                .setCheck("psi")
                .setSeverity(severity)
                .setState(state)
                .setValue(0.42)
                .setThreshold(0.25)
                .setThresholdSource("reference_chunks")
                .setWindowIndex(windowIndex)
                .setWindowStart(Instant.parse("2018-10-30T18:00:00Z"))
                .setWindowEnd(Instant.parse("2018-10-30T19:00:00Z"))
                .setSampleSize(500)
                .setFirstSeen(Instant.parse("2024-01-01T00:05:00Z"))
                .setUpdatedAt(Instant.parse("2024-01-01T00:10:00Z"))
                .setSummary("PSI of income is 0.42, above its threshold 0.25")
                .build();
    }

    static DriftAlert critical(final String alertId) {
        return alert(alertId, AlertSeverity.CRITICAL, AlertState.OPENED, 7);
    }
}
