package dev.momo.alerting;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Feeds judged windows to the {@link AlertLifecycle} and writes the alert record of each transition,
 * with the evidence of the window that caused it. Windows without a value (NaN) change nothing (a
 * detector's verdict counts without one), and
 * neither do windows with fewer than {@code minSampleSize} values: reference-derived thresholds hold
 * for windows of about the reference chunk size, and most statistics grow as samples shrink, so a short
 * first or last window would raise false alarms.
 *
 * <p>The record leaves {@code subject}, {@code contributors}, {@code referenceValue},
 * {@code driftedFeatures}, {@code consoleUrl} and {@code summary} to the caller, which has the subject;
 * {@link AlertTexts#complete} fills the last two.
 */
public final class AlertTracker {

    /** The state after the window and the record to publish, if any. */
    public record Transition(AlertTrack next, Optional<DriftAlert> alert) {
    }

    /** Window coordinates copied into alerts. */
    public record WindowInfo(String modelId, String modelVersion, long windowIndex, Long windowStart,
                             Long windowEnd) {
    }

    /** Threshold source of streaming detectors, which decide by their own rule. */
    static final String DETECTOR = "detector";

    private AlertTracker() {
    }

    /**
     * Moves the track of one model version, subject and check by one window.
     *
     * @param idScope what else the alert id depends on beside the model version, subject and check (the
     *     input partition of a per-partition detector), empty otherwise
     */
    public static Transition update(final AlertTrack track, final Judgement judgement, final long minSampleSize,
                                    final WindowInfo window, final String idScope, final AlertSettings settings,
                                    final long now) {
        final boolean noValue = Double.isNaN(judgement.value()) && !DETECTOR.equals(judgement.thresholdSource());
        if (noValue || judgement.sampleSize() < minSampleSize) {
            return new Transition(track, Optional.empty());
        }
        final String seed = window.modelId() + '\u0000' + window.modelVersion() + '\u0000' + judgement.feature()
                + '\u0000' + judgement.check() + idScope;
        final AlertLifecycle.Step step = AlertLifecycle.observe(track, judgement.drifted(),
                judgement.drifted() && judgement.isCritical(), window.windowIndex(), seed, settings, now);
        if (step.published() == null) {
            return new Transition(step.next(), Optional.empty());
        }
        return new Transition(step.next(), Optional.of(record(track, step, judgement, window, settings, now)));
    }

    private static DriftAlert record(final AlertTrack before, final AlertLifecycle.Step step, final Judgement judgement,
                                     final WindowInfo window, final AlertSettings settings, final long now) {
        final AlertTrack alert = step.published() == AlertState.RESOLVED ? before : step.next();
        return DriftAlert.newBuilder()
                .setAlertId(alert.alertId())
                .setModelId(window.modelId())
                .setModelVersion(window.modelVersion())
                .setFeature(judgement.feature())
                .setCheck(judgement.check())
                .setSeverity(alert.severity() == null ? AlertSeverity.WARNING : alert.severity())
                .setState(step.published())
                .setValue(judgement.value())
                .setThreshold(judgement.threshold())
                .setThresholdSource(judgement.thresholdSource())
                .setCriticalThreshold(Double.isNaN(judgement.critical()) ? null : judgement.critical())
                .setPValue(Double.isNaN(judgement.pValue()) ? null : judgement.pValue())
                .setWindowIndex(window.windowIndex())
                .setWindowStart(window.windowStart() == null ? null : Instant.ofEpochMilli(window.windowStart()))
                .setWindowEnd(window.windowEnd() == null ? null : Instant.ofEpochMilli(window.windowEnd()))
                .setSampleSize(judgement.sampleSize())
                .setReferenceSize(judgement.referenceSize() > 0 ? judgement.referenceSize() : null)
                .setFirstSeen(Instant.ofEpochMilli(alert.firstSeen()))
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .setOpenedWindowIndex(alert.openedWindow())
                .setDriftedWindows(step.driftedWindows())
                .setEvidenceWindows(settings.evidenceWindows())
                .setCleanWindows(step.cleanWindows())
                // Set, not defaulted: the builder would load the item class by name, which Avro refuses
                // until the schema package is trusted (see AvroClassTrust).
                .setContributors(List.of())
                .setDriftedFeatures(List.of())
                .build();
    }

    /** Returns the severity a judged window gives an alert. */
    public static AlertSeverity severity(final Judgement judgement) {
        return judgement.drifted() && judgement.isCritical() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
    }
}
