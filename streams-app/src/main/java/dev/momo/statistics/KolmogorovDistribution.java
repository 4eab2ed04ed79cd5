package dev.momo.statistics;

/**
 * Survival function {@code P(D_n >= d)} of the two-sided one-sample Kolmogorov-Smirnov statistic
 * {@code D_n = sup_x |F_n(x) - F(x)|} for a sample of size n from a continuous distribution.
 *
 * <p>This reimplements SciPy 1.17's {@code scipy.stats.kstwo.sf} ({@code scipy/stats/_ksstats.py})
 * with the same methods and cut-offs, so that the two agree to rounding. SciPy takes the choice
 * of method from Simard and L'Ecuyer, "Computing the Two-Sided Kolmogorov-Smirnov Distribution",
 * Journal of Statistical Software 39(11), 2011, and cites the papers named below. With
 * {@code t = n d}:
 * <ul>
 *   <li>{@code t <= 1} or {@code t >= n - 1}: closed forms of Ruben and Gambino;
 *   <li>{@code d >= 0.5}: {@code 2 * P(D_n^+ >= d)}, exact because {@code D_n^+} and
 *       {@code D_n^-} cannot both reach d;
 *   <li>{@code n <= 140}: Durbin's matrix when {@code n d^2 <= 0.754693}, Pomeranz's recursion
 *       when {@code n d^2 <= 4}, else {@code 2 * P(D_n^+ >= d)} (Miller's approximation, which
 *       ignores the small chance that both one-sided statistics reach d);
 *   <li>{@code n > 140}: 0 when {@code n d^2 >= 370}, {@code 2 * P(D_n^+ >= d)} when
 *       {@code n d^2 >= 2.2}, else 1 minus the CDF from Durbin's matrix when {@code n <= 100000}
 *       and {@code n d^1.5 <= 1.4}, or from the Pelz-Good asymptotic series (Journal of the Royal
 *       Statistical Society B 38(2), 1976) otherwise.
 * </ul>
 * The one-sided {@code P(D_n^+ >= d)} comes from {@link SmirnovDistribution}, and the methods of
 * Durbin and Pomeranz from {@link KolmogorovExactCdf}.
 */
final class KolmogorovDistribution {

  private static final double PI_SQUARED = Math.PI * Math.PI;
  private static final double SQRT_2PI = Math.sqrt(2.0 * Math.PI);
  private static final double LOG_2PI = Math.log(2.0 * Math.PI);
  private static final double SQRT_3 = Math.sqrt(3.0);
  private static final double MIN_LOG = -708.0;

