package dev.momo.alerting;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The alert state machine of one model version, subject and check, fed one judged window at a time.
 * Pure: the caller keeps the {@link AlertTrack} between windows and publishes the transitions.
 *
 * <pre>
 *   closed --(k of the last n windows drifted, or one critical window)--> OPENED
 *   open   --(drifted window)--> UPDATED (value, window and severity of that window)
 *   open   --(resolveAfter clean windows in a row)--> RESOLVED, then cool-down
 *   cool-down: the next {@code cooldown} windows cannot open; the evidence history restarts empty
 * </pre>
 * Clean windows of an open alert write nothing until it resolves.
 */
public final class AlertLifecycle {

    /**
     * The track after a window, and the record kind to publish.
     *
     * @param next the state after the window
     * @param published the record kind to publish, null when none
     * @param driftedWindows drifted windows among the last n, this one included, before any reset
     * @param cleanWindows windows in a row without drift, this one included
     */
    public record Step(AlertTrack next, AlertState published, int driftedWindows, int cleanWindows) {
    }

    private AlertLifecycle() {
    }

    /**
     * Moves the track by one judged window.
     *
     * @param track the state before the window
     * @param drifted whether the window drifted
     * @param critical whether it passed the critical level (implies drifted)
     * @param window index of the window, kept as the opening window
     * @param idSeed names the model version, subject and check. The alert id derives from it and the
     *     opening window, so a replay after a restart opens the same id.
     * @param now wall-clock time, epoch ms
     */
    public static Step observe(final AlertTrack track, final boolean drifted, final boolean critical,
                               final long window, final String idSeed, final AlertSettings settings, final long now) {
        // Only the last n windows count, so older bits are dropped and a quiet track stays all zero.
        final long drifts = ((track.drifts() << 1) | (drifted ? 1 : 0)) & ((1L << settings.evidenceWindows()) - 1);
        final int observed = Math.min(track.observed() + 1, AlertSettings.MAX_EVIDENCE_WINDOWS);
        final int clean = drifted ? 0 : track.cleanStreak() + 1;
        final AlertSeverity severity = critical ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
        final int evidence = new AlertTrack(drifts, observed, null, 0, 0, null, clean, 0)
                .driftedAmong(settings.evidenceWindows());
        if (track.isOpen()) {
            if (drifted) {
                return new Step(new AlertTrack(drifts, observed, track.alertId(), track.firstSeen(),
                        track.openedWindow(), severity, 0, 0), AlertState.UPDATED, evidence, clean);
            }
            if (clean >= settings.resolveAfter()) {
                return new Step(new AlertTrack(0, 0, null, 0, 0, null, clean, settings.cooldown()),
                        AlertState.RESOLVED, evidence, clean);
            }
            return new Step(new AlertTrack(drifts, observed, track.alertId(), track.firstSeen(), track.openedWindow(),
                    track.severity(), clean, 0), null, evidence, clean);
        }
        if (track.cooldown() > 0) {
            return new Step(new AlertTrack(drifts, observed, null, 0, 0, null, clean, track.cooldown() - 1), null,
                    evidence, clean);
        }
        if (drifted && (evidence >= settings.openAfter() || critical && settings.openOnCritical())) {
            return new Step(new AlertTrack(drifts, observed, alertId(idSeed, window), now, window, severity, 0, 0),
                    AlertState.OPENED, evidence, clean);
        }
        return new Step(new AlertTrack(drifts, observed, null, 0, 0, null, clean, 0), null, evidence, clean);
    }

    /** Same seed and opening window, same id. */
    static String alertId(final String idSeed, final long window) {
        return UUID.nameUUIDFromBytes((idSeed + '\u0000' + window).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
