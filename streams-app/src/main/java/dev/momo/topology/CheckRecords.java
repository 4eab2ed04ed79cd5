package dev.momo.topology;

import dev.momo.alerting.AlertTracker;
import dev.momo.alerting.OpenAlert;
import dev.momo.drift.CheckResult;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/** Output records of a judged check: its drift metric, and the alert state it moves. */
final class CheckRecords {

    private CheckRecords() {
    }

    /**
     * Builds the drift metric of a check.
     *
     * @param statistic the statistic name of the record: the check's own, or a performance metric's
     * @param partition input partition of a count window, null otherwise
     */
    static DriftMetric metric(final CheckResult result, final String statistic, final AlertTracker.WindowInfo info,
                              final Integer partition, final long now) {
        return DriftMetric.newBuilder()
                .setModelId(info.modelId())
                .setModelVersion(info.modelVersion())
                .setFeature(result.feature())
                .setStatistic(statistic)
                .setWindowIndex(info.windowIndex())
                .setWindowStart(info.windowStart() == null ? null : Instant.ofEpochMilli(info.windowStart()))
                .setWindowEnd(info.windowEnd() == null ? null : Instant.ofEpochMilli(info.windowEnd()))
                .setInputPartition(partition)
                .setSampleSize(result.sampleSize())
                .setReferenceSize(result.referenceSize())
                .setValue(result.value())
                .setThreshold(result.threshold())
                .setThresholdSource(result.thresholdSource())
                .setPValue(Double.isNaN(result.pValue()) ? null : result.pValue())
                .setDrifted(result.drifted())
                .setCriticalThreshold(Double.isNaN(result.critical()) ? null : result.critical())
                .setComputedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /**
     * Moves the alert of a check by {@link AlertTracker} and keeps its state in the store, under the model
     * version, feature and check.
     *
     * @param forward receives the alert record of the transition, if there is one
     */
    static void trackAlert(final KeyValueStore<String, byte[]> store, final CheckResult result, final String check,
                           final long minSampleSize, final AlertTracker.WindowInfo info, final long now,
                           final Consumer<DriftAlert> forward) {
        final String key = ModelKeys.modelVersion(info.modelId(), info.modelVersion()) + '\u0000'
                + result.feature() + '\u0000' + check;
        final byte[] stored = store.get(key);
        final OpenAlert open = stored == null ? null : OpenAlert.decode(stored);
        final AlertTracker.Transition transition = AlertTracker.update(open, result, check, minSampleSize, info, now);
        if (transition.next() == null) {
            if (open != null) {
                store.delete(key);
            }
        } else if (!transition.next().equals(open)) {
            store.put(key, transition.next().encode());
        }
        transition.alert().ifPresent(forward);
    }
}
