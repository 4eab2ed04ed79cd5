package dev.momo.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class WeightedSampleTest {

  /** Allowance for the rounding of cumulative weights in the stated bounds. */
  private static final double ROUNDING = 1e-12;

  @Test
  void of_sortsCopiesAndSkipsNaN() {
    final double[] raw = {3.0, Double.NaN, 1.0, 2.0, 1.0};

    final WeightedSample sample = WeightedSample.of(raw);
    raw[0] = 100.0;

    assertThat(sample.values()).containsExactly(1.0, 1.0, 2.0, 3.0);
    assertThat(sample.weights()).containsExactly(1.0, 1.0, 1.0, 1.0);
    assertThat(sample.totalWeight()).isEqualTo(4.0);
    assertThat(sample.isExact()).isTrue();
    assertThat(sample.cdfErrorBound()).isZero();
  }

  @Test
  void cdf_countsValuesAtOrBelow() {
    final WeightedSample sample = WeightedSample.of(new double[] {1.0, 2.0, 2.0, 4.0});

    assertThat(sample.cdf(0.5)).isZero();
    assertThat(sample.cdf(1.0)).isEqualTo(0.25);
    assertThat(sample.cdf(2.0)).isEqualTo(0.75);
    assertThat(sample.cdf(3.0)).isEqualTo(0.75);
    assertThat(sample.cdf(4.0)).isEqualTo(1.0);
  }

  @Test
  void cdf_weightedPoints() {
    final WeightedSample sample = WeightedSample.of(new double[] {1.0, 2.0}, new double[] {1.0, 3.0});

    assertThat(sample.cdf(1.0)).isEqualTo(0.25);
    assertThat(sample.isExact()).isFalse();
  }

  @Test
  void empty_hasNaNCdf() {
    assertThat(WeightedSample.empty().cdf(0.0)).isNaN();
    assertThat(WeightedSample.empty().size()).isZero();
    assertThat(WeightedSample.empty().totalWeight()).isZero();
  }

  @Test
  void merge_exactSamples_isExactUnion() {
    final WeightedSample left = WeightedSample.of(new double[] {5.0, 1.0, 3.0});
    final WeightedSample right = WeightedSample.of(new double[] {3.0, 2.0});

    final WeightedSample merged = left.merge(right);

    assertThat(merged.values()).containsExactly(1.0, 2.0, 3.0, 3.0, 5.0);
    assertThat(merged.isExact()).isTrue();
    assertThat(merged.cdfErrorBound()).isZero();
    assertThat(left.merge(WeightedSample.empty())).isSameAs(left);
  }

  @Test
  void compress_smallSample_returnsSameInstance() {
    final WeightedSample sample = WeightedSample.of(new double[] {1.0, 2.0, 3.0});

    assertThat(sample.compress(3)).isSameAs(sample);
  }

  @Test
  void compress_randomData_staysWithinBound() {
    final Random random = new Random(20240601);
    final DoubleSupplier[] distributions = {
      random::nextGaussian,
      () -> Math.exp(3.0 * random.nextGaussian()),
      () -> random.nextInt(7),
      () -> random.nextDouble() < 0.9 ? 0.0 : random.nextDouble(),
    };
    final int[] maxPointsValues = {1, 2, 10, 64, 500};

    for (final DoubleSupplier distribution : distributions) {
      for (final int maxPoints : maxPointsValues) {
        final double[] raw = new double[5_000];
        for (int i = 0; i < raw.length; i++) {
          raw[i] = distribution.getAsDouble();
        }
        final WeightedSample exact = WeightedSample.of(raw);

        final WeightedSample compressed = exact.compress(maxPoints);

        assertThat(compressed.size()).isLessThanOrEqualTo(maxPoints);
        assertThat(compressed.isExact()).isFalse();
        assertThat(compressed.cdfErrorBound()).isEqualTo(1.0 / maxPoints);
        assertThat(compressed.totalWeight()).isCloseTo(exact.totalWeight(), within(1e-9));
        assertThat(maxCdfError(compressed, exact, raw)).as("maxPoints " + maxPoints)
            .isLessThanOrEqualTo(1.0 / maxPoints + ROUNDING);
      }
    }
  }

  @Test
  void compress_neverRaisesCdf() {
    final Random random = new Random(3);
    final double[] raw = random.doubles(2_000).toArray();
    final WeightedSample exact = WeightedSample.of(raw);

    final WeightedSample compressed = exact.compress(37);

    for (final double x : raw) {
      assertThat(compressed.cdf(x)).isLessThanOrEqualTo(exact.cdf(x) + ROUNDING);
    }
  }

  @Test
  void compress_twice_addsBounds() {
    final Random random = new Random(11);
    final double[] raw = random.doubles(10_000).map(x -> x * x).toArray();
    final WeightedSample exact = WeightedSample.of(raw);

    final WeightedSample twice = exact.compress(1_000).compress(100);

    assertThat(twice.cdfErrorBound()).isCloseTo(1.0 / 1_000 + 1.0 / 100, within(1e-15));
    assertThat(maxCdfError(twice, exact, raw)).isLessThanOrEqualTo(twice.cdfErrorBound() + ROUNDING);
  }

  @Test
  void merge_compressedSamples_boundIsWeightedByShare() {
    final Random random = new Random(5);
    final double[] first = random.doubles(6_000).toArray();
    final double[] second = random.doubles(2_000).map(x -> 0.5 + x).toArray();
    final WeightedSample compressedFirst = WeightedSample.of(first).compress(20);
    final WeightedSample compressedSecond = WeightedSample.of(second).compress(100);

    final WeightedSample merged = compressedFirst.merge(compressedSecond);

    final double expectedBound = (6_000 * (1.0 / 20) + 2_000 * (1.0 / 100)) / 8_000;
    assertThat(merged.cdfErrorBound()).isCloseTo(expectedBound, within(1e-15));
    final double[] all = concatenate(first, second);
    assertThat(maxCdfError(merged, WeightedSample.of(all), all)).isLessThanOrEqualTo(expectedBound + ROUNDING);
  }

  @Test
  void of_restoresCompressedSample() {
    final WeightedSample compressed = WeightedSample.of(new Random(1).doubles(1_000).toArray()).compress(10);

    final WeightedSample restored =
        WeightedSample.of(compressed.values(), compressed.weights(), compressed.cdfErrorBound());

    assertThat(restored.values()).containsExactly(compressed.values());
    assertThat(restored.weights()).containsExactly(compressed.weights());
    assertThat(restored.cdfErrorBound()).isEqualTo(compressed.cdfErrorBound());
  }

  @Test
  void of_invalidPoints_isRejected() {
    assertThatThrownBy(() -> WeightedSample.of(new double[] {2.0, 1.0}, new double[] {1.0, 1.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-decreasing");
    assertThatThrownBy(() -> WeightedSample.of(new double[] {1.0, 2.0}, new double[] {1.0, 0.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]");
    assertThatThrownBy(() -> WeightedSample.of(new double[] {1.0}, new double[] {1.0, 1.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    assertThatThrownBy(() -> WeightedSample.of(new double[] {Double.NaN}, new double[] {1.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> WeightedSample.of(new double[] {1.0}, new double[] {1.0}, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cdfErrorBound");
    assertThatThrownBy(() -> WeightedSample.of(new double[] {1.0}).compress(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoints");
  }

  /** Returns the largest |F(x) - F_exact(x)|, which is reached at a data value or just below one. */
  private static double maxCdfError(final WeightedSample approximate, final WeightedSample exact, final double[] raw) {
    double max = 0.0;
    for (final double x : raw) {
      max = Math.max(max, Math.abs(approximate.cdf(x) - exact.cdf(x)));
      final double below = Math.nextDown(x);
      max = Math.max(max, Math.abs(approximate.cdf(below) - exact.cdf(below)));
    }
    return max;
  }

  private static double[] concatenate(final double[] first, final double[] second) {
    final double[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
