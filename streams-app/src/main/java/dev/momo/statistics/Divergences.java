package dev.momo.statistics;

/**
 * Distances between two histograms over the same bins. Every method takes raw counts, reference
 * first, and normalizes each histogram to proportions {@code p_i = c_i / sum(c)} before comparing.
 * A histogram whose counts sum to 0, such as an empty window, gives NaN: it has no distribution.
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
 *
 * <p>Hellinger distance, with reference proportions {@code p_i} and window proportions {@code q_i}:
 * <pre>
 *   H = sqrt(sum (sqrt(p_i) - sqrt(q_i))^2) / sqrt(2)   in [0, 1]
 * </pre>
 * The square root of an empty bin is 0, so a bin empty on one side adds the other side's
 * proportion and the sum stays finite without an epsilon. NannyML computes the same expression
 * ({@code HellingerDistance} in {@code nannyml/drift/univariate/methods.py}).
 *
 * <p>Kullback-Leibler divergence of the reference from the window, in nats:
 * <pre>
 *   KL(p || q) = sum p_i * ln(p_i / q_i)
 * </pre>
 * An empty window bin under a non-empty reference bin would make it infinite, so each proportion
 * of exactly 0 is replaced by {@code epsilon}, as in the PSI. Unlike the PSI, both vectors are then
 * rescaled to sum 1, because that is what {@code scipy.stats.entropy(p, q)} does. Evidently's
 * {@code kl_div} test is this computation: it replaces zero proportions and calls
 * {@code scipy.stats.entropy(reference, current)} ({@code get_binned_data} and {@code kl_div} in
 * {@code evidently/calculations/stattests/}). Evidently's epsilon is 1e-4, or the smallest
 * non-zero proportion divided by 10^6 when that proportion is at most 1e-4; here the caller
 * chooses it. A bin empty on both sides adds 0 to the sum but still takes part in the rescaling.
 *
 * <p>L-infinity distance, the largest difference between the proportions of one bin or category:
 * <pre>
 *   L_inf = max_i |p_i - q_i|   in [0, 1]
 * </pre>
 * An empty bin is a proportion of 0 and needs no epsilon. NannyML uses it for categorical
 * features ({@code LInfinityDistance} in {@code nannyml/drift/univariate/methods.py}), where a
 * category seen on one side only has proportion 0 on the other.
 */
public final class Divergences {

  /** Proportion that replaces an empty bin in {@link #populationStabilityIndex}. */
  public static final double DEFAULT_PSI_EPSILON = 1e-4;

  /** Proportion that replaces an empty bin in {@link #klDivergence}, Evidently's usual value. */
  public static final double DEFAULT_KL_EPSILON = 1e-4;

  private static final double SQRT_2 = Math.sqrt(2.0);

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

  /**
   * Computes the Hellinger distance between two histograms over the same bins.
   *
   * @param referenceCounts non-negative finite counts of the reference
   * @param windowCounts non-negative finite counts of the window, same length
   * @return the distance in [0, 1], or NaN when either histogram has a total of 0
   * @throws IllegalArgumentException when the lengths differ or a count is negative or not finite
   */
  public static double hellingerDistance(final double[] referenceCounts, final double[] windowCounts) {
    validateHistograms(referenceCounts, windowCounts);
    final double referenceTotal = sum(referenceCounts);
    final double windowTotal = sum(windowCounts);
    if (referenceTotal == 0.0 || windowTotal == 0.0) {
      return Double.NaN;
    }

    double sumOfSquares = 0.0;
    for (int i = 0; i < referenceCounts.length; i++) {
      final double difference =
          Math.sqrt(referenceCounts[i] / referenceTotal) - Math.sqrt(windowCounts[i] / windowTotal);
      sumOfSquares += difference * difference;
    }
    // Disjoint histograms give a sum of 2 up to rounding, which could exceed 1 by an ulp.
    return Math.min(Math.sqrt(sumOfSquares) / SQRT_2, 1.0);
  }

  /**
   * Computes the Kullback-Leibler divergence {@code KL(reference || window)} in nats.
   *
   * @param referenceCounts non-negative finite counts of the reference
   * @param windowCounts non-negative finite counts of the window, same length
   * @param epsilon the proportion that replaces an empty bin before rescaling, in (0, 1)
   * @return the divergence, at least 0 up to rounding, or NaN when either histogram has a total of 0
   * @throws IllegalArgumentException when the lengths differ, a count is negative or not finite,
   *     or epsilon is outside (0, 1)
   */
  public static double klDivergence(
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

    final double[] p = proportionsOrEpsilon(referenceCounts, referenceTotal, epsilon);
    final double[] q = proportionsOrEpsilon(windowCounts, windowTotal, epsilon);
    final double pTotal = sum(p);
    final double qTotal = sum(q);
    double divergence = 0.0;
    for (int i = 0; i < p.length; i++) {
      divergence += relativeEntropyTerm(p[i] / pTotal, q[i] / qTotal);
    }
    return divergence;
  }

  /**
   * Computes the L-infinity distance {@code max_i |p_i - q_i|} between two histograms or category
   * counts over the same bins.
   *
   * @param referenceCounts non-negative finite counts of the reference
   * @param windowCounts non-negative finite counts of the window, same length
   * @return the distance in [0, 1], or NaN when either histogram has a total of 0
   * @throws IllegalArgumentException when the lengths differ or a count is negative or not finite
   */
  public static double lInfinity(final double[] referenceCounts, final double[] windowCounts) {
    validateHistograms(referenceCounts, windowCounts);
    final double referenceTotal = sum(referenceCounts);
    final double windowTotal = sum(windowCounts);
    if (referenceTotal == 0.0 || windowTotal == 0.0) {
      return Double.NaN;
    }

    double max = 0.0;
    for (int i = 0; i < referenceCounts.length; i++) {
      max = Math.max(max, Math.abs(referenceCounts[i] / referenceTotal - windowCounts[i] / windowTotal));
    }
    return max;
  }

  /** Returns {@code p * ln(p / m)}, 0 when p is 0, as SciPy's {@code rel_entr}. */
  private static double relativeEntropyTerm(final double p, final double m) {
    return p > 0.0 ? p * Math.log(p / m) : 0.0;
  }

  private static double proportionOrEpsilon(final double count, final double total, final double epsilon) {
    return count == 0.0 ? epsilon : count / total;
  }

  private static double[] proportionsOrEpsilon(final double[] counts, final double total, final double epsilon) {
    final double[] proportions = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      proportions[i] = proportionOrEpsilon(counts[i], total, epsilon);
    }
    return proportions;
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
