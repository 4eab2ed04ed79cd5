package dev.momo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - 5);

    @Test
    void fullCacheEvictsLeastRecentlyUsed() {
        final BoundedCache<String, Integer> cache = BoundedCache.withoutExpiry(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");

        cache.put("c", 3);

        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo(3);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void entryExpiresExactlyAtTimeToLive() {
        final BoundedCache<String, Integer> cache = new BoundedCache<>(10, Duration.ofNanos(10), nanos::get);
        cache.put("a", 1);

        nanos.addAndGet(9);
        assertThat(cache.get("a")).isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void expiryCorrectAcrossNanoTimeOverflow() {
        // nanos starts 5 below Long.MAX_VALUE, so the clock wraps to negative values within the time to live.
        final BoundedCache<String, Integer> cache = new BoundedCache<>(10, Duration.ofNanos(20), nanos::get);
        cache.put("a", 1);

        nanos.addAndGet(19);
        assertThat(nanos.get()).isNegative();
        assertThat(cache.get("a")).isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void putAgainRestartsTimeToLive() {
        final BoundedCache<String, Integer> cache = new BoundedCache<>(10, Duration.ofNanos(10), nanos::get);
        cache.put("a", 1);
        nanos.addAndGet(8);

        cache.put("a", 2);
        nanos.addAndGet(8);

        assertThat(cache.get("a")).isEqualTo(2);
    }

    @Test
    void zeroTimeToLiveStoresNothing() {
        final BoundedCache<String, Integer> cache = new BoundedCache<>(10, Duration.ZERO, nanos::get);

        cache.put("a", 1);

        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void withoutExpiryKeepsEntriesForever() {
        final BoundedCache<String, Integer> cache = new BoundedCache<>(10, null, nanos::get);
        cache.put("a", 1);

        nanos.addAndGet(Long.MAX_VALUE);

        assertThat(cache.get("a")).isEqualTo(1);
    }

    @Test
    void capacityBelowOneRejected() {
        assertThatThrownBy(() -> BoundedCache.withoutExpiry(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache capacity 0 must be at least 1");
    }

    @Test
    void negativeTimeToLiveRejected() {
        assertThatThrownBy(() -> new BoundedCache<String, Integer>(1, Duration.ofSeconds(-1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
