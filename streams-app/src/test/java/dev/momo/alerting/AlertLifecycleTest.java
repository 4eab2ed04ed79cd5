package dev.momo.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final AlertSettings DEFAULTS = AlertSettings.DEFAULTS;
    private static final String SEED = "car-loan\u00001\u0000car_value\u0000jensen_shannon";

    @Test
    void observeOneDriftedWindow_opensNothingBelowTwoOfThree() {
        assertThat(states("D", DEFAULTS)).containsExactly("-");
    }

    @Test
    void observeTwoDriftedInARow_opensOnTheSecond() {
        assertThat(states("DD", DEFAULTS)).containsExactly("-", "OPENED");
    }

    @Test
    void observeTwoDriftedAroundAClean_opensOnTheThird() {
        assertThat(states("D.D", DEFAULTS)).containsExactly("-", "-", "OPENED");
    }

    @Test
    void observeTwoDriftedThreeApart_opensNothing() {
        // Only the last three windows count: the first drift has left the history.
        assertThat(states("D..D", DEFAULTS)).containsExactly("-", "-", "-", "-");
    }

    @Test
    void observeCriticalWindow_opensAtOnce() {
        assertThat(states("C", DEFAULTS)).containsExactly("OPENED");
    }

    @Test
    void observeCriticalWindowWithoutOpenOnCritical_waitsForEvidence() {
        final AlertSettings settings = new AlertSettings(2, 3, 3, 3, false, 0.5, 0.75, "http://127.0.0.1:8080");

        assertThat(states("CC", settings)).containsExactly("-", "OPENED");
    }

    @Test
    void observeOpenAlert_updatesOnDriftAndIsSilentWhenClean() {
        assertThat(states("DDD.D", DEFAULTS)).containsExactly("-", "OPENED", "UPDATED", "-", "UPDATED");
    }

    @Test
    void observeOpenAlert_resolvesAfterThreeCleanInARow() {
        assertThat(states("DD..D...", DEFAULTS))
                .containsExactly("-", "OPENED", "-", "-", "UPDATED", "-", "-", "RESOLVED");
    }

    @Test
    void observeAfterResolution_coolDownBlocksThreeWindows() {
        // Resolved at window 4; windows 5, 6 and 7 cannot open; window 8 opens on the evidence of 7 and 8.
        assertThat(states("DD...DDDD", DEFAULTS))
                .containsExactly("-", "OPENED", "-", "-", "RESOLVED", "-", "-", "-", "OPENED");
    }

    @Test
    void observeWithoutCoolDown_reopensOnFreshEvidence() {
        final AlertSettings settings = new AlertSettings(2, 3, 1, 0, true, 0.5, 0.75, "http://127.0.0.1:8080");

        assertThat(states("DD.DD", settings)).containsExactly("-", "OPENED", "RESOLVED", "-", "OPENED");
    }

    @Test
    void observeSeverity_followsTheLatestDriftedWindow() {
        final List<AlertLifecycle.Step> steps = run("DCD", DEFAULTS);

        assertThat(steps.get(1).next().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(steps.get(2).next().severity()).isEqualTo(AlertSeverity.WARNING);
    }

    @Test
    void observeEvidenceCounts_countTheWindowItself() {
        final List<AlertLifecycle.Step> steps = run("D.D..", DEFAULTS);

        assertThat(steps.get(2).driftedWindows()).isEqualTo(2);
        assertThat(steps.get(4).cleanWindows()).isEqualTo(2);
    }

    @Test
    void observeReopenedAlert_getsANewId() {
        final AlertSettings settings = new AlertSettings(1, 1, 1, 0, true, 0.5, 0.75, "http://127.0.0.1:8080");
        final List<AlertLifecycle.Step> steps = run("D.D", settings);

        assertThat(steps.get(2).next().alertId()).isNotEqualTo(steps.get(0).next().alertId());
    }

    @Test
    void observeReplay_givesTheSameIds() {
        final List<AlertLifecycle.Step> first = run("DD..D...DD", DEFAULTS);
        final List<AlertLifecycle.Step> second = run("DD..D...DD", DEFAULTS);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).next().alertId()).isEqualTo(first.get(i).next().alertId());
        }
    }

    @Test
    void observeOpenedAlert_keepsFirstSeenAndOpeningWindow() {
        final List<AlertLifecycle.Step> steps = run("DDD", DEFAULTS);

        assertThat(steps.get(2).next().firstSeen()).isEqualTo(1_001);
        assertThat(steps.get(2).next().openedWindow()).isEqualTo(1);
    }

    @Test
    void observeLongQuietRun_staysQuiet() {
        final List<AlertLifecycle.Step> steps = run("D" + ".".repeat(200), DEFAULTS);

        assertThat(steps.get(steps.size() - 1).next().isQuiet()).isTrue();
    }

    @Test
    void trackEncodeDecode_roundTrips() {
        final AlertTrack track = new AlertTrack(0b101, 3, "0f8fad5b-d9cb-469f-a165-70867728950e", 1_234_567L, 42,
                AlertSeverity.CRITICAL, 2, 1);

        assertThat(AlertTrack.decode(track.encode())).isEqualTo(track);
        assertThat(AlertTrack.decode(AlertTrack.NEW.encode())).isEqualTo(AlertTrack.NEW);
    }

    @Test
    void trackDecodeFormatOne_isAnOpenAlert() {
        // Format 1: writeUTF(alert id) then writeLong(first seen), as the first release stored it.
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("id-1");
            out.writeLong(1_000);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        final AlertTrack track = AlertTrack.decode(bytes.toByteArray());

        assertThat(track.alertId()).isEqualTo("id-1");
        assertThat(track.firstSeen()).isEqualTo(1_000);
        assertThat(track.isOpen()).isTrue();
    }

    @Test
    void trackDecodeUnknownMarker_namesIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertTrack.decode(new byte[] {0x55, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x55");
    }

    /** One letter per window: D drifted, C critical, . clean; "-" where nothing is published. */
    private static List<String> states(final String windows, final AlertSettings settings) {
        final List<String> out = new ArrayList<>();
        for (final AlertLifecycle.Step step : run(windows, settings)) {
            final AlertState published = step.published();
            out.add(published == null ? "-" : published.name());
        }
        return out;
    }

    private static List<AlertLifecycle.Step> run(final String windows, final AlertSettings settings) {
        final List<AlertLifecycle.Step> steps = new ArrayList<>();
        AlertTrack track = AlertTrack.NEW;
        for (int i = 0; i < windows.length(); i++) {
            final char c = windows.charAt(i);
            final AlertLifecycle.Step step = AlertLifecycle.observe(track, c != '.', c == 'C', i, SEED, settings,
                    1_000 + i);
            steps.add(step);
            track = step.next();
        }
        return steps;
    }
}
