package dev.momo.statistics;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity between the category counts of a reference and of a
 * window.
 *
 * <p>On the 2 x k table with rows {@code r} (reference) and {@code w} (window), row totals
 * {@code R}, {@code W}, column totals {@code c_j} and grand total {@code N = R + W}:
 * <pre>
 *   E_ij = rowTotal_i * c_j / N
 *   X^2  = sum_ij (O_ij - E_ij)^2 / E_ij,   dof = k - 1
 *   p    = Q(dof / 2, X^2 / 2)               upper tail of chi2(dof)
 * </pre>
 * where Q is the regularized upper incomplete gamma function. Categories that are 0 in both rows
 * are dropped first, because their expected counts are 0. No continuity correction is applied.
 * This is {@code scipy.stats.chi2_contingency(table, correction=False)} (SciPy 1.17), except that
 * SciPy raises an error on an all-zero column where this class drops it.
 *
 * <p>Q comes from commons-math3 {@link Gamma#regularizedGammaQ}, evaluated directly rather than
 * as {@code 1 - P}, so that p-values far below 1e-16 keep their relative precision.
 */
public final class ChiSquareTest {

  /**
   * Outcome of a test.
   *
   * @param statistic Pearson's X^2, or NaN when the test is undefined
   * @param degreesOfFreedom the number of kept categories minus 1, or 0 when the test is undefined
   * @param pValue the probability of an X^2 at least this large when both rows share one
   *     distribution, or NaN when the test is undefined
   */
  public record Result(double statistic, int degreesOfFreedom, double pValue) {}

  private static final double CRITICAL_VALUE_RELATIVE_ACCURACY = 1e-15;
  private static final int CRITICAL_VALUE_MAX_EVALUATIONS = 1_000;

  private ChiSquareTest() {}

  /**
   * Tests whether the reference and window counts come from the same categorical distribution.
   *
   * @param referenceCounts non-negative finite counts per category
   * @param windowCounts non-negative finite counts per category, same length
   * @return the test result; statistic and p-value are NaN when a row total is 0 or fewer than 2
   *     categories have a count
   * @throws IllegalArgumentException when the lengths differ or a count is negative or not finite
   */
  public static Result homogeneity(final double[] referenceCounts, final double[] windowCounts) {
    if (referenceCounts.length != windowCounts.length) {
      throw new IllegalArgumentException("count arrays must have the same number of categories, got "
          + referenceCounts.length + " reference and " + windowCounts.length + " window categories");
    }
    validateCounts("referenceCounts", referenceCounts);
    validateCounts("windowCounts", windowCounts);

    double referenceTotal = 0.0;
    double windowTotal = 0.0;
    int keptCategories = 0;
    for (int j = 0; j < referenceCounts.length; j++) {
      referenceTotal += referenceCounts[j];
      windowTotal += windowCounts[j];
      if (referenceCounts[j] + windowCounts[j] > 0.0) {
        keptCategories++;
      }
    }
    if (referenceTotal == 0.0 || windowTotal == 0.0 || keptCategories < 2) {
      return new Result(Double.NaN, 0, Double.NaN);
    }

    final double total = referenceTotal + windowTotal;
    double statistic = 0.0;
    for (int j = 0; j < referenceCounts.length; j++) {
      final double columnTotal = referenceCounts[j] + windowCounts[j];
      if (columnTotal > 0.0) {
        statistic += pearsonTerm(referenceCounts[j], referenceTotal * columnTotal / total);
        statistic += pearsonTerm(windowCounts[j], windowTotal * columnTotal / total);
      }
    }

    final int degreesOfFreedom = keptCategories - 1;
    return new Result(statistic, degreesOfFreedom, upperTail(statistic, degreesOfFreedom));
  }

  /**
   * Returns the upper-tail probability {@code P(X >= x)} of the chi-square distribution.
   *
   * @throws IllegalArgumentException when degreesOfFreedom &lt; 1
   */
  public static double upperTail(final double x, final int degreesOfFreedom) {
    validateDegreesOfFreedom(degreesOfFreedom);
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, x / 2.0);
  }

  /**
   * Returns the upper critical value: the x with {@code P(X > x) = alpha} for the chi-square
   * distribution with the given degrees of freedom, as SciPy's {@code chi2.isf(alpha, dof)}.
   *
   * @param degreesOfFreedom at least 1
   * @param alpha the significance level, in (0, 1)
   * @throws IllegalArgumentException when an argument is outside its range
   */
  public static double criticalValue(final int degreesOfFreedom, final double alpha) {
    validateDegreesOfFreedom(degreesOfFreedom);
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }

    // The log of the upper tail is smooth and decreasing, so Brent's method converges quickly
    // and keeps its relative accuracy for alpha far below 1e-16.
    final double logAlpha = Math.log(alpha);
    final UnivariateFunction excess = x -> Math.log(upperTail(x, degreesOfFreedom)) - logAlpha;
    double upper = Math.max(2.0 * degreesOfFreedom, 1.0);
    while (excess.value(upper) > 0.0) {
      upper *= 2.0;
    }
    final BrentSolver solver = new BrentSolver(CRITICAL_VALUE_RELATIVE_ACCURACY, 0.0);
    return solver.solve(CRITICAL_VALUE_MAX_EVALUATIONS, excess, 0.0, upper);
  }

  private static double pearsonTerm(final double observed, final double expected) {
    final double difference = observed - expected;
    return difference * difference / expected;
  }

  private static void validateDegreesOfFreedom(final int degreesOfFreedom) {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degreesOfFreedom must be >= 1, got " + degreesOfFreedom);
    }
  }

  private static void validateCounts(final String name, final double[] counts) {
    for (int i = 0; i < counts.length; i++) {
      if (!(counts[i] >= 0.0) || Double.isInfinite(counts[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must be a finite count >= 0, got " + counts[i]);
      }
    }
  }
}
