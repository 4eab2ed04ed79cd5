package dev.momo.statistics;

/**
 * Wasserstein-1 distance (earth mover's distance) between two weighted samples:
 * <pre>
 *   W(a, b) = integral over x of |F_a(x) - F_b(x)| dx
 * </pre>
 * where {@code F} is the CDF of a {@link WeightedSample}, the weight at or below x over the total
 * weight. Both CDFs are step functions, so the integral is the finite sum over the sorted pooled
 * points {@code z_1 <= ... <= z_P} of {@code |F_a(z_k) - F_b(z_k)| (z_(k+1) - z_k)}. The distance
 * is in the unit of the values, so callers that compare features divide it by a scale of their own,
 * such as the reference standard deviation.
 *
 * <p>Source: {@code scipy.stats.wasserstein_distance(u_values, v_values, u_weights, v_weights)} in
 * SciPy 1.17.1, which computes the same sum and cites Ramdas, Garcia and Cuturi, "On Wasserstein
 * two sample testing and related families of nonparametric tests" (2015, arXiv:1509.02237) for the
 * equivalence of this CDF form with the optimal-transport definition. The result equals SciPy's on
 * the stored values and weights of both samples. For an exact sample those are its raw values with
 * weight 1 each.
 *
 * <p>Infinite values follow SciPy's arithmetic on the same sum: a gap from a finite value to an
 * infinity gives {@code +Infinity}, or NaN when the two CDFs agree across it, and an infinity
 * stored twice among the pooled points gives NaN because the gap between its copies is
 * {@code Infinity - Infinity}.
 *
 * <p>Cost: one merge walk over both samples, {@code O(n + m)} time for n and m stored points and
 * {@code O(1)} extra memory, because {@link WeightedSample} keeps its points sorted.
 *
 * <p>Compressed samples: when the CDFs are within {@code b_a} and {@code b_b} of the CDFs of the
 * exact samples ({@link WeightedSample#cdfErrorBound()}), the integrand moves by at most
 * {@code b_a + b_b} at every x. It can only move inside the range of the values that went into the
 * samples, because a compressed sample stores some of those values and keeps the largest. So
 * <pre>
 *   |W_compressed - W_exact| &lt;= b_a (max_a - min_a) + b_b (max_b - min_b) &lt;= (b_a + b_b) (max - min)
 * </pre>
 * with {@code min_a} and {@code max_a} the smallest and largest exact values of sample a, and
 * {@code min} and {@code max} those of both samples. A compressed sample may have dropped its
 * smallest value, so its own minimum can understate that range.
 */
public final class Wasserstein {

  private Wasserstein() {}

  /**
   * Computes the Wasserstein-1 distance between the two samples.
   *
   * @return the distance in the unit of the values, {@code >= 0}; NaN when either sample is empty
   *     (SciPy raises there), and {@code +Infinity} or NaN with infinite values as described in the
   *     class comment
   */
  public static double distance(final WeightedSample a, final WeightedSample b) {
    final int sizeA = a.size();
    final int sizeB = b.size();
    if (sizeA == 0 || sizeB == 0) {
      return Double.NaN;
    }
    final double totalA = a.totalWeight();
    final double totalB = b.totalWeight();

    double sum = 0.0;
    int i = 0;
    int j = 0;
    while (i < sizeA || j < sizeB) {
      final double x = j == sizeB || (i < sizeA && a.valueAt(i) <= b.valueAt(j)) ? a.valueAt(i) : b.valueAt(j);

      // Both CDFs include every point equal to x, as SciPy's searchsorted(..., 'right') does.
      final int startI = i;
      final int startJ = j;
      while (i < sizeA && a.valueAt(i) <= x) {
        i++;
      }
      while (j < sizeB && b.valueAt(j) <= x) {
        j++;
      }
      final int copies = (i - startI) + (j - startJ);
      if (copies > 1 && Double.isInfinite(x)) {
        // SciPy multiplies the CDF difference by the zero-width gap Infinity - Infinity = NaN.
        return Double.NaN;
      }
      if (i == sizeA && j == sizeB) {
        break;
      }

      final double next = j == sizeB || (i < sizeA && a.valueAt(i) <= b.valueAt(j)) ? a.valueAt(i) : b.valueAt(j);
      final double cdfA = i == 0 ? 0.0 : a.cumulativeWeightAt(i - 1) / totalA;
      final double cdfB = j == 0 ? 0.0 : b.cumulativeWeightAt(j - 1) / totalB;
      sum += Math.abs(cdfA - cdfB) * (next - x);
    }
    return sum;
  }
}
