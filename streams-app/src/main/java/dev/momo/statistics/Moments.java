package dev.momo.statistics;

/**
 * Mean and standard deviations of small arrays, such as the drift scores of past windows from
 * which a threshold is derived.
 *
 * <p>Two passes: the mean first, then the sum of squared deviations from it, which avoids the
 * cancellation of the one-pass {@code sum(x^2) - n * mean^2} formula. The results match NumPy's
 * {@code numpy.mean}, {@code numpy.std(v)} (ddof 0) and {@code numpy.std(v, ddof=1)} up to rounding.
 */
public final class Moments {

  private Moments() {}

  /** Returns the arithmetic mean, or NaN for an empty array. */
  public static double mean(final double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (final double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  /** Returns the population standard deviation {@code sqrt(sum (x - mean)^2 / n)}, or NaN for an empty array. */
  public static double populationStd(final double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    return Math.sqrt(sumOfSquaredDeviations(v) / v.length);
  }

  /**
   * Returns the sample standard deviation {@code sqrt(sum (x - mean)^2 / (n - 1))}, or NaN for
   * fewer than 2 values.
   */
  public static double sampleStd(final double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    return Math.sqrt(sumOfSquaredDeviations(v) / (v.length - 1));
  }

  private static double sumOfSquaredDeviations(final double[] v) {
    final double mean = mean(v);
    double sum = 0.0;
    for (final double x : v) {
      final double deviation = x - mean;
      sum += deviation * deviation;
    }
    return sum;
  }
}
