package dev.momo.testing;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroClassTrust;
import java.time.Instant;
import java.util.List;

/** DriftAlert records for tests, with every required field set and the optional ones at their defaults. */
public final class AlertRecords {

    static {
        // Avro 1.12.2 reads the defaults of record-array fields through the class trust check.
        AvroClassTrust.trustSchemaPackage();
    }

    private AlertRecords() {
    }

    /**
     * Returns a PSI alert on feature {@code income} of version v1.
     *
     * @param updatedAt epoch ms of the record; firstSeen is the same for OPENED records and one hour earlier otherwise
     */
    public static DriftAlert alert(final String alertId, final String modelId, final AlertState state,
                                   final AlertSeverity severity, final long updatedAt) {
        return DriftAlert.newBuilder()
                .setAlertId(alertId)
                .setModelId(modelId)
                .setModelVersion("v1")
                .setFeature("income")
                .setCheck("psi")
                .setSeverity(severity)
                .setState(state)
                .setValue(state == AlertState.RESOLVED ? 0.05 : 0.3)
                .setThreshold(0.2)
                .setWindowIndex(updatedAt / 60_000)
                .setSampleSize(500)
                .setFirstSeen(Instant.ofEpochMilli(state == AlertState.OPENED ? updatedAt : updatedAt - 3_600_000))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .setContributors(List.of())
                .setDriftedFeatures(List.of())
                .build();
    }
}
