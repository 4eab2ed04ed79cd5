package dev.momo.view;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic of one model version, as its drift metrics record it: when its windows were computed, up
 * to which event time, and how many events its latest windows held. The latest window is kept per input
 * partition for count windows, which count one partition's events, and once ({@link #ALL_PARTITIONS}) for
 * time windows, which merge all partitions.
 *
 * <p>Events per second are in event time: for each partition's latest window, its events divided by its
 * span (window end minus window start), summed over the partitions whose latest window was computed
 * within {@link #ACTIVE_SPAN_MILLIS} of the newest one. A window with a span of zero or unknown adds
 * nothing. Instances are immutable.
 *
 * <p>Binary layout of version {@value #VERSION} (big-endian, {@link DataOutputStream}): version byte, first and
 * last computation time (epoch ms), last window end (epoch ms, {@link Long#MIN_VALUE} for none), the window
 * count (int), then per window its partition (int), index, start, end (epoch ms, {@link Long#MIN_VALUE} for
 * none), events and computation time (longs).
 */
public final class VersionActivity {

    /** Partition key of time windows, which contain every partition's events. */
    public static final int ALL_PARTITIONS = -1;
    /** Partitions whose latest window is older than this, against the newest window, count as idle. */
    public static final long ACTIVE_SPAN_MILLIS = 5 * 60_000L;

    private static final byte VERSION = 1;
    private static final long NONE = Long.MIN_VALUE;

    /**
     * The latest window of one partition.
     *
     * @param index window index
     * @param start event time of the window start, epoch ms, or {@link Long#MIN_VALUE} when unknown
     * @param end event time of the window end, epoch ms, or {@link Long#MIN_VALUE} when unknown
     * @param events events in the window
     * @param computedAt wall-clock time of its computation, epoch ms
     */
    public record Window(long index, long start, long end, long events, long computedAt) {

        /** Events per second of event time, or NaN when the span is unknown or zero. */
        public double eventsPerSecond() {
            if (start == NONE || end == NONE || end <= start) {
                return Double.NaN;
            }
            return events * 1000.0 / (end - start);
        }
    }

    private final long firstComputedAt;
    private final long lastComputedAt;
    private final long lastWindowEnd;
    private final Map<Integer, Window> latest;

    private VersionActivity(final long firstComputedAt, final long lastComputedAt, final long lastWindowEnd,
                            final Map<Integer, Window> latest) {
        this.firstComputedAt = firstComputedAt;
        this.lastComputedAt = lastComputedAt;
        this.lastWindowEnd = lastWindowEnd;
        this.latest = Collections.unmodifiableMap(latest);
    }

    /** Returns the activity of a version with one computed record and no window size yet. */
    public static VersionActivity first(final long computedAt, final Long windowEnd) {
        return new VersionActivity(computedAt, computedAt, windowEnd == null ? NONE : windowEnd, new TreeMap<>());
    }

    /** Returns this activity with one more record of any statistic computed at {@code computedAt}. */
    public VersionActivity seen(final long computedAt, final Long windowEnd) {
        return new VersionActivity(Math.min(firstComputedAt, computedAt), Math.max(lastComputedAt, computedAt),
                windowEnd == null ? lastWindowEnd : Math.max(lastWindowEnd, windowEnd), new TreeMap<>(latest));
    }

    /**
     * Returns this activity with the event count of a window: a newer window of the partition replaces the
     * kept one, the same window keeps the larger count, an older one changes nothing.
     *
     * @param partition input partition of a count window, or {@link #ALL_PARTITIONS}
     */
    public VersionActivity withWindow(final int partition, final Window window) {
        final Window kept = latest.get(partition);
        if (kept != null && (kept.index() > window.index()
                || kept.index() == window.index() && kept.events() >= window.events())) {
            return this;
        }
        final Map<Integer, Window> next = new TreeMap<>(latest);
        next.put(partition, window);
        return new VersionActivity(firstComputedAt, lastComputedAt, lastWindowEnd, next);
    }

    /** Wall-clock time of the first record computed for the version, epoch ms. */
    public long firstComputedAt() {
        return firstComputedAt;
    }

    /** Wall-clock time of the latest record computed for the version, epoch ms. */
    public long lastComputedAt() {
        return lastComputedAt;
    }

    /** Latest window end in event time, epoch ms, or null when no record had one. */
    public Long lastWindowEnd() {
        return lastWindowEnd == NONE ? null : lastWindowEnd;
    }

    /** Returns the latest window of each partition, by partition ({@link #ALL_PARTITIONS} for time windows). */
    public Map<Integer, Window> latestWindows() {
        return latest;
    }

    /** Events per second of event time over the active partitions' latest windows; NaN when none has a span. */
    public double eventsPerSecond() {
        long newest = NONE;
        for (final Window window : latest.values()) {
            newest = Math.max(newest, window.computedAt());
        }
        double total = 0;
        boolean any = false;
        for (final Window window : latest.values()) {
            final double rate = window.eventsPerSecond();
            if (!Double.isNaN(rate) && window.computedAt() >= newest - ACTIVE_SPAN_MILLIS) {
                total += rate;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    /** Returns the binary form, which {@link #decode(byte[])} reads. */
    public byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + latest.size() * 44);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(firstComputedAt);
            out.writeLong(lastComputedAt);
            out.writeLong(lastWindowEnd);
            out.writeInt(latest.size());
            for (final Map.Entry<Integer, Window> entry : latest.entrySet()) {
                final Window window = entry.getValue();
                out.writeInt(entry.getKey());
                out.writeLong(window.index());
                out.writeLong(window.start());
                out.writeLong(window.end());
                out.writeLong(window.events());
                out.writeLong(window.computedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the binary form of {@link #encode()}.
     *
     * @throws IllegalArgumentException if the bytes are not a version {@value #VERSION} activity
     */
    public static VersionActivity decode(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown version activity format " + version + "; expected "
                        + VERSION);
            }
            final long first = in.readLong();
            final long last = in.readLong();
            final long end = in.readLong();
            final int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IllegalArgumentException("invalid window count " + count + " in a version activity");
            }
            final Map<Integer, Window> latest = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                final int partition = in.readInt();
                latest.put(partition, new Window(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong()));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after a version activity");
            }
            return new VersionActivity(first, last, end, latest);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated version activity: " + e.getMessage(), e);
        }
    }
}
