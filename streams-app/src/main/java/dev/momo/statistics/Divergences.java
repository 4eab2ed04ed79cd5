package dev.momo.statistics;

/**
 * Distances between two histograms over the same bins. Both methods take raw counts and normalize
 * each histogram to proportions {@code p_i = c_i / sum(c)} before comparing.
 *
 * <p>Jensen-Shannon distance, base 2:
 * <pre>
 *   m_i = (r_i + a_i) / 2
 *   JSD = (KL(r || m) + KL(a || m)) / 2,   KL(p || m) = sum p_i * log2(p_i / m_i)
 *   distance = sqrt(JSD)  in [0, 1]
 * </pre>
 * A bin with {@code p_i = 0} adds nothing to {@code KL(p || m)} (the limit of {@code p log p}),
 * so no epsilon is needed. This is the computation of SciPy's
 * {@code scipy.spatial.distance.jensenshannon(p, q, base=2)} (SciPy 1.17).
 *
 * <p>Population stability index, with reference proportions {@code r_i} and window proportions
 * {@code a_i}:
 * <pre>
 *   PSI = sum (a_i - r_i) * ln(a_i / r_i)  =  KL(a || r) + KL(r || a)   (natural logarithm)
 * </pre>
 * which is the symmetrized Kullback-Leibler (Jeffreys) divergence. The logarithm is undefined when a bin is empty on one side, and the index would be infinite.
 * Each proportion of exactly 0 is therefore replaced by {@code epsilon} before the sum, without
 * renormalizing, so one empty bin adds at most about {@code p * ln(p / epsilon)}. A bin empty on
 * both sides adds 0.
 */
public final class Divergences {

  /** Proportion that replaces an empty bin in {@link #populationStabilityIndex}. */
  public static final double DEFAULT_PSI_EPSILON = 1e-4;

  private static final double LN_2 = Math.log(2.0);

  private Divergences() {}

  /**
   * Computes the Jensen-Shannon distance, base 2, between two histograms over the same bins.
   *
   * @param referenceCounts non-negative finite counts of the reference
   * @param windowCounts non-negative finite counts of the window, same length
   * @return the distance in [0, 1], or NaN when either histogram has a total of 0
   * @throws IllegalArgumentException when the lengths differ or a count is negative or not finite
   */
  public static double jensenShannonDistance(final double[] referenceCounts, final double[] windowCounts) {
    validateHistograms(referenceCounts, windowCounts);
    final double referenceTotal = sum(referenceCounts);
    final double windowTotal = sum(windowCounts);
    if (referenceTotal == 0.0 || windowTotal == 0.0) {
      return Double.NaN;
    }

    double referenceToMixture = 0.0;
    double windowToMixture = 0.0;
    for (int i = 0; i < referenceCounts.length; i++) {
      final double p = referenceCounts[i] / referenceTotal;
      final double q = windowCounts[i] / windowTotal;
      final double m = (p + q) / 2.0;
      referenceToMixture += relativeEntropyTerm(p, m);
      windowToMixture += relativeEntropyTerm(q, m);
    }

    final double divergence = (referenceToMixture + windowToMixture) / LN_2 / 2.0;
    // Rounding can leave a divergence just below 0 for nearly identical histograms, where SciPy
    // would return NaN.
    return Math.sqrt(Math.max(divergence, 0.0));
  }

  /**
   * Computes the population stability index of the window against the reference.
   *
   * @param referenceCounts non-negative finite counts of the reference
   * @param windowCounts non-negative finite counts of the window, same length
   * @param epsilon the proportion that replaces an empty bin, in (0, 1)
   * @return the index, at least 0, or NaN when either histogram has a total of 0
   * @throws IllegalArgumentException when the lengths differ, a count is negative or not finite,
   *     or epsilon is outside (0, 1)
   */
  public static double populationStabilityIndex(
      final double[] referenceCounts, final double[] windowCounts, final double epsilon) {
    validateHistograms(referenceCounts, windowCounts);
    if (!(epsilon > 0.0 && epsilon < 1.0)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1), got " + epsilon);
    }
    final double referenceTotal = sum(referenceCounts);
    final double windowTotal = sum(windowCounts);
    if (referenceTotal == 0.0 || windowTotal == 0.0) {
      return Double.NaN;
    }

    double index = 0.0;
    for (int i = 0; i < referenceCounts.length; i++) {
      final double r = proportionOrEpsilon(referenceCounts[i], referenceTotal, epsilon);
      final double a = proportionOrEpsilon(windowCounts[i], windowTotal, epsilon);
      index += (a - r) * Math.log(a / r);
    }
    return index;
  }

  /** Returns {@code p * ln(p / m)}, 0 when p is 0, as SciPy's {@code rel_entr}. */
  private static double relativeEntropyTerm(final double p, final double m) {
    return p > 0.0 ? p * Math.log(p / m) : 0.0;
  }

  private static double proportionOrEpsilon(final double count, final double total, final double epsilon) {
    return count == 0.0 ? epsilon : count / total;
  }

  private static double sum(final double[] values) {
    double total = 0.0;
    for (final double value : values) {
      total += value;
    }
    return total;
  }

  private static void validateHistograms(final double[] referenceCounts, final double[] windowCounts) {
    if (referenceCounts.length != windowCounts.length) {
      throw new IllegalArgumentException("histograms must have the same number of bins, got "
          + referenceCounts.length + " reference bins and " + windowCounts.length + " window bins");
    }
    validateCounts("referenceCounts", referenceCounts);
    validateCounts("windowCounts", windowCounts);
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
