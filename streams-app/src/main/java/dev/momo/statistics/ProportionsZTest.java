package dev.momo.statistics;

import org.apache.commons.math3.special.Erf;

/**
 * Two-sided pooled z-test for the difference of two proportions, such as the share of missing
 * values or of one class in a window against the reference:
 * <pre>
 *   p_a = s_a / n_a,   p_b = s_b / n_b,   p = (s_a + s_b) / (n_a + n_b)
 *   z = (p_a - p_b) / sqrt(p (1 - p) (1 / n_a + 1 / n_b))
 *   p-value = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt(2))
 * </pre>
 * with s the successes and n the totals. Source: the pooled two-proportion z-test, as
 * {@code statsmodels.stats.proportion.proportions_ztest([s_a, s_b], [n_a, n_b])} computes it with
 * its defaults ({@code value=None}, {@code alternative='two-sided'}, {@code prop_var=False}), which
 * returns {@code 2 * scipy.stats.norm.sf(|z|)}.
 *
 * <p>The p-value comes from the complementary error function ({@code Erf.erfc} of Commons Math
 * 3.6.1), never from {@code 1 - Phi}, which rounds to 0 from |z| of about 8.3 on. It matches
 * SciPy's {@code 2 * norm.sf(|z|)} to 1e-9 relative up to |z| = 37.2, where it is near 1e-303.
 * Beyond |z| of about 37.5 it is subnormal and loses relative precision, and from about 38.6 on it
 * underflows to 0 (SciPy's is already 0 at 38).
 *
 * <p>Counts may be non-integer, as weighted counts are, and the formula uses them as they are.
 * It takes {@code 1 - p} from the failure counts, which keeps its precision when p is near 1.
 *
 * <p>Degenerate input gives NaN for both the statistic and the p-value, because the test has no
 * defined value there:
 * <ul>
 *   <li>a total of 0: that proportion is undefined;
 *   <li>a pooled proportion of 0 or 1 (no successes at all, or no failures at all): the variance
 *       is 0 and z is 0/0. statsmodels' {@code proportions_ztest} divides 0 by 0 there too and
 *       returns NaN. Both samples then agree, so a caller that needs a number may read this case
 *       as no evidence of a difference.
 * </ul>
 *
 * <p>Cost: {@code O(1)}.
 */
public final class ProportionsZTest {

  /**
   * Outcome of a test.
   *
   * @param statistic z, positive when the first proportion is larger; NaN in the degenerate cases
   *     of the class comment
   * @param pValue the two-sided p-value in [0, 1]; NaN in the degenerate cases
   */
  public record Result(double statistic, double pValue) {}

  private static final double SQRT_2 = Math.sqrt(2.0);
  private static final Result UNDEFINED = new Result(Double.NaN, Double.NaN);

  private ProportionsZTest() {}

  /**
   * Tests whether two proportions differ.
   *
   * @param successesA successes in the first sample, in [0, totalA]
   * @param totalA size of the first sample, finite and {@code >= 0}
   * @param successesB successes in the second sample, in [0, totalB]
   * @param totalB size of the second sample, finite and {@code >= 0}
   * @return z and its two-sided p-value, or NaN for both in the degenerate cases
   * @throws IllegalArgumentException when a total is negative, infinite or NaN, or successes are
   *     outside [0, total]
   */
  public static Result twoSided(
      final double successesA, final double totalA, final double successesB, final double totalB) {
    checkCounts("A", successesA, totalA);
    checkCounts("B", successesB, totalB);
    if (totalA == 0.0 || totalB == 0.0) {
      return UNDEFINED;
    }

    final double total = totalA + totalB;
    final double pooled = (successesA + successesB) / total;
    final double pooledFailures = ((totalA - successesA) + (totalB - successesB)) / total;
    if (pooled == 0.0 || pooledFailures == 0.0) {
      return UNDEFINED;
    }
    final double variance = pooled * pooledFailures * (1.0 / totalA + 1.0 / totalB);
    final double statistic = (successesA / totalA - successesB / totalB) / Math.sqrt(variance);
    return new Result(statistic, Erf.erfc(Math.abs(statistic) / SQRT_2));
  }

  private static void checkCounts(final String sample, final double successes, final double total) {
    if (!(total >= 0.0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException("total" + sample + " must be finite and >= 0, got " + total);
    }
    if (!(successes >= 0.0 && successes <= total)) {
      throw new IllegalArgumentException(
          "successes" + sample + " must be in [0, total" + sample + "] = [0, " + total + "], got " + successes);
    }
  }
}
