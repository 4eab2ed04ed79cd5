package dev.momo.performance;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit sample keys for the rows of a window. A window that receives more rows than its cap keeps the rows
 * with the smallest keys, so the kept rows are a uniform random sample as long as keys behave like random
 * numbers, and the sample does not depend on the order or the partition in which rows arrived.
 *
 * <p>Hash: FNV-1a (64-bit) over the UTF-8 bytes of the event id, then the SplitMix64 finalizer (Steele,
 * Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) to spread the bits.
 */
public final class SampleKeys {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SampleKeys() {
    }

    /** Returns the key of an event id. */
    public static long ofEventId(final String eventId) {
        long hash = FNV_OFFSET_BASIS;
        for (final byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return mix(hash);
    }

    /** Returns the key of the row at a 0-based position of a file, for inputs without event ids. */
    public static long ofRowIndex(final long rowIndex) {
        return mix(rowIndex + 0x9e3779b97f4a7c15L);
    }

    private static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
