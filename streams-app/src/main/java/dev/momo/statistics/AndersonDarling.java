package dev.momo.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * k-sample Anderson-Darling test between weighted samples, as
 * {@code scipy.stats.anderson_ksamp(samples, midrank=True)} computes it in SciPy 1.17.1.
 *
 * <p>Statistic: the midrank version {@code A2akN} of Scholz and Stephens, "K-sample
 * Anderson-Darling tests", JASA 82(399), 1987, eq. 7, which suits continuous and discrete data.
 * Over the distinct pooled values {@code z_j}, with {@code l_j} the pooled weight at {@code z_j},
 * {@code B_j} the pooled weight below it plus {@code l_j / 2}, {@code M_ij} the same for sample i,
 * {@code n_i} the total weight of sample i and {@code N} the sum of the {@code n_i}:
 * <pre>
 *   A2akN = (N - 1) / N sum_i (1 / n_i) sum_j (l_j / N) (N M_ij - B_j n_i)^2
 *                                              / (B_j (N - B_j) - N l_j / 4)
 *   A2 = (A2akN - (k - 1)) / sigma_N
 * </pre>
 * where {@code sigma_N^2} is the variance of {@code A2akN} under the null hypothesis (Scholz and
 * Stephens, eq. 4), a rational function of N, k, {@code H = sum_i 1 / n_i} and the harmonic sums
 * {@code h = sum_{i < N} 1 / i} and {@code g = sum_{i < N - 1} sum_{i < j < N} 1 / ((N - i) j)}.
 * SciPy adds these up term by term. Here they come in closed form,
 * {@code h = psi(N) + gamma} and {@code g = pi^2 / 6 - psi'(N) - 2 h / N} (psi the digamma
 * function). They equal the sums for integer N, up to rounding, and cost {@code O(1)} instead of
 * {@code O(N)}.
 *
 * <p>Weights: counts are replaced by weights everywhere, so a point of integer weight w is w tied
 * copies of its value, and the result equals SciPy's on the expanded samples. For non-integer
 * weights the same formulas hold with real weights and a real N, for which the closed forms of h
 * and g are the analytic extension of the sums.
 *
 * <p>P-value, as SciPy's default method: {@code log p} is fitted by least squares with a quadratic
 * in the critical values at the significance levels 0.25, 0.1, 0.05, 0.025, 0.01, 0.005 and 0.001
 * (Scholz and Stephens, Table 2, interpolated in k with {@code b0 + b1 / sqrt(k - 1) + b2 / (k - 1)})
 * and evaluated at A2. Outside the table SciPy warns and caps. Here the caps are documented
 * results instead: a p-value of exactly {@link #P_VALUE_CAP} (0.25) means "0.25 or more", and one
 * of exactly {@link #P_VALUE_FLOOR} (0.001) means "0.001 or less".
 *
 * <p>Where SciPy raises, the statistic and the p-value are NaN: fewer than two samples
 * ("needs at least two samples"), an empty sample ("encountered sample without observations"),
 * and fewer than two distinct values over all samples ("needs more than one distinct
 * observation"). A total weight N of 2 makes SciPy fail with an IndexError, and N = 3 makes it
 * divide 0 by 0 in the variance and return NaN; every N of at most 3 gives NaN here. The
 * critical values depend on k alone, so they are returned whenever k is at least 2, and are NaN
 * for k below 2.
 *
 * <p>Cost: {@code O(P k)} for P distinct pooled values and k samples, and {@code O(1)} for the
 * variance and the p-value.
 *
 * <p>Compressed samples: a compressed point of weight w stands for w tied copies, and the
 * statistic weighs squared CDF differences by {@code 1 / (F (1 - F))} for the pooled CDF F, which
 * grows without bound in the tails. No bound of A2 in terms of
 * {@link WeightedSample#cdfErrorBound()} follows, and none is claimed. Measured: samples of 10,000
 * and 50,000 values from one normal distribution give A2 = -0.89 when exact, 4.2 (a false alarm)
 * when both are compressed to 100 points, -0.84 at 1,000 points and -0.89 at 5,000
 * (AndersonDarlingTest). So compress to thousands of points, or pass exact samples, before this
 * test.
 */
public final class AndersonDarling {

  /**
   * Outcome of a test.
   *
   * @param statistic the normalized statistic A2, or NaN in the cases of the class comment
   * @param pValue the interpolated p-value in [0.001, 0.25], where 0.25 and 0.001 are the caps of
   *     the class comment; NaN where the statistic is NaN
   * @param criticalValues A2 at the significance levels of {@link #significanceLevels()}, which
   *     depend on the number of samples only; all NaN for fewer than two samples
   */
  public record Result(double statistic, double pValue, double[] criticalValues) {

    public Result {
      criticalValues = criticalValues.clone();
    }

    /** Returns a copy of the critical values. */
    @Override
    public double[] criticalValues() {
      return criticalValues.clone();
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof Result result
          && Double.compare(statistic, result.statistic) == 0
          && Double.compare(pValue, result.pValue) == 0
          && Arrays.equals(criticalValues, result.criticalValues);
    }

    @Override
    public int hashCode() {
      return Objects.hash(statistic, pValue, Arrays.hashCode(criticalValues));
    }

    @Override
    public String toString() {
      return "Result[statistic=" + statistic + ", pValue=" + pValue
          + ", criticalValues=" + Arrays.toString(criticalValues) + "]";
    }
  }

  /** P-value returned for every A2 below the smallest critical value: the true p-value is at least this. */
  public static final double P_VALUE_CAP = 0.25;

  /** P-value returned for every A2 above the largest critical value: the true p-value is at most this. */
  public static final double P_VALUE_FLOOR = 0.001;

  private static final double[] SIGNIFICANCE_LEVELS = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

  /** Interpolation coefficients of the critical values in k (Scholz and Stephens, Table 2). */
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

  private static final double EULER_GAMMA = 0.5772156649015329;

  private AndersonDarling() {}

  /** Returns the significance levels of the critical values, from 0.25 down to 0.001. */
  public static double[] significanceLevels() {
    return SIGNIFICANCE_LEVELS.clone();
  }

  /**
   * Tests whether all samples come from the same distribution.
   *
   * @param samples the samples to compare, usually a window and a reference
   * @return A2, its p-value and the critical values; NaN in the cases of the class comment
   * @throws NullPointerException when the list is null
   * @throws IllegalArgumentException when a sample in the list is null
   */
  public static Result kSample(final List<WeightedSample> samples) {
    Objects.requireNonNull(samples, "samples");
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i) == null) {
        throw new IllegalArgumentException("samples[" + i + "] must not be null");
      }
    }
    final int k = samples.size();
    if (k < 2) {
      final double[] undefined = new double[SIGNIFICANCE_LEVELS.length];
      Arrays.fill(undefined, Double.NaN);
      return new Result(Double.NaN, Double.NaN, undefined);
    }

    final double[] critical = criticalValues(k);
    final double[] sizes = samples.stream().mapToDouble(WeightedSample::totalWeight).toArray();
    final double total = Arrays.stream(sizes).sum();
    if (Arrays.stream(sizes).anyMatch(size -> size == 0.0) || !(total > 3.0)) {
      return new Result(Double.NaN, Double.NaN, critical);
    }
    final double midrankStatistic = midrankStatistic(samples, sizes, total);
    if (Double.isNaN(midrankStatistic)) {
      return new Result(Double.NaN, Double.NaN, critical);
    }

    final double statistic = (midrankStatistic - (k - 1)) / Math.sqrt(nullVariance(k, sizes, total));
    return new Result(statistic, pValue(statistic, critical), critical);
  }

  /**
   * Returns A2akN (Scholz and Stephens, eq. 7) with weights for counts, or NaN when all samples
   * hold a single distinct value.
   */
  private static double midrankStatistic(final List<WeightedSample> samples, final double[] sizes, final double total) {
    final int k = samples.size();
    final double[][] weights = new double[k][];
    for (int i = 0; i < k; i++) {
      weights[i] = samples.get(i).weights();
    }
    final int[] next = new int[k];
    final double[] below = new double[k];
    final double[] atValue = new double[k];
    final double[] sums = new double[k];
    double pooledBelow = 0.0;
    int distinctValues = 0;

    while (true) {
      final double value = smallestHead(samples, next);
      if (Double.isNaN(value)) {
        break;
      }
      distinctValues++;

      double pooledAtValue = 0.0;
      for (int i = 0; i < k; i++) {
        atValue[i] = 0.0;
        final WeightedSample sample = samples.get(i);
        while (next[i] < weights[i].length && sample.valueAt(next[i]) <= value) {
          atValue[i] += weights[i][next[i]++];
        }
        pooledAtValue += atValue[i];
      }

      final double pooledMid = pooledBelow + pooledAtValue / 2.0;
      final double denominator = pooledMid * (total - pooledMid) - total * pooledAtValue / 4.0;
      for (int i = 0; i < k; i++) {
        final double sampleMid = below[i] + atValue[i] / 2.0;
        final double difference = total * sampleMid - pooledMid * sizes[i];
        sums[i] += pooledAtValue / total * difference * difference / denominator;
        below[i] += atValue[i];
      }
      pooledBelow += pooledAtValue;
    }
    if (distinctValues < 2) {
      return Double.NaN;
    }

    double statistic = 0.0;
    for (int i = 0; i < k; i++) {
      statistic += sums[i] / sizes[i];
    }
    return statistic * ((total - 1.0) / total);
  }

  /** Returns the smallest value not yet visited in any sample, or NaN when all are visited. */
  private static double smallestHead(final List<WeightedSample> samples, final int[] next) {
    double smallest = Double.NaN;
    for (int i = 0; i < next.length; i++) {
      final WeightedSample sample = samples.get(i);
      if (next[i] < sample.size() && (Double.isNaN(smallest) || sample.valueAt(next[i]) < smallest)) {
        smallest = sample.valueAt(next[i]);
      }
    }
    return smallest;
  }

  /** Returns the variance of A2akN under the null hypothesis (Scholz and Stephens, eq. 4). */
  private static double nullVariance(final int k, final double[] sizes, final double total) {
    double inverseSizes = 0.0;
    for (final double size : sizes) {
      inverseSizes += 1.0 / size;
    }
    final double h = digamma(total) + EULER_GAMMA;
    final double g = Math.PI * Math.PI / 6.0 - trigamma(total) - 2.0 * h / total;

    final double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * inverseSizes;
    final double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * inverseSizes - 8 * h + 4 * g - 6;
    final double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * inverseSizes + 4 * h;
    final double d = (2 * h + 6) * k * k - 4 * h * k;
    final double cube = total * total * total;
    return (a * cube + b * total * total + c * total + d) / ((total - 1.0) * (total - 2.0) * (total - 3.0));
  }

  /**
   * Returns the digamma function psi(x) for x &gt; 0: the recurrence {@code psi(x) = psi(x + 1) - 1 / x}
   * up to x &gt;= 20, then the asymptotic series, whose first omitted term is below 1e-19 there.
   * Commons Math 3.6.1's {@code Gamma.digamma} is not used because it is off by up to 3e-9 below
   * x = 49, and the variance formula amplifies that error about 700-fold at N = 4.
   */
  private static double digamma(final double x) {
    double shifted = x;
    double recurrence = 0.0;
    while (shifted < 20.0) {
      recurrence += 1.0 / shifted;
      shifted += 1.0;
    }
    final double inverseSquare = 1.0 / (shifted * shifted);
    final double series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare * (1.0 / 252
        - inverseSquare * (1.0 / 240 - inverseSquare * (1.0 / 132 - inverseSquare * (691.0 / 32760
        - inverseSquare / 12))))));
    return Math.log(shifted) - 0.5 / shifted - series - recurrence;
  }

  /**
   * Returns the trigamma function psi'(x) for x &gt; 0, by the recurrence
   * {@code psi'(x) = psi'(x + 1) + 1 / x^2} up to x &gt;= 20 and the asymptotic series there.
   */
  private static double trigamma(final double x) {
    double shifted = x;
    double recurrence = 0.0;
    while (shifted < 20.0) {
      recurrence += 1.0 / (shifted * shifted);
      shifted += 1.0;
    }
    final double inverse = 1.0 / shifted;
    final double inverseSquare = inverse * inverse;
    final double series = inverse + inverseSquare / 2.0 + inverse * inverseSquare * (1.0 / 6 - inverseSquare
        * (1.0 / 30 - inverseSquare * (1.0 / 42 - inverseSquare * (1.0 / 30 - inverseSquare * (5.0 / 66
        - inverseSquare * (691.0 / 2730 - inverseSquare * 7.0 / 6))))));
    return series + recurrence;
  }

  /** Returns the critical values for k samples, in the order of {@link #significanceLevels()}. */
  private static double[] criticalValues(final int k) {
    final double degrees = k - 1;
    final double[] critical = new double[B0.length];
    for (int i = 0; i < critical.length; i++) {
      critical[i] = B0[i] + B1[i] / Math.sqrt(degrees) + B2[i] / degrees;
    }
    return critical;
  }

  /**
   * Returns the p-value interpolated from the critical values, or the cap or floor outside them,
   * as the class comment describes. NaN statistic gives NaN.
   */
  private static double pValue(final double statistic, final double[] critical) {
    final double smallest = Arrays.stream(critical).min().orElseThrow();
    final double largest = Arrays.stream(critical).max().orElseThrow();
    if (statistic < smallest) {
      return P_VALUE_CAP;
    }
    if (statistic > largest) {
      return P_VALUE_FLOOR;
    }

    // Least squares with the columns of the Vandermonde matrix scaled to unit norm, as
    // numpy.polyfit does, so that QR works on a well-conditioned matrix.
    final double[][] design = new double[critical.length][3];
    final double[] logLevels = new double[critical.length];
    final double[] norms = new double[3];
    for (int i = 0; i < critical.length; i++) {
      design[i][0] = critical[i] * critical[i];
      design[i][1] = critical[i];
      design[i][2] = 1.0;
      logLevels[i] = Math.log(SIGNIFICANCE_LEVELS[i]);
      for (int column = 0; column < 3; column++) {
        norms[column] += design[i][column] * design[i][column];
      }
    }
    for (int i = 0; i < critical.length; i++) {
      for (int column = 0; column < 3; column++) {
        design[i][column] /= Math.sqrt(norms[column]);
      }
    }
    final RealVector scaled = new QRDecomposition(new Array2DRowRealMatrix(design, false))
        .getSolver().solve(new ArrayRealVector(logLevels, false));
    final double quadratic = scaled.getEntry(0) / Math.sqrt(norms[0]);
    final double linear = scaled.getEntry(1) / Math.sqrt(norms[1]);
    final double constant = scaled.getEntry(2) / Math.sqrt(norms[2]);
    return Math.exp((quadratic * statistic + linear) * statistic + constant);
  }
}
