package dev.momo.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionActivityTest {

    private static final long T0 = 1_764_900_000_000L;

    @Test
    void eventsPerSecond_timeWindow_isEventsOverSpan() {
        final VersionActivity activity = VersionActivity.first(T0, T0)
                .withWindow(VersionActivity.ALL_PARTITIONS, new VersionActivity.Window(7, T0, T0 + 10_000, 2_000, T0));

        assertThat(activity.eventsPerSecond()).isEqualTo(200.0);
    }

    @Test
    void eventsPerSecond_countWindows_sumsActivePartitionsOnly() {
        final VersionActivity activity = VersionActivity.first(T0, null)
                .withWindow(0, new VersionActivity.Window(3, T0, T0 + 4_000, 1_000, T0 + 10 * 60_000))
                .withWindow(1, new VersionActivity.Window(5, T0, T0 + 2_000, 1_000, T0 + 9 * 60_000))
                // Its latest window was computed 10 minutes before the newest: an idle partition.
                .withWindow(2, new VersionActivity.Window(1, T0, T0 + 1_000, 1_000, T0));

        assertThat(activity.eventsPerSecond()).isEqualTo(250.0 + 500.0);
    }

    @Test
    void eventsPerSecond_withoutSpan_isNaN() {
        final VersionActivity activity = VersionActivity.first(T0, null)
                .withWindow(0, new VersionActivity.Window(0, T0, T0, 1, T0));

        assertThat(activity.eventsPerSecond()).isNaN();
        assertThat(VersionActivity.first(T0, null).eventsPerSecond()).isNaN();
    }

    @Test
    void withWindow_keepsNewestWindowAndLargerCountOfTheSameWindow() {
        final VersionActivity.Window newer = new VersionActivity.Window(9, T0, T0 + 1_000, 10, T0);
        final VersionActivity activity = VersionActivity.first(T0, null)
                .withWindow(0, newer)
                .withWindow(0, new VersionActivity.Window(8, T0, T0 + 1_000, 99, T0))
                .withWindow(0, new VersionActivity.Window(9, T0, T0 + 1_000, 5, T0));

        assertThat(activity.latestWindows()).containsEntry(0, newer);
        assertThat(activity.withWindow(0, new VersionActivity.Window(9, T0, T0 + 1_000, 12, T0)).latestWindows().get(0)
                .events()).isEqualTo(12);
    }

    @Test
    void seen_tracksFirstAndLastComputationAndLatestWindowEnd() {
        final VersionActivity activity = VersionActivity.first(T0 + 5, T0 + 100)
                .seen(T0 + 1, T0 + 50)
                .seen(T0 + 9, null);

        assertThat(activity.firstComputedAt()).isEqualTo(T0 + 1);
        assertThat(activity.lastComputedAt()).isEqualTo(T0 + 9);
        assertThat(activity.lastWindowEnd()).isEqualTo(T0 + 100);
        assertThat(VersionActivity.first(T0, null).lastWindowEnd()).isNull();
    }

    @Test
    void decode_readsWhatEncodeWrote() {
        final VersionActivity activity = VersionActivity.first(T0, T0 + 10_000)
                .withWindow(2, new VersionActivity.Window(4, Long.MIN_VALUE, T0 + 10_000, 42, T0 + 1));

        final VersionActivity decoded = VersionActivity.decode(activity.encode());

        assertThat(decoded.latestWindows()).isEqualTo(activity.latestWindows());
        assertThat(decoded.firstComputedAt()).isEqualTo(T0);
        assertThat(decoded.lastWindowEnd()).isEqualTo(T0 + 10_000);
    }

    @Test
    void decode_otherVersionOrTruncatedBytes_namesTheProblem() {
        final byte[] bytes = VersionActivity.first(T0, null).encode();
        bytes[0] = 9;

        assertThatThrownBy(() -> VersionActivity.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version activity format 9");
        assertThatThrownBy(() -> VersionActivity.decode(new byte[] {1, 0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
