package dev.momo.statistics;

/**
 * Two-sample two-sided Kolmogorov-Smirnov test between weighted samples.
 *
 * <p>The statistic is {@code D = sup_x |F_a(x) - F_b(x)|}, where {@code F} is the CDF of a
 * {@link WeightedSample}: the weight at or below x over the total weight. The supremum is taken
 * over the points of both samples, where the step functions jump. For exact samples this is the
 * statistic of SciPy's {@code scipy.stats.ks_2samp(a, b)} (SciPy 1.17) bit for bit, ties included,
 * because both compute {@code count_a / n - count_b / m} at every point.
 *
 * <p>The p-value is asymptotic, as {@code ks_2samp(a, b, method='asymp')} computes it in SciPy
 * 1.17: with {@code en = n m / (n + m)}, rounded half to even to an integer N,
 * <pre>
 *   p = P(D_N >= D)
 * </pre>
 * where {@code D_N} is the two-sided one-sample statistic for a sample of size N
 * ({@code scipy.stats.kstwo.sf(D, N)}, see {@link KolmogorovDistribution}). So the two-sample
 * statistic is treated as a one-sample statistic of the effective size {@code en}, which is
 * accurate for large samples only. SciPy's default method instead computes the exact p-value for
 * sizes up to 10000.
 *
 * <p>For tiny samples the asymptotic p-value is coarse: D = 1 with sizes 1 and 3 gives
 * {@code N = 1} and p = 0, and sizes 1 and 1 give N = 0 and p = NaN, as in SciPy.
 * TODO: add the exact two-sample p-value for small n and m.
 *
 * <p>The p-value costs {@code O(1)} for small D, but {@code O(N)} when {@code N D^2 >= 2.2} and
 * {@code N <= 10^6}, where a sum of up to N terms is evaluated (see {@link SmirnovDistribution}).
 *
 * <p>For a compressed sample the sizes are its rounded total weights, and D is within the sum of
 * the two samples' {@link WeightedSample#cdfErrorBound()} of the D of the exact samples.
 */
public final class KolmogorovSmirnov {

  /**
   * Outcome of a test.
   *
   * @param statistic D in [0, 1], or NaN when a sample is empty
   * @param pValue the asymptotic two-sided p-value, or NaN when a sample is empty or when the
   *     effective size {@code n m / (n + m)} rounds to 0 (n = m = 1)
   */
  public record Result(double statistic, double pValue) {}

  private KolmogorovSmirnov() {}

  /**
   * Tests whether both samples come from the same continuous distribution.
   *
   * @return D and its asymptotic p-value; both NaN when either sample is empty
   */
  public static Result twoSample(final WeightedSample a, final WeightedSample b) {
    if (a.size() == 0 || b.size() == 0) {
      return new Result(Double.NaN, Double.NaN);
    }
    final double statistic = statistic(a, b);

    final long n = Math.round(a.totalWeight());
    final long m = Math.round(b.totalWeight());
    if (n < 1 || m < 1) {
      return new Result(statistic, Double.NaN);
    }
    return new Result(statistic, pValue(statistic, n, m));
  }

  /**
   * Returns the asymptotic two-sided p-value of D for sample sizes n and m, as described in the
   * class comment.
   *
   * @param d the statistic in [0, 1]; NaN gives NaN
   * @param n the size of the first sample, at least 1
   * @param m the size of the second sample, at least 1
   * @return the p-value in [0, 1], or NaN when d is NaN or {@code n m / (n + m)} rounds to 0
   * @throws IllegalArgumentException when n or m is below 1 or d is outside [0, 1]
   */
  public static double pValue(final double d, final long n, final long m) {
    if (n < 1 || m < 1) {
      throw new IllegalArgumentException("sample sizes must be >= 1, got n = " + n + " and m = " + m);
    }
    if (Double.isNaN(d)) {
      return Double.NaN;
    }
    if (d < 0.0 || d > 1.0) {
      throw new IllegalArgumentException("d must be in [0, 1], got " + d);
    }

    final double larger = Math.max(n, m);
    final double smaller = Math.min(n, m);
    final double effectiveSize = Math.rint(larger * smaller / (larger + smaller));
    if (effectiveSize < 1.0) {
      return Double.NaN;
    }
    return KolmogorovDistribution.survival((long) effectiveSize, d);
  }

  /** Returns {@code max |F_a(x) - F_b(x)|} over the points of both samples, walking them in order. */
  private static double statistic(final WeightedSample a, final WeightedSample b) {
    final double totalA = a.totalWeight();
    final double totalB = b.totalWeight();
    final int sizeA = a.size();
    final int sizeB = b.size();

    double statistic = 0.0;
    int i = 0;
    int j = 0;
    while (i < sizeA || j < sizeB) {
      final double x;
      if (j == sizeB || (i < sizeA && a.valueAt(i) <= b.valueAt(j))) {
        x = a.valueAt(i);
      } else {
        x = b.valueAt(j);
      }

      // Move both cursors past every point equal to x, so ties jump together.
      while (i < sizeA && a.valueAt(i) <= x) {
        i++;
      }
      while (j < sizeB && b.valueAt(j) <= x) {
        j++;
      }

      final double cdfA = i == 0 ? 0.0 : a.cumulativeWeightAt(i - 1) / totalA;
      final double cdfB = j == 0 ? 0.0 : b.cumulativeWeightAt(j - 1) / totalB;
      statistic = Math.max(statistic, Math.abs(cdfA - cdfB));
    }
    return statistic;
  }
}
