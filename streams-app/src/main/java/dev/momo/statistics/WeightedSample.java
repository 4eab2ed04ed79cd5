package dev.momo.statistics;

import java.util.Arrays;

/**
 * Immutable weighted sample: sorted values, each with a positive weight. It is the empirical
 * distribution of a window or of a reference, with CDF
 * <pre>
 *   F(x) = (sum of the weights of values &lt;= x) / (total weight)
 * </pre>
 *
 * <p>A sample built from raw values is exact: every value is stored with weight 1, and equal values
 * are kept as separate points. {@link #compress(int)} bounds the size and makes the CDF approximate.
 * The sample records a bound {@code b} such that {@code |F(x) - F_exact(x)| <= b} for every x,
 * where {@code F_exact} is the CDF of all the values that went into it:
 * <ul>
 *   <li>exact samples, and samples built by {@link #of(double[], double[])}, have {@code b = 0};
 *   <li>{@code compress(k)} adds {@code 1 / k} to the bound of its input;
 *   <li>{@code merge} gives the weight-share average {@code (W_a b_a + W_b b_b) / (W_a + W_b)},
 *       because the merged CDF is the same weighted average of the two CDFs.
 * </ul>
 * The bounds hold up to the rounding of the cumulative weights, about {@code 1e-15} relative.
 *
 * <p>Compression with {@code k} points cuts the cumulative weight {@code [0, W]} into {@code k}
 * slices of weight {@code W / k}. Slice {@code j} (0-based) is represented by the smallest value
 * whose cumulative weight reaches {@code (j + 1) W / k}, and carries weight {@code W / k}. Slices
 * with the same representative are combined into one point. A value {@code x} then has exactly
 * {@code floor(k F(x))} representatives at or below it, so the compressed CDF is
 * {@code floor(k F(x)) / k} and lies in {@code (F(x) - 1/k, F(x)]}. The error is one-sided: the
 * compressed CDF never exceeds the CDF of its input. The scheme is deterministic. It always keeps the
 * largest value, but keeps the smallest only when its weight reaches {@code W / k}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class WeightedSample {

  private static final WeightedSample EMPTY =
      new WeightedSample(new double[0], new double[0], new double[0], 0.0);

  private final double[] values;
  private final double[] weights;
  /** cumulativeWeights[i] = weights[0] + ... + weights[i]. */
  private final double[] cumulativeWeights;
  private final double cdfErrorBound;
  private final boolean exact;

  private WeightedSample(
      final double[] values, final double[] weights, final double[] cumulativeWeights, final double cdfErrorBound) {
    this.values = values;
    this.weights = weights;
    this.cumulativeWeights = cumulativeWeights;
    this.cdfErrorBound = cdfErrorBound;
    this.exact = cdfErrorBound == 0.0 && Arrays.stream(weights).allMatch(weight -> weight == 1.0);
  }

  /**
   * Creates an exact sample with weight 1 per value. NaN values are skipped, so callers that must
   * count missing values do so before this call.
   *
   * @param values the raw values, in any order; the array is copied
   */
  public static WeightedSample of(final double[] values) {
    final double[] sorted = Arrays.stream(values).filter(value -> !Double.isNaN(value)).toArray();
    Arrays.sort(sorted);
    final double[] weights = new double[sorted.length];
    Arrays.fill(weights, 1.0);
    return new WeightedSample(sorted, weights, cumulativeSum(weights), 0.0);
  }

  /**
   * Creates a sample from sorted values and their weights, taken as an exact weighted distribution
   * (error bound 0). Use {@link #of(double[], double[], double)} to restore a compressed sample with
   * its bound.
   *
   * @param sortedValues non-decreasing values, none NaN; the array is copied
   * @param weights finite weights &gt; 0, one per value; the array is copied
   * @throws IllegalArgumentException when the arrays differ in length, the values are not sorted or
   *     contain NaN, or a weight is not finite and positive
   */
  public static WeightedSample of(final double[] sortedValues, final double[] weights) {
    return of(sortedValues, weights, 0.0);
  }

  /**
   * Creates a sample from sorted values, their weights, and the bound on the CDF error that the
   * points carry, as returned by {@link #cdfErrorBound()}.
   *
   * @throws IllegalArgumentException as {@link #of(double[], double[])}, or when the bound is
   *     outside [0, 1]
   */
  public static WeightedSample of(final double[] sortedValues, final double[] weights, final double cdfErrorBound) {
    if (sortedValues.length != weights.length) {
      throw new IllegalArgumentException("sortedValues and weights must have the same length, got "
          + sortedValues.length + " and " + weights.length);
    }
    if (!(cdfErrorBound >= 0.0 && cdfErrorBound <= 1.0)) {
      throw new IllegalArgumentException("cdfErrorBound must be in [0, 1], got " + cdfErrorBound);
    }
    for (int i = 0; i < sortedValues.length; i++) {
      if (Double.isNaN(sortedValues[i])) {
        throw new IllegalArgumentException("sortedValues[" + i + "] must not be NaN");
      }
      if (i > 0 && sortedValues[i] < sortedValues[i - 1]) {
        throw new IllegalArgumentException("sortedValues must be non-decreasing, but sortedValues[" + i
            + "] = " + sortedValues[i] + " follows " + sortedValues[i - 1]);
      }
      if (!(weights[i] > 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weights[" + i + "] must be finite and > 0, got " + weights[i]);
      }
    }
    final double[] weightsCopy = weights.clone();
    return new WeightedSample(sortedValues.clone(), weightsCopy, cumulativeSum(weightsCopy), cdfErrorBound);
  }

  /** Returns the sample with no points, total weight 0 and an undefined CDF. */
  public static WeightedSample empty() {
    return EMPTY;
  }

  /**
   * Returns the union of both samples: every point of each, in sorted order. The error bound is
   * the weight-share average of the two bounds.
   */
  public WeightedSample merge(final WeightedSample other) {
    if (other.values.length == 0) {
      return this;
    }
    if (values.length == 0) {
      return other;
    }

    final int size = values.length + other.values.length;
    final double[] mergedValues = new double[size];
    final double[] mergedWeights = new double[size];
    int i = 0;
    int j = 0;
    for (int out = 0; out < size; out++) {
      final boolean takeThis = j == other.values.length || (i < values.length && values[i] <= other.values[j]);
      if (takeThis) {
        mergedValues[out] = values[i];
        mergedWeights[out] = weights[i++];
      } else {
        mergedValues[out] = other.values[j];
        mergedWeights[out] = other.weights[j++];
      }
    }

    final double thisWeight = totalWeight();
    final double otherWeight = other.totalWeight();
    final double bound = (thisWeight * cdfErrorBound + otherWeight * other.cdfErrorBound) / (thisWeight + otherWeight);
    return new WeightedSample(mergedValues, mergedWeights, cumulativeSum(mergedWeights), Math.min(bound, 1.0));
  }

  /**
   * Returns a sample of at most {@code maxPoints} points whose CDF is within {@code 1 / maxPoints}
   * of this sample's CDF, by the slice scheme in the class comment. Returns this sample when it
   * already has at most {@code maxPoints} points.
   *
   * @param maxPoints at least 1
   * @throws IllegalArgumentException when maxPoints &lt; 1
   */
  public WeightedSample compress(final int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be >= 1, got " + maxPoints);
    }
    if (values.length <= maxPoints) {
      return this;
    }

    final double total = totalWeight();
    final double sliceWeight = total / maxPoints;
    final double[] keptValues = new double[maxPoints];
    final double[] keptWeights = new double[maxPoints];
    int keptCount = 0;
    int point = 0;
    for (int slice = 0; slice < maxPoints; slice++) {
      // The last slice ends at the total itself, so rounding cannot push it past the last point.
      final double sliceEnd = slice == maxPoints - 1 ? total : (slice + 1) * sliceWeight;
      while (point < values.length - 1 && cumulativeWeights[point] < sliceEnd) {
        point++;
      }
      if (keptCount > 0 && keptValues[keptCount - 1] == values[point]) {
        keptWeights[keptCount - 1] += sliceWeight;
      } else {
        keptValues[keptCount] = values[point];
        keptWeights[keptCount] = sliceWeight;
        keptCount++;
      }
    }

    final double[] compressedWeights = Arrays.copyOf(keptWeights, keptCount);
    return new WeightedSample(
        Arrays.copyOf(keptValues, keptCount),
        compressedWeights,
        cumulativeSum(compressedWeights),
        Math.min(cdfErrorBound + 1.0 / maxPoints, 1.0));
  }

  /**
   * Returns the same distribution with equal values combined into one point that carries their total
   * weight. The CDF and its error bound do not change, so a sample of many repeated values (a column of
   * ages or ratings) stays exact under a {@link #compress} bound that counts points, not values.
   */
  public WeightedSample combineTies() {
    int distinct = 0;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        distinct++;
      }
    }
    if (distinct == values.length) {
      return this;
    }
    final double[] combinedValues = new double[distinct];
    final double[] combinedWeights = new double[distinct];
    int out = -1;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        out++;
        combinedValues[out] = values[i];
      }
      combinedWeights[out] += weights[i];
    }
    return new WeightedSample(combinedValues, combinedWeights, cumulativeSum(combinedWeights), cdfErrorBound);
  }

  /** Returns the weight of the values {@code <= x} divided by the total weight, or NaN when empty. */
  public double cdf(final double x) {
    if (values.length == 0) {
      return Double.NaN;
    }
    return cumulativeWeightAtOrBelow(x) / totalWeight();
  }

  /** Returns the sum of the weights of the values {@code <= x}. */
  double cumulativeWeightAtOrBelow(final double x) {
    final int count = countAtOrBelow(x);
    return count == 0 ? 0.0 : cumulativeWeights[count - 1];
  }

  /** Returns the number of stored points with value {@code <= x}. */
  private int countAtOrBelow(final double x) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      final int middle = (low + high) >>> 1;
      if (values[middle] <= x) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Returns the sum of all weights; for an exact sample, the number of values. */
  public double totalWeight() {
    return values.length == 0 ? 0.0 : cumulativeWeights[values.length - 1];
  }

  /** Returns the number of stored points. */
  public int size() {
    return values.length;
  }

  /** Returns a copy of the sorted values. */
  public double[] values() {
    return values.clone();
  }

  /** Returns a copy of the weights, in the order of {@link #values()}. */
  public double[] weights() {
    return weights.clone();
  }

  /** Returns the bound on {@code |cdf(x) - cdf_exact(x)|} described in the class comment. */
  public double cdfErrorBound() {
    return cdfErrorBound;
  }

  /**
   * Returns true when every weight is 1 and the error bound is 0, so the sample stores each value
   * it was built from.
   */
  public boolean isExact() {
    return exact;
  }

  /** Returns the value of stored point {@code i}, without copying; for the KS statistic. */
  double valueAt(final int i) {
    return values[i];
  }

  /** Returns the cumulative weight of points {@code 0..i}, without copying; for the KS statistic. */
  double cumulativeWeightAt(final int i) {
    return cumulativeWeights[i];
  }

  private static double[] cumulativeSum(final double[] weights) {
    final double[] cumulative = new double[weights.length];
    double sum = 0.0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    return cumulative;
  }

  @Override
  public String toString() {
    return "WeightedSample[size=" + values.length + ", totalWeight=" + totalWeight()
        + ", cdfErrorBound=" + cdfErrorBound + "]";
  }
}
