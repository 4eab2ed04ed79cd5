package dev.momo.alerting;

import dev.momo.drift.CheckResult;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the drift flags of successive windows into alert records: OPENED on the first drifted window,
 * UPDATED on each further drifted window, RESOLVED on the first window that does not drift. Windows
 * without a value (NaN) change nothing, and neither do windows with fewer than {@code minSampleSize}
 * values: reference-derived thresholds hold for windows of about the reference chunk size, and most
 * statistics grow as samples shrink, so a short first or last window would raise false alarms.
 *
 * <p>Severity is CRITICAL when the check passes its critical level ({@link CheckResult#isCritical()}),
 * else WARNING.
 *
 * <p>NOTE: this is the minimal lifecycle; evidence over several windows (k of n), hysteresis and
 * cool-down are not implemented yet, so a statistic near its threshold can open and resolve often.
 */
public final class AlertTracker {

    /** The next state (null when no alert is open) and the record to publish, if any. */
    public record Transition(OpenAlert next, Optional<DriftAlert> alert) {
    }

    /** Window coordinates copied into alerts. */
    public record WindowInfo(String modelId, String modelVersion, long windowIndex, Long windowStart,
                             Long windowEnd) {
    }

    private AlertTracker() {
    }

    public static Transition update(final OpenAlert open, final CheckResult result, final long minSampleSize,
                                    final WindowInfo window, final long now) {
        return update(open, result, result.statistic().id(), minSampleSize, window, now);
    }

    /** Same as {@link #update(OpenAlert, CheckResult, long, WindowInfo, long)} for a check named {@code check}. */
    public static Transition update(final OpenAlert open, final CheckResult result, final String check,
                                    final long minSampleSize, final WindowInfo window, final long now) {
        if (Double.isNaN(result.value()) || result.sampleSize() < minSampleSize) {
            return new Transition(open, Optional.empty());
        }
        if (result.drifted()) {
            final OpenAlert state = open != null ? open
                    : new OpenAlert(alertId(window, result.feature(), check), now);
            final AlertState kind = open == null ? AlertState.OPENED : AlertState.UPDATED;
            return new Transition(state, Optional.of(alert(state, kind, result, check, window, now)));
        }
        if (open != null) {
            return new Transition(null, Optional.of(alert(open, AlertState.RESOLVED, result, check, window, now)));
        }
        return new Transition(null, Optional.empty());
    }

    public static AlertSeverity severity(final CheckResult result) {
        return result.isCritical() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
    }

    /** Same inputs, same id: a replay after a restart publishes the same alert id again. */
    private static String alertId(final WindowInfo window, final String feature, final String check) {
        final String seed = window.modelId() + '\u0000' + window.modelVersion() + '\u0000' + feature
                + '\u0000' + check + '\u0000' + window.windowIndex();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static DriftAlert alert(final OpenAlert state, final AlertState kind, final CheckResult result,
                                    final String check, final WindowInfo window, final long now) {
        return DriftAlert.newBuilder()
                .setAlertId(state.alertId())
                .setModelId(window.modelId())
                .setModelVersion(window.modelVersion())
                .setFeature(result.feature())
                .setCheck(check)
                .setSeverity(severity(result))
                .setState(kind)
                .setValue(result.value())
                .setThreshold(result.threshold())
                .setThresholdSource(result.thresholdSource())
                .setPValue(Double.isNaN(result.pValue()) ? null : result.pValue())
                .setWindowIndex(window.windowIndex())
                .setWindowStart(window.windowStart() == null ? null : Instant.ofEpochMilli(window.windowStart()))
                .setWindowEnd(window.windowEnd() == null ? null : Instant.ofEpochMilli(window.windowEnd()))
                .setSampleSize(result.sampleSize())
                .setFirstSeen(Instant.ofEpochMilli(state.firstSeen()))
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .build();
    }
}
