package dev.momo.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rules that place the bin edges of a numeric column from its reference values.
 *
 * <p>{@link #QUANTILE} is {@link Binning#quantileEdges}. The other rules reproduce NumPy 2.4's
 * {@code numpy.histogram_bin_edges(values, bins=...)}: {@link #EQUAL_WIDTH} with {@code bins} an
 * integer, and {@link #DOANE}, {@link #STURGES}, {@link #FD} and {@link #AUTO} with {@code bins}
 * the estimator's name. Those four estimate a bin width {@code h} from the sample of {@code n}
 * values with range {@code ptp = max - min}:
 * <pre>
 *   sturges  h = ptp / (log2(n) + 1)
 *   doane    h = ptp / (1 + log2(n) + log2(1 + |g1| / s_g1)),  g1 = mean(((x - mean) / std)^3),
 *            s_g1 = sqrt(6 (n - 2) / ((n + 1)(n + 3))),  std with ddof 0;  h = 0 when n &lt;= 2 or std = 0
 *   fd       h = 2 IQR n^(-1/3)   (Freedman-Diaconis; IQR from linear-interpolation percentiles)
 *   auto     h = min(max(h_fd, ptp / sqrt(n) / 2), h_sturges)
 * </pre>
 * and then place {@code k = ceil(ptp / h)} bins of equal width from min to max, or 1 bin when
 * {@code h = 0}. For integer input NumPy raises a width below 1 to 1, which {@code integerValued}
 * selects. All values equal widen the range to {@code [v - 0.5, v + 0.5]}, as NumPy does.
 *
 * <p>The edges are computed as {@code numpy.linspace(min, max, k + 1)} computes them, so they are
 * bit-identical to NumPy's whenever the bin count agrees. The count can differ only when
 * {@code ptp / h} lies within a few units in the last place of an integer, because Java's
 * {@code Math.log} and {@code Math.pow} may round differently from the C library that NumPy calls.
 * Sums follow NumPy's pairwise summation of float64 arrays, so means and standard deviations match
 * NumPy's bit for bit. NumPy sums integer arrays in another order, which gives the same exact sum
 * while it stays below 2^53.
 *
 * <p>Differences from NumPy, all rejected or bounded instead of returning unusable edges:
 * <ul>
 *   <li>At most {@link #MAX_BINS} bins. NumPy's count is unbounded, and {@code fd} on heavy-tailed
 *       data, such as a Cauchy sample, where the IQR is tiny beside the range, gives 10^5 bins
 *       and more. {@code auto} can reach the cap only above 250,000 values, because its width is
 *       at least {@code ptp / sqrt(n) / 2}. Sturges and Doane stay far below it. A capped rule
 *       returns NumPy's edges for {@code bins=MAX_BINS}.
 *   <li>Values whose range {@code max - min} overflows to infinity are rejected. NumPy then returns
 *       NaN edges or fails on the conversion of an infinite count.
 *   <li>A range too narrow for the bins to get distinct double edges is rejected, as NumPy rejects
 *       it ("Too many bins for data range"). This includes all values equal at a magnitude such as
 *       1e300, where {@code v - 0.5} and {@code v + 0.5} round to {@code v}.
 * </ul>
 */
public enum BinningRule {

  /** Reference quantiles, {@link Binning#quantileEdges}. */
  QUANTILE("quantile"),
  /** {@code bins} bins of equal width from min to max, NumPy's {@code bins=<int>}. */
  EQUAL_WIDTH("equal-width"),
  /** Doane's rule, which adds bins for skewed data to Sturges' count. */
  DOANE("doane"),
  /** Sturges' rule, {@code log2(n) + 1} bins. */
  STURGES("sturges"),
  /** Freedman-Diaconis rule, width {@code 2 IQR n^(-1/3)}. */
  FD("fd"),
  /** NumPy's default estimator: the narrower of Sturges and a bounded Freedman-Diaconis width. */
  AUTO("auto");

  /**
   * Maximum number of bins any rule returns. Each bin costs a count in every reference profile and
   * in every window's histogram, so the cap bounds the size of profiles and window state. It
   * equals the upper bound that {@code ProfileOptions} sets on its {@code bins}.
   */
  public static final int MAX_BINS = 1000;

  /** Largest magnitude up to which every whole number is a double, 2^53. */
  private static final double MAX_EXACT_INTEGER = 0x1p53;

  private static final double LN_2 = Math.log(2.0);

  private final String id;

  BinningRule(final String id) {
    this.id = id;
  }

  /** Returns the rule's identifier, such as {@code equal-width}, which {@link #fromId} reads. */
  public String id() {
    return id;
  }

  /**
   * Returns the rule with the given id.
   *
   * @throws IllegalArgumentException when no rule has that id; the message lists the valid ids
   */
  public static BinningRule fromId(final String id) {
    for (final BinningRule rule : values()) {
      if (rule.id.equals(id)) {
        return rule;
      }
    }
    final String valid = Stream.of(values()).map(BinningRule::id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown binning rule '" + id + "'. Valid rules are: " + valid);
  }

  /**
   * Returns true when every value is a whole number of magnitude at most 2^53, the values for
   * which {@code integerValued} may be true. A column stored as text "1.0, 2.0" passes this check,
   * although pandas reads it as float64.
   */
  public static boolean isIntegerValued(final double[] values) {
    for (final double value : values) {
      if (!isExactInteger(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes the bin edges of the reference values under this rule.
   *
   * @param values the reference values, not empty, all finite; the array is not modified
   * @param bins the number of bins for {@link #QUANTILE} and {@link #EQUAL_WIDTH}, in
   *     {@code [1, MAX_BINS]}; ignored by the estimators
   * @param integerValued true when the values are integers (see {@link #isIntegerValued}), which
   *     makes the estimators use a width of at least 1, as NumPy does for integer arrays
   * @return strictly increasing finite edges; {@link #QUANTILE} returns a single edge for
   *     constant values, every other rule at least 2 edges and at most {@code MAX_BINS + 1}
   * @throws IllegalArgumentException when values is empty or contains a value that is not finite,
   *     or when integerValued is true and a value is not a whole number of magnitude at most 2^53.
   *     Also when bins is out of range for a rule that uses it, or when the range is too wide or
   *     too narrow, as listed in the class comment.
   */
  public double[] edges(final double[] values, final int bins, final boolean integerValued) {
    validateValues(values, integerValued);
    return switch (this) {
      case QUANTILE -> Binning.quantileEdges(values, checkedBins(bins));
      case EQUAL_WIDTH -> linspaceEdges(values, checkedBins(bins));
      default -> estimatedEdges(values, integerValued);
    };
  }

  /** Applies the width estimator and turns the width into a capped count, as NumPy's {@code _get_bin_edges}. */
  private double[] estimatedEdges(final double[] values, final boolean integerValued) {
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    final double range = sorted[sorted.length - 1] - sorted[0];

    double width = switch (this) {
      case STURGES -> sturgesWidth(range, values.length);
      case DOANE -> doaneWidth(values, range);
      case FD -> freedmanDiaconisWidth(sorted);
      case AUTO -> autoWidth(sorted, range);
      default -> throw new IllegalStateException("not an estimator: " + this);
    };

    // A width of 0 (constant values, an IQR of 0, or Doane's degenerate cases) means one bin.
    if (width == 0.0) {
      return linspaceEdges(values, 1);
    }
    if (integerValued && width < 1.0) {
      width = 1.0;
    }
    // The count stays a double until capped: ptp / h can exceed the int range, even reach infinity.
    final double count = Math.ceil(range / width);
    return linspaceEdges(values, (int) Math.min(count, MAX_BINS));
  }

  private static double sturgesWidth(final double range, final int n) {
    return range / (log2(n) + 1.0);
  }

  private static double doaneWidth(final double[] values, final double range) {
    final int n = values.length;
    if (n <= 2) {
      return 0.0;
    }
    final double standardErrorOfSkewness = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
    final double mean = pairwiseSum(values) / n;

    final double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      final double deviation = values[i] - mean;
      deviations[i] = deviation * deviation;
    }
    final double std = Math.sqrt(pairwiseSum(deviations) / n);

    // NaN (an overflowed mean) fails this test too, and NumPy then returns a width of 0 as well.
    if (!(std > 0.0)) {
      return 0.0;
    }
    final double[] cubes = new double[n];
    for (int i = 0; i < n; i++) {
      cubes[i] = Math.pow((values[i] - mean) / std, 3.0);
    }
    final double skewness = pairwiseSum(cubes) / n;
    return range / (1.0 + log2(n) + log2(1.0 + Math.abs(skewness) / standardErrorOfSkewness));
  }

  private static double freedmanDiaconisWidth(final double[] sorted) {
    final double interquartileRange = Binning.quantile(sorted, 0.75) - Binning.quantile(sorted, 0.25);
    return 2.0 * interquartileRange * Math.pow(sorted.length, -1.0 / 3.0);
  }

  private static double autoWidth(final double[] sorted, final double range) {
    final int n = sorted.length;
    final double freedmanDiaconis = freedmanDiaconisWidth(sorted);
    final double sturges = sturgesWidth(range, n);
    final double squareRoot = range / Math.sqrt(n);

    // NumPy bounds the Freedman-Diaconis width below by half the square-root rule's width.
    final double boundedFreedmanDiaconis = Math.max(freedmanDiaconis, squareRoot / 2.0);
    return Math.min(boundedFreedmanDiaconis, sturges);
  }

  /**
   * Computes {@code numpy.linspace(first, last, bins + 1)} over the value range, with NumPy's
   * widening of an empty range, and rejects edges that rounding left equal.
   */
  private static double[] linspaceEdges(final double[] values, final int bins) {
    double first = values[0];
    double last = values[0];
    for (final double value : values) {
      first = Math.min(first, value);
      last = Math.max(last, value);
    }
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }

    // NumPy multiplies the index by the step. When the step underflows to 0, it divides the index
    // by the count first. The last edge is the maximum itself.
    final double delta = last - first;
    final double step = delta / bins;
    final double[] edges = new double[bins + 1];
    for (int i = 0; i < bins; i++) {
      final double offset = step == 0.0 ? (double) i / bins * delta : i * step;
      edges[i] = offset + first;
    }
    edges[bins] = last;

    for (int i = 1; i <= bins; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "cannot place %d bins of distinct double edges in the value range [%s, %s], "
                + "because the range is too narrow for its magnitude", bins, first, last));
      }
    }
    return edges;
  }

  /**
   * Adds the values in NumPy's order (NumPy 2.4, {@code pairwise_sum} for float64): blocks of up to
   * 128 values go to 8 interleaved accumulators, and longer arrays split in halves. The same order
   * gives bit-identical means and standard deviations.
   */
  private static double pairwiseSum(final double[] values) {
    return pairwiseSum(values, 0, values.length);
  }

  private static double pairwiseSum(final double[] values, final int from, final int length) {
    if (length < 8) {
      double sum = 0.0;
      for (int i = from; i < from + length; i++) {
        sum += values[i];
      }
      return sum;
    }
    if (length <= 128) {
      final double[] accumulators = Arrays.copyOfRange(values, from, from + 8);
      int i = 8;
      for (; i < length - length % 8; i += 8) {
        for (int lane = 0; lane < 8; lane++) {
          accumulators[lane] += values[from + i + lane];
        }
      }
      double sum = ((accumulators[0] + accumulators[1]) + (accumulators[2] + accumulators[3]))
          + ((accumulators[4] + accumulators[5]) + (accumulators[6] + accumulators[7]));
      for (; i < length; i++) {
        sum += values[from + i];
      }
      return sum;
    }
    final int half = length / 2 - (length / 2) % 8;
    return pairwiseSum(values, from, half) + pairwiseSum(values, from + half, length - half);
  }

  /**
   * Returns log2(x) for x &gt;= 1: exact for powers of two, as NumPy's {@code log2} is, which keeps
   * Sturges' count exact at n = 2^k, and within about 2 units in the last place otherwise.
   */
  private static double log2(final double x) {
    final int exponent = Math.getExponent(x);
    final double mantissa = Math.scalb(x, -exponent);
    return exponent + Math.log(mantissa) / LN_2;
  }

  private static int checkedBins(final int bins) {
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be in [1, " + MAX_BINS + "], got " + bins);
    }
    return bins;
  }

  private static void validateValues(final double[] values, final boolean integerValued) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      final double value = values[i];
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("values[" + i + "] must be finite, got " + value);
      }
      if (integerValued && !isExactInteger(value)) {
        throw new IllegalArgumentException("values[" + i + "] = " + value + " is not a whole number of "
            + "magnitude at most 2^53, but integerValued is true. Pass false for such values");
      }
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (Double.isInfinite(max - min)) {
      throw new IllegalArgumentException("the value range max - min overflows: min = " + min
          + ", max = " + max + ". Rescale the column so that its range is below " + Double.MAX_VALUE);
    }
  }

  private static boolean isExactInteger(final double value) {
    return Math.abs(value) <= MAX_EXACT_INTEGER && value == Math.rint(value);
  }
}
