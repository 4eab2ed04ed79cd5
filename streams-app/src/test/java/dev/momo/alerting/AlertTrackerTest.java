package dev.momo.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.drift.CheckResult;
import dev.momo.drift.Statistic;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

    private static final double THRESHOLD = 0.2;
    private static final long MIN_SAMPLE_SIZE = 50;
    /** One drifted window opens and one clean window resolves: the record fields, not the lifecycle, are tested here. */
    private static final AlertSettings IMMEDIATE = new AlertSettings(1, 1, 1, 0, true, 0.5, 0.75, "http://127.0.0.1:8080");

    @Test
    void updateDriftedWithoutOpenAlert_opens() {
        final AlertTracker.Transition transition = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE,
                window(4), "", IMMEDIATE, 1_000);

        final DriftAlert alert = transition.alert().orElseThrow();
        assertThat(alert.getState()).isEqualTo(AlertState.OPENED);
        assertThat(alert.getAlertId()).isEqualTo(transition.next().alertId());
        assertThat(transition.next().firstSeen()).isEqualTo(1_000);
    }

    @Test
    void openedUpdatedResolved_keepAlertId() {
        final AlertTracker.Transition opened = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE,
                window(4), "", IMMEDIATE, 1_000);
        final AlertTracker.Transition updated = AlertTracker.update(opened.next(), result(0.35, 100), MIN_SAMPLE_SIZE,
                window(5), "", IMMEDIATE, 2_000);
        final AlertTracker.Transition resolved = AlertTracker.update(updated.next(), result(0.1, 100), MIN_SAMPLE_SIZE,
                window(6), "", IMMEDIATE, 3_000);

        final String alertId = opened.alert().orElseThrow().getAlertId();
        assertThat(updated.alert().orElseThrow().getState()).isEqualTo(AlertState.UPDATED);
        assertThat(updated.alert().orElseThrow().getAlertId()).isEqualTo(alertId);
        assertThat(resolved.alert().orElseThrow().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alert().orElseThrow().getAlertId()).isEqualTo(alertId);
        assertThat(resolved.next().isOpen()).isFalse();
    }

    @Test
    void updatedAndResolved_keepFirstSeen() {
        final AlertTracker.Transition opened = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE,
                window(4), "", IMMEDIATE, 1_000);
        final AlertTracker.Transition updated = AlertTracker.update(opened.next(), result(0.35, 100), MIN_SAMPLE_SIZE,
                window(5), "", IMMEDIATE, 2_000);
        final AlertTracker.Transition resolved = AlertTracker.update(updated.next(), result(0.1, 100), MIN_SAMPLE_SIZE,
                window(6), "", IMMEDIATE, 3_000);

        assertThat(updated.alert().orElseThrow().getFirstSeen()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(updated.alert().orElseThrow().getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(resolved.alert().orElseThrow().getFirstSeen()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(resolved.alert().orElseThrow().getWindowIndex()).isEqualTo(6);
    }

    @Test
    void updateCleanWithoutOpenAlert_publishesNothing() {
        final AlertTracker.Transition transition = AlertTracker.update(AlertTrack.NEW, result(0.1, 100), MIN_SAMPLE_SIZE,
                window(0), "", IMMEDIATE, 1_000);

        assertThat(transition.next().isQuiet()).isTrue();
        assertThat(transition.alert()).isEmpty();
    }

    @Test
    void updateNaNValue_keepsOpenAlert() {
        final AlertTrack open = new AlertTrack(1, 1, "id-1", 1_000, 3, AlertSeverity.WARNING, 0, 0);

        final AlertTracker.Transition transition = AlertTracker.update(open, result(Double.NaN, 100), MIN_SAMPLE_SIZE,
                window(7), "", IMMEDIATE, 2_000);

        assertThat(transition.next()).isEqualTo(open);
        assertThat(transition.alert()).isEmpty();
    }

    @Test
    void updateSmallSampleDrifted_opensNothing() {
        final AlertTracker.Transition transition = AlertTracker.update(AlertTrack.NEW, result(0.9, MIN_SAMPLE_SIZE - 1),
                MIN_SAMPLE_SIZE, window(0), "", IMMEDIATE, 1_000);

        assertThat(transition.next().isQuiet()).isTrue();
        assertThat(transition.alert()).isEmpty();
    }

    @Test
    void updateSmallSampleClean_keepsOpenAlert() {
        final AlertTrack open = new AlertTrack(1, 1, "id-1", 1_000, 3, AlertSeverity.WARNING, 0, 0);

        final AlertTracker.Transition transition = AlertTracker.update(open, result(0.0, 3), MIN_SAMPLE_SIZE,
                window(8), "", IMMEDIATE, 2_000);

        assertThat(transition.next()).isEqualTo(open);
        assertThat(transition.alert()).isEmpty();
    }

    @Test
    void updateSampleAtMinimum_counts() {
        final AlertTracker.Transition transition = AlertTracker.update(AlertTrack.NEW, result(0.3, MIN_SAMPLE_SIZE),
                MIN_SAMPLE_SIZE, window(0), "", IMMEDIATE, 1_000);

        assertThat(transition.alert()).isPresent();
    }

    @Test
    void severityBelowTwiceThreshold_isWarning() {
        assertThat(AlertTracker.severity(result(0.39, 100))).isEqualTo(AlertSeverity.WARNING);
    }

    @Test
    void severityAtTwiceThreshold_isWarning() {
        // Like the drift test itself (value > threshold), the critical test is strict.
        assertThat(AlertTracker.severity(result(2 * THRESHOLD, 100))).isEqualTo(AlertSeverity.WARNING);
    }

    @Test
    void severityAboveTwiceThreshold_isCritical() {
        assertThat(AlertTracker.severity(result(2 * THRESHOLD + 1e-9, 100))).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(AlertTracker.severity(result(1.0, 100))).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void severityWithCriticalLevel_usesIt() {
        final CheckResult result = new CheckResult("income", Statistic.PSI, 0.3, 0.1, 0.25, "fixed", Double.NaN, 100,
                5000, true);

        assertThat(AlertTracker.severity(Judgement.of(result, "psi"))).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void severityOfPValueCheck_comparesPValueWithCriticalLevel() {
        final CheckResult warning = new CheckResult("income", Statistic.CHI2, 9.0, 0.05, 0.01, "p_value", 0.03, 100,
                5000, true);
        final CheckResult critical = new CheckResult("income", Statistic.CHI2, 30.0, 0.05, 0.01, "p_value", 0.001, 100,
                5000, true);

        assertThat(AlertTracker.severity(Judgement.of(warning, "chi2"))).isEqualTo(AlertSeverity.WARNING);
        assertThat(AlertTracker.severity(Judgement.of(critical, "chi2"))).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void updateCriticalValue_alertIsCritical() {
        final DriftAlert alert = AlertTracker.update(AlertTrack.NEW, result(0.5, 100), MIN_SAMPLE_SIZE, window(0), "", IMMEDIATE, 1_000)
                .alert().orElseThrow();

        assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void alertIdSameInputs_isSame() {
        // A replay after a restart must publish the same id.
        final String first = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4), "", IMMEDIATE, 1_000)
                .next().alertId();
        final String replayed = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4), "", IMMEDIATE, 9_000)
                .next().alertId();

        assertThat(replayed).isEqualTo(first);
    }

    @Test
    void alertIdOtherWindow_differs() {
        final String first = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4), "", IMMEDIATE, 1_000)
                .next().alertId();
        final String later = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(5), "", IMMEDIATE, 1_000)
                .next().alertId();

        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void alertIdOtherPartitionScope_differs() {
        // Per-partition checks (performance windows, detectors) open one alert per input partition.
        final String first = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4),
                "\u00001", IMMEDIATE, 1_000).next().alertId();
        final String second = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4),
                "\u00002", IMMEDIATE, 1_000).next().alertId();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void alertFields_copyResultAndWindow() {
        final CheckResult result = new CheckResult("income", Statistic.KOLMOGOROV_SMIRNOV, 0.3, THRESHOLD, Double.NaN,
                "reference_chunks", 0.004, 100, 5000, true);

        final DriftAlert alert = AlertTracker.update(AlertTrack.NEW, Judgement.of(result, "kolmogorov_smirnov"),
                MIN_SAMPLE_SIZE, window(4), "", IMMEDIATE, 1_000).alert().orElseThrow();

        assertThat(alert.getModelId()).isEqualTo("credit");
        assertThat(alert.getModelVersion()).isEqualTo("2");
        assertThat(alert.getFeature()).isEqualTo("income");
        assertThat(alert.getCheck()).isEqualTo("kolmogorov_smirnov");
        assertThat(alert.getValue()).isEqualTo(0.3);
        assertThat(alert.getThreshold()).isEqualTo(THRESHOLD);
        assertThat(alert.getThresholdSource()).isEqualTo("reference_chunks");
        assertThat(alert.getPValue()).isEqualTo(0.004);
        assertThat(alert.getSampleSize()).isEqualTo(100);
        assertThat(alert.getWindowStart()).isEqualTo(Instant.ofEpochMilli(10_000));
        assertThat(alert.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(20_000));
        assertThat(alert.getReferenceSize()).isEqualTo(5000);
        assertThat(alert.getOpenedWindowIndex()).isEqualTo(4);
        assertThat(alert.getDriftedWindows()).isEqualTo(1);
        assertThat(alert.getEvidenceWindows()).isEqualTo(1);
    }

    @Test
    void alertWithoutPValue_hasNullPValue() {
        final DriftAlert alert = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, window(4), "", IMMEDIATE, 1_000)
                .alert().orElseThrow();

        assertThat(alert.getPValue()).isNull();
    }

    @Test
    void alertWindowWithoutBounds_hasNullBounds() {
        final AlertTracker.WindowInfo unbounded = new AlertTracker.WindowInfo("credit", "2", 0, null, null);

        final DriftAlert alert = AlertTracker.update(AlertTrack.NEW, result(0.3, 100), MIN_SAMPLE_SIZE, unbounded, "", IMMEDIATE, 1_000)
                .alert().orElseThrow();

        assertThat(alert.getWindowStart()).isNull();
        assertThat(alert.getWindowEnd()).isNull();
    }

    private static Judgement result(final double value, final long sampleSize) {
        return Judgement.of(new CheckResult("income", Statistic.PSI, value, THRESHOLD, Double.NaN, "reference_chunks",
                Double.NaN, sampleSize, 5000, value > THRESHOLD), "psi");
    }

    private static AlertTracker.WindowInfo window(final long index) {
        return new AlertTracker.WindowInfo("credit", "2", index, 10_000L, 20_000L);
    }
}
