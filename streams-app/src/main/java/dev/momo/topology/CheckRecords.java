package dev.momo.topology;

import dev.momo.alerting.AlertSettings;
import dev.momo.alerting.AlertTexts;
import dev.momo.alerting.AlertTrack;
import dev.momo.alerting.AlertTracker;
import dev.momo.alerting.Judgement;
import dev.momo.drift.CheckResult;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Output records of a judged check: its drift metric, and the alert state it moves. */
final class CheckRecords {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRecords.class);

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
     * Moves the alert track of a check by {@link AlertTracker} and keeps it in the store, under the model
     * version, feature and check. A stored track that does not decode starts over, with a warning.
     *
     * @return the alert record of the transition, without subject, texts or contributors
     */
    static Optional<DriftAlert> trackAlert(final KeyValueStore<String, byte[]> store, final Judgement judgement,
                                           final long minSampleSize, final AlertTracker.WindowInfo info,
                                           final AlertSettings settings, final long now) {
        return trackAlert(store, judgement, minSampleSize, info, "", settings, now);
    }

    /**
     * Same as {@link #trackAlert(KeyValueStore, Judgement, long, AlertTracker.WindowInfo, AlertSettings, long)}
     * for checks judged per input partition, whose tracks live in separate stores.
     *
     * @param idScope what else the alert id depends on (the input partition), so that the partitions'
     *     alerts on one check get different ids
     */
    static Optional<DriftAlert> trackAlert(final KeyValueStore<String, byte[]> store, final Judgement judgement,
                                           final long minSampleSize, final AlertTracker.WindowInfo info,
                                           final String idScope, final AlertSettings settings, final long now) {
        final String key = ModelKeys.modelVersion(info.modelId(), info.modelVersion()) + '\u0000'
                + judgement.feature() + '\u0000' + judgement.check();
        final byte[] stored = store.get(key);
        AlertTrack track = AlertTrack.NEW;
        if (stored != null) {
            try {
                track = AlertTrack.decode(stored);
            } catch (IllegalArgumentException e) {
                LOG.warn("Alert state of model {} version {}, {} {} is unreadable and starts over: {}", info.modelId(),
                        info.modelVersion(), judgement.feature(), judgement.check(), e.getMessage());
            }
        }
        final AlertTracker.Transition transition = AlertTracker.update(track, judgement, minSampleSize, info, idScope,
                settings, now);
        if (transition.next().isQuiet()) {
            if (stored != null) {
                store.delete(key);
            }
        } else if (!transition.next().equals(track)) {
            store.put(key, transition.next().encode());
        }
        return transition.alert();
    }

    /**
     * Names the subject and the reference of an alert record, completes its texts, counts it and hands it on.
     *
     * @param subject feature, prediction, label, performance or dataset
     * @param profile the reference the subject was compared with
     */
    static void publish(final DriftAlert alert, final String subject, final ReferenceProfile profile,
                        final AlertSettings settings, final MomoMetrics metrics, final Consumer<DriftAlert> forward) {
        alert.setSubject(subject);
        alert.setReference(profile.source() + ", " + profile.rows() + " rows, built " + profile.createdAt());
        AlertTexts.complete(alert, settings.consoleUrl());
        if (alert.getState() == AlertState.OPENED) {
            metrics.alertRaised(alert.getModelId(), alert.getSeverity().name().toLowerCase(Locale.ROOT));
            LOG.info("Alert {} opened: {}", alert.getAlertId(), alert.getSummary());
        } else if (alert.getState() == AlertState.RESOLVED) {
            metrics.alertResolved(alert.getModelId(), alert.getSeverity().name().toLowerCase(Locale.ROOT));
            LOG.info("Alert {} resolved: {}", alert.getAlertId(), alert.getSummary());
        }
        forward.accept(alert);
    }
}