  /**
   * Stirling series coefficients {@code B_2j / (2j (2j - 1))} for j = 8 down to 1, where B are the
   * Bernoulli numbers.
   */
  private static final double[] STIRLING_COEFFICIENTS = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3,
    -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2,
  };

  private KolmogorovDistribution() {}

  /**
   * Returns {@code P(D_n >= d)}, as {@code scipy.stats.kstwo.sf(d, n)}: 1 for {@code d <= 0.5 / n},
   * 0 for {@code d >= 1}.
   *
   * @param n the sample size, at least 1
   * @param d the statistic; NaN gives NaN
   */
  static double survival(final long n, final double d) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (Double.isNaN(d)) {
      return Double.NaN;
    }
    final double size = n;
    if (d <= 0.5 / size) {
      return 1.0;
    }
    if (d >= 1.0) {
      return 0.0;
    }
    return clip(survivalInsideSupport(n, d));
  }

  private static double survivalInsideSupport(final long n, final double d) {
    final double size = n;
    final double t = size * d;
    if (t <= 1.0) {
      return 1.0 - rubenGambinoLowerCdf(n, t);
    }
    if (t >= size - 1.0) {
      return 2.0 * Math.pow(1.0 - d, size);
    }
    if (d >= 0.5) {
      return 2.0 * SmirnovDistribution.survival(n, d);
    }

    final double nDSquared = t * d;
    if (n <= 140) {
      if (nDSquared <= 0.754693) {
        return 1.0 - KolmogorovExactCdf.durbinMatrix((int) n, d);
      }
      if (nDSquared <= 4.0) {
        return 1.0 - KolmogorovExactCdf.pomeranz((int) n, d);
      }
      return 2.0 * SmirnovDistribution.survival(n, d);
    }

    if (nDSquared >= 370.0) {
      return 0.0;
    }
    if (nDSquared >= 2.2) {
      return 2.0 * SmirnovDistribution.survival(n, d);
    }
    if (n <= 100_000 && size * Math.pow(d, 1.5) <= 1.4) {
      return 1.0 - KolmogorovExactCdf.durbinMatrix((int) n, d);
    }
    return 1.0 - pelzGoodCdf(size, d);
  }

  /** Returns {@code P(D_n <= d) = n! / n^n * (2t - 1)^n} for {@code 1/2 < t = n d <= 1}. */
  private static double rubenGambinoLowerCdf(final long n, final double t) {
    if (t <= 0.5) {
      return 0.0;
    }
    final double size = n;
    if (n <= 140) {
      double product = 1.0;
      for (int i = 1; i <= n; i++) {
        product *= i * (1.0 / size) * (2.0 * t - 1.0);
      }
      return product;
    }
    return Math.exp(logFactorialOverPower(size) + size * Math.log(2.0 * t - 1.0));
  }

  /**
   * Returns {@code log(n! / n^n)} by Stirling's series, with the {@code n log n} terms removed
   * before summing to avoid cancellation.
   */
  private static double logFactorialOverPower(final double n) {
    final double reciprocal = 1.0 / n;
    final double reciprocalSquared = reciprocal / n;
    double series = 0.0;
    for (final double coefficient : STIRLING_COEFFICIENTS) {
      series = series * reciprocalSquared + coefficient;
    }
    return Math.log(n) / 2.0 - n + LOG_2PI / 2.0 + reciprocal * series;
  }

  /**
   * Returns the Pelz-Good approximation of {@code P(D_n <= d)}: the Li-Chien and Korolyuk expansion
   * {@code K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5} with {@code z = d sqrt(n)}, each term
   * rewritten by the Jacobi theta functional equation into a series that converges for small z.
   */
  private static double pelzGoodCdf(final double n, final double d) {
    if (d <= 0.0) {
      return 0.0;
    }
    if (d >= 1.0) {
      return 1.0;
    }
    final double z = Math.sqrt(n) * d;
    final double z2 = z * z;
    final double z3 = z2 * z;
    final double z4 = z2 * z2;
    final double z6 = z4 * z2;

    final double logQ = -PI_SQUARED / 8.0 / z2;
    if (logQ < MIN_LOG) {
      return 0.0;
    }
    final double q = Math.exp(logQ);

    final double k1a = -z2;
    final double k1b = PI_SQUARED / 4.0;
    final double k2a = 6.0 * z6 + 2.0 * z4;
    final double k2b = (2.0 * z4 - 5.0 * z2) * PI_SQUARED / 4.0;
    final double k2c = PI_SQUARED * PI_SQUARED * (1.0 - 2.0 * z2) / 16.0;
    final double k3d = PI_SQUARED * PI_SQUARED * PI_SQUARED * (5.0 - 30.0 * z2) / 64.0;
    final double k3c = PI_SQUARED * PI_SQUARED * (-60.0 * z2 + 212.0 * z4) / 16.0;
    final double k3b = PI_SQUARED * (135.0 * z4 - 96.0 * z6) / 4.0;
    final double k3a = -30.0 * z6 - 90.0 * z4 * z4;

    // Horner scheme over the odd integers m = 2k - 1 for sum c_m q^(m^2).
    final double[] terms = new double[4];
    final int maxK = (int) Math.ceil(16.0 * z / Math.PI);
    for (int k = maxK; k >= 1; k--) {
      final double m = 2.0 * k - 1.0;
      final double m2 = m * m;
      final double m4 = m2 * m2;
      final double m6 = m4 * m2;
      final double qPower = Math.pow(q, 8.0 * k);
      terms[0] = terms[0] * qPower + 1.0;
      terms[1] = terms[1] * qPower + (k1a + k1b * m2);
      terms[2] = terms[2] * qPower + (k2a + k2b * m2 + k2c * m4);
      terms[3] = terms[3] * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    final double[] divisors = {z, 6.0 * z4, 72.0 * z6 * z, 6480.0 * z4 * z6};
    for (int i = 0; i < 4; i++) {
      terms[i] = terms[i] * q * SQRT_2PI / divisors[i];
    }

    // Second sums over all integers k for K2 and K3, without notable cancellation.
    final double q2 = Math.exp(-PI_SQUARED / 2.0 / z2);
    final double sqrt3z = SQRT_3 * z;
    double k2Extra = 0.0;
    double k3Extra = 0.0;
    for (int k = maxK; k >= 1; k--) {
      final double k2 = (double) k * k;
      final double qPower = Math.pow(q2, k2);
      final double kPi = Math.PI * k;
      k2Extra += k2 * qPower;
      k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
    }
    terms[2] += k2Extra * PI_SQUARED * SQRT_2PI / (-36.0 * z3);
    terms[3] += k3Extra * PI_SQUARED * SQRT_2PI / (216.0 * z6);

    double cdf = 0.0;
    for (int i = 0; i < 4; i++) {
      cdf += terms[i] / Math.pow(n, i / 2.0);
    }
    return cdf;
  }

  private static double clip(final double probability) {
    return Math.min(Math.max(probability, 0.0), 1.0);
  }
}
