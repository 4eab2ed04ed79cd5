package dev.momo.detectors;

import java.security.SecureRandom;

/**
 * The Mersenne Twister MT19937 with CPython's seeding and sampling (CPython 3.11,
 * {@code Modules/_randommodule.c} and {@code Lib/random.py}), so that {@code new PythonRandom(42)}
 * draws the same samples as {@code random.Random(42)}. {@link Kswin} needs it to draw exactly the
 * values River's KSWIN draws.
 *
 * <ul>
 *   <li>Seeding an integer s >= 0 runs MT's {@code init_by_array} on the 32-bit words of s, least
 *       significant first ({@code [0]} for s = 0).
 *   <li>{@code randbelow(n)} draws {@code k = bitLength(n)} bits (the top k bits of one 32-bit
 *       output) until the number is below n.
 *   <li>{@link #sample(int, int, int[])} is {@code random.sample(range(n), k)}: a partial
 *       Fisher-Yates shuffle of a pool when n is at most CPython's set-size estimate, otherwise
 *       rejection of repeated draws.
 * </ul>
 */
final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int index;
    private int[] pool = new int[0];
    private boolean[] selected = new boolean[0];

    /** Seeds like {@code random.Random(seed)}. */
    PythonRandom(final long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        final int high = (int) (seed >>> 32);
        initByArray(high == 0 ? new int[] {(int) seed} : new int[] {(int) seed, high});
    }

    /** Seeds from {@link SecureRandom} with as many words as CPython reads from the operating system. */
    static PythonRandom unseeded() {
        final PythonRandom random = new PythonRandom(0);
        final SecureRandom secure = new SecureRandom();
        final int[] key = new int[N];
        for (int i = 0; i < N; i++) {
            key[i] = secure.nextInt();
        }
        random.initByArray(key);
        return random;
    }

    private void initGenrand(final int seed) {
        state[0] = seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ state[i - 1] >>> 30) + i;
        }
        index = N;
    }

    private void initByArray(final int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            state[i] = (state[i] ^ (state[i - 1] ^ state[i - 1] >>> 30) * 1664525) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            state[i] = (state[i] ^ (state[i - 1] ^ state[i - 1] >>> 30) * 1566083941) - i;
            i++;
            if (i >= N) {
                state[0] = state[N - 1];
                i = 1;
            }
        }
        state[0] = UPPER_MASK;
        index = N;
    }

    /** Returns the next 32-bit output, as CPython's {@code genrand_uint32}, in an int's bits. */
    int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            final int y = state[k] & UPPER_MASK | state[(k + 1) % N] & LOWER_MASK;
            state[k] = state[(k + M) % N] ^ y >>> 1 ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        index = 0;
    }

    /** Returns a uniform integer in [0, n), as CPython's {@code _randbelow_with_getrandbits}; n >= 1. */
    int randbelow(final int n) {
        final int bits = 32 - Integer.numberOfLeadingZeros(n);
        int r = nextInt32() >>> (32 - bits);
        while (r >= n) {
            r = nextInt32() >>> (32 - bits);
        }
        return r;
    }

    /** Writes {@code random.sample(range(n), k)} into {@code result[0..k)}; requires 0 <= k <= n. */
    void sample(final int n, final int k, final int[] result) {
        long setSize = 21;
        if (k > 5) {
            setSize += (long) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
        }
        if (n <= setSize) {
            if (pool.length < n) {
                pool = new int[n];
            }
            for (int i = 0; i < n; i++) {
                pool[i] = i;
            }
            for (int i = 0; i < k; i++) {
                final int j = randbelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
            return;
        }
        if (selected.length < n) {
            selected = new boolean[n];
        }
        for (int i = 0; i < k; i++) {
            int j = randbelow(n);
            while (selected[j]) {
                j = randbelow(n);
            }
            selected[j] = true;
            result[i] = j;
        }
        for (int i = 0; i < k; i++) {
            selected[result[i]] = false;
        }
    }

    void write(final StateWriter writer) {
        for (final int word : state) {
            writer.putInt(word);
        }
        writer.putInt(index);
    }

    static PythonRandom read(final StateReader reader) {
        final PythonRandom random = new PythonRandom(0);
        for (int i = 0; i < N; i++) {
            random.state[i] = reader.getInt("random state");
        }
        random.index = reader.getInt("random index", 0, N);
        return random;
    }
}
