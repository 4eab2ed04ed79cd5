package dev.momo.detectors;

import dev.momo.statistics.KolmogorovSmirnov;

/**
 * Two-sided two-sample Kolmogorov-Smirnov test for two samples of the same size n, as SciPy 1.17's
 * {@code scipy.stats.ks_2samp(a, b)} computes it with its default {@code method='auto'}. Both
 * empirical CDFs step by 1/n, so the statistic is {@code D = h / n} with an integer h, which this
 * class counts directly on sorted arrays (ties included). The p-value comes from
 * {@link KolmogorovSmirnov#pValue(double, long, long, KolmogorovSmirnov.Method)}: exact for
 * n <= 10000, with SciPy's fall-back to the asymptotic value where rounding takes the exact sum
 * outside [0, 1] (n = 30, h = 1 is such a case).
 */
final class EqualSizeKolmogorovSmirnov {

    /** The largest sample size for which SciPy's default method is exact. */
    static final int MAX_EXACT_SIZE = 10_000;

    private EqualSizeKolmogorovSmirnov() {
    }

    /** Returns {@code h = n D = max_x |#(a <= x) - #(b <= x)|} for sorted samples of equal size n. */
    static int maxCountDifference(final double[] sortedA, final double[] sortedB, final int n) {
        int i = 0;
        int j = 0;
        int max = 0;
        while (i < n || j < n) {
            final double x = j >= n || i < n && sortedA[i] <= sortedB[j] ? sortedA[i] : sortedB[j];
            while (i < n && sortedA[i] <= x) {
                i++;
            }
            while (j < n && sortedB[j] <= x) {
                j++;
            }
            max = Math.max(max, Math.abs(i - j));
        }
        return max;
    }

    /** Returns the p-value of {@code D = h / n} for two samples of size n (1 <= n <= 10000, 0 <= h <= n). */
    static double pValue(final int n, final int h) {
        return KolmogorovSmirnov.pValue((double) h / n, n, n, KolmogorovSmirnov.Method.AUTO);
    }
}
