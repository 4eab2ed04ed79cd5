package dev.momo.topology;

import java.time.Duration;

/**
 * Settings that cut events into windows.
 *
 * <p>Count windows hold {@code size} consecutive events of a model version on one input partition
 * (count windows of a model spread over P partitions are P separate series; use one partition per
 * model or time windows when that matters). Time windows are tumbling over event time, aligned to the
 * epoch, and merge the partial windows of every partition.
 *
 * @param mode count or time
 * @param size events per count window
 * @param duration length of a time window
 * @param grace how long after its end a time window still accepts late events (in event time)
 * @param mergeTimeout wall-clock wait for the partials of partitions that sent none; after it the
 *     window is computed from the partials that arrived
 * @param samplePoints cap on the points of each numeric window sample; below it statistics are exact
 */
public record WindowSettings(
        Mode mode,
        int size,
        Duration duration,
        Duration grace,
        Duration mergeTimeout,
        int samplePoints) {

    /** Window kind. */
    public enum Mode { COUNT, TIME }

    public static final int DEFAULT_SAMPLE_POINTS = 10_000;
    public static final Duration DEFAULT_MERGE_TIMEOUT = Duration.ofSeconds(10);

    public WindowSettings {
        if (mode == Mode.COUNT && size < 1) {
            throw new IllegalArgumentException("count window size must be >= 1 event, got " + size);
        }
        if (mode == Mode.TIME && (duration == null || duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("time window duration must be positive, got " + duration);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, got " + grace);
        }
        if (mergeTimeout == null || mergeTimeout.isNegative() || mergeTimeout.isZero()) {
            throw new IllegalArgumentException("merge timeout must be positive, got " + mergeTimeout);
        }
        if (samplePoints < 10) {
            throw new IllegalArgumentException("sample points must be >= 10, got " + samplePoints);
        }
    }

    public static WindowSettings count(final int size) {
        return new WindowSettings(Mode.COUNT, size, null, Duration.ZERO, DEFAULT_MERGE_TIMEOUT, DEFAULT_SAMPLE_POINTS);
    }

    public static WindowSettings time(final Duration duration, final Duration grace) {
        return new WindowSettings(Mode.TIME, 0, duration, grace, DEFAULT_MERGE_TIMEOUT, DEFAULT_SAMPLE_POINTS);
    }
}
