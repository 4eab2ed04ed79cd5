package dev.momo.statistics;

import java.util.Arrays;

/**
 * Numeric bin edges from reference quantiles, and histograms over those edges.
 *
 * <p>Edges are the reference quantiles at {@code 0, 1/k, ..., 1}, computed as NumPy's default
 * {@code numpy.quantile(values, numpy.linspace(0, 1, k + 1))} (NumPy 2.4, method "linear", which
 * NumPy documents as type 7 of Hyndman and Fan): for sorted values {@code x_0 <= ... <= x_{n-1}} and {@code h = (n - 1) q}, the quantile is
 * {@code x_floor(h) + (h - floor(h)) * (x_floor(h)+1 - x_floor(h))}. Repeated edges are then removed
 * as {@code numpy.unique} does, so a reference with many ties yields fewer than {@code k} bins.
 *
 * <p>A histogram over edges {@code e_0 < ... < e_k} has {@code k + 2} bins:
 * <pre>
 *   index 0        x &lt; e_0                      (underflow)
 *   index i, 1..k  e_{i-1} &lt;= x &lt; e_i, and the last inner bin k also contains e_k
 *   index k + 1    x &gt; e_k                      (overflow)
 * </pre>
 * The inner bins count what {@code numpy.histogram(x, bins=edges)} counts (NumPy 2.4, whose last
 * bin is closed), and the two outer bins count the values that NumPy drops. Edges placed by the
 * other rules of {@link BinningRule} use the same layout.
 */
public final class Binning {

  private Binning() {}

  /**
   * Computes the distinct reference quantiles at {@code 0, 1/bins, ..., 1}.
   *
   * @param values the reference values, not empty, all finite; the array is not modified
   * @param bins the number of quantile bins, at least 1
   * @return strictly increasing edges, between 1 and {@code bins + 1} of them; constant values
   *     give a single edge, over which {@link #histogram} cannot bin
   * @throws IllegalArgumentException when values is empty or contains NaN or an infinity, or bins &lt; 1
   */
  public static double[] quantileEdges(final double[] values, final int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] must be finite, got " + values[i]);
      }
    }
    final double[] sorted = values.clone();
    Arrays.sort(sorted);

    final double[] edges = new double[bins + 1];
    final double step = 1.0 / bins;
    for (int i = 0; i < bins; i++) {
      edges[i] = quantile(sorted, i * step);
    }
    edges[bins] = quantile(sorted, 1.0);

    Arrays.sort(edges);
    return distinct(edges);
  }

  /**
   * Returns the bin of {@code x} over the edges, as laid out in the class comment.
   *
   * @param edges strictly increasing finite edges, at least 2 of them (not checked here, because
   *     this method runs per value; {@link #histogram} checks them)
   * @param x the value, not NaN
   * @return an index in {@code [0, edges.length]}
   * @throws IllegalArgumentException when x is NaN or there are fewer than 2 edges
   */
  public static int binIndex(final double[] edges, final double x) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("edges must contain at least 2 values, got " + edges.length);
    }
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("x must not be NaN; filter missing values before binning");
    }
    final int last = edges.length - 1;
    if (x < edges[0]) {
      return 0;
    }
    if (x > edges[last]) {
      return last + 1;
    }
    if (x == edges[last]) {
      return last;
    }
    return countEdgesAtOrBelow(edges, x);
  }

  /**
   * Counts the values per bin over the edges.
   *
   * @param edges strictly increasing finite edges, at least 2 of them
   * @param values the values to count, none NaN
   * @return counts of length {@code edges.length + 1}, laid out as in the class comment
   * @throws IllegalArgumentException when the edges are invalid or a value is NaN
   */
  public static double[] histogram(final double[] edges, final double[] values) {
    validateEdges(edges);
    final double[] counts = new double[edges.length + 1];
    for (final double value : values) {
      counts[binIndex(edges, value)] += 1.0;
    }
    return counts;
  }

  /**
   * Returns the number of edges {@code <= x}, as {@code numpy.searchsorted(edges, x, side="right")}.
   * Primitive comparisons make -0.0 equal to 0.0, as in NumPy, where {@code Arrays.binarySearch}
   * would order -0.0 below 0.0 and put -0.0 one bin too low.
   */
  private static int countEdgesAtOrBelow(final double[] edges, final double x) {
    int low = 0;
    int high = edges.length;
    while (low < high) {
      final int middle = (low + high) >>> 1;
      if (edges[middle] <= x) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Returns the linear-interpolation quantile of sorted values, as NumPy's {@code _lerp}. */
  static double quantile(final double[] sorted, final double q) {
    final int n = sorted.length;
    final double virtualIndex = (n - 1) * q;
    if (virtualIndex >= n - 1) {
      return sorted[n - 1];
    }
    final int below = (int) Math.floor(virtualIndex);
    final double gamma = virtualIndex - below;
    final double lower = sorted[below];
    final double upper = sorted[below + 1];
    final double difference = upper - lower;

    // NumPy interpolates from the nearer end, so that gamma = 1 returns the upper value exactly.
    if (gamma >= 0.5) {
      return upper - difference * (1.0 - gamma);
    }
    return lower + difference * gamma;
  }

  private static double[] distinct(final double[] sorted) {
    int count = 0;
    final double[] result = new double[sorted.length];
    for (final double value : sorted) {
      if (count == 0 || value != result[count - 1]) {
        result[count++] = value;
      }
    }
    return Arrays.copyOf(result, count);
  }

  private static void validateEdges(final double[] edges) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("edges must contain at least 2 values, got " + edges.length);
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i])) {
        throw new IllegalArgumentException("edges[" + i + "] must be finite, got " + edges[i]);
      }
      if (i > 0 && !(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException("edges must be strictly increasing, but edges[" + i + "] = "
            + edges[i] + " follows " + edges[i - 1]);
      }
    }
  }
}
