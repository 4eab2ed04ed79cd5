package dev.momo.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Map with a maximum size that drops the least recently used entry when full, and optionally drops
 * entries a fixed time after they were put. Thread-safe: every method locks the cache, which is
 * cheap next to the HTTP request that a miss costs.
 *
 * <p>Expiry reads a monotonic clock in nanoseconds ({@link System#nanoTime()} unless a test gives
 * another), so wall-clock jumps neither expire entries early nor keep them late.
 */
final class BoundedCache<K, V> {

    private record Entry<V>(V value, long putAtNanos) {
    }

    private final int capacity;
    private final long timeToLiveNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<K, Entry<V>> entries;

    /**
     * Creates a cache of {@code capacity} entries.
     *
     * @param timeToLive how long an entry stays after it was put, or null for no expiry; zero keeps nothing
     * @param nanoClock monotonic time in nanoseconds
     */
    BoundedCache(final int capacity, final Duration timeToLive, final LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity " + capacity + " must be at least 1");
        }
        if (timeToLive != null && timeToLive.isNegative()) {
            throw new IllegalArgumentException("cache time to live " + timeToLive + " must not be negative");
        }
        this.capacity = capacity;
        this.timeToLiveNanos = timeToLive == null ? Long.MAX_VALUE : saturatedNanos(timeToLive);
        this.nanoClock = nanoClock;
        // Access order makes the eldest entry the least recently used one.
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<K, Entry<V>> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** Creates a cache whose entries never expire. */
    static <K, V> BoundedCache<K, V> withoutExpiry(final int capacity) {
        return new BoundedCache<>(capacity, null, System::nanoTime);
    }

    /** Returns the value for {@code key}, or null if there is none or it expired. */
    synchronized V get(final K key) {
        final Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (isExpired(entry)) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    /** Stores {@code value} under {@code key}, unless the time to live is zero. */
    synchronized void put(final K key, final V value) {
        if (timeToLiveNanos == 0) {
            return;
        }
        entries.put(key, new Entry<>(value, nanoClock.getAsLong()));
    }

    /** Returns the number of entries, expired ones included until a lookup drops them. */
    synchronized int size() {
        return entries.size();
    }

    private boolean isExpired(final Entry<V> entry) {
        // The difference of two nanoTime readings is correct even when the counter wraps around.
        return timeToLiveNanos != Long.MAX_VALUE && nanoClock.getAsLong() - entry.putAtNanos() >= timeToLiveNanos;
    }

    private static long saturatedNanos(final Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
