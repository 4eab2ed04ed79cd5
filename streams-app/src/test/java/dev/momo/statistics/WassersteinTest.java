package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static dev.momo.statistics.ReferenceData.expandValueCounts;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WassersteinTest {

  @Test
  void distance_exactSamples_matchScipy() {
    // Expected: scipy.stats.wasserstein_distance(a, b) on the raw values, from wasserstein.json.
    // The cases cover ties, single values, equal values, magnitudes 1e150 and 1e-200, a 1e9
    // offset, lognormal and Pareto data, infinities, and 10000 against 50000 values.
    for (final JsonNode testCase : countedCases()) {
      final WeightedSample a = WeightedSample.of(expandValueCounts(testCase.get("a")));
      final WeightedSample b = WeightedSample.of(expandValueCounts(testCase.get("b")));

      assertMatches(Wasserstein.distance(a, b), testCase);
    }
  }

  @Test
  void distance_integerWeights_matchScipy() {
    // Expected: the same SciPy values as above, computed on the samples with repeated values,
    // while the Java samples store each distinct value once with its count as weight.
    for (final JsonNode testCase : countedCases()) {
      final WeightedSample a = countsAsWeights(testCase.get("a"));
      final WeightedSample b = countsAsWeights(testCase.get("b"));

      assertMatches(Wasserstein.distance(a, b), testCase);
    }
  }

  @Test
  void distance_nonIntegerWeights_matchScipy() {
    // Expected: scipy.stats.wasserstein_distance(a, b, u_weights, v_weights), from wasserstein.json.
    int checked = 0;
    for (final JsonNode testCase : ReferenceData.cases("wasserstein.json")) {
      if (!testCase.get("a").has("weights")) {
        continue;
      }
      final WeightedSample a = weighted(testCase.get("a"));
      final WeightedSample b = weighted(testCase.get("b"));

      assertMatches(Wasserstein.distance(a, b), testCase);
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void distance_nanValues_areSkipped() {
    // Expected: SciPy on the values without NaN, because WeightedSample.of(double[]) skips NaN.
    final JsonNode testCase = ReferenceData.cases("wasserstein.json").stream()
        .filter(node -> node.get("a").has("raw")).findFirst().orElseThrow();
    final WeightedSample a = WeightedSample.of(doubles(testCase.get("a").get("raw")));
    final WeightedSample b = WeightedSample.of(doubles(testCase.get("b").get("raw")));

    assertMatches(Wasserstein.distance(a, b), testCase);
  }

  @Test
  void distance_emptySample_isNaN() {
    final WeightedSample sample = WeightedSample.of(new double[] {1.0, 2.0});

    assertThat(Wasserstein.distance(WeightedSample.empty(), sample)).isNaN();
    assertThat(Wasserstein.distance(sample, WeightedSample.empty())).isNaN();
    assertThat(Wasserstein.distance(WeightedSample.empty(), WeightedSample.empty())).isNaN();
  }

  @Test
  void distance_singleValues_isTheirGap() {
    // Expected by hand: moving all mass from 1.5 to -2.25 costs 3.75.
    final double distance = Wasserstein.distance(
        WeightedSample.of(new double[] {1.5}), WeightedSample.of(new double[] {-2.25}));

    assertThat(distance).isEqualTo(3.75);
  }

  @Test
  void distance_shiftedCopy_isTheShift() {
    // Expected by hand: shifting every value by c moves the whole CDF by c, so W = c.
    final Random random = new Random(11);
    final double[] values = random.doubles(2_000).map(value -> value * 10.0).toArray();
    final double[] shifted = Arrays.stream(values).map(value -> value + 0.75).toArray();

    final double distance = Wasserstein.distance(WeightedSample.of(values), WeightedSample.of(shifted));

    assertThat(distance).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void distance_isSymmetric() {
    final WeightedSample a = WeightedSample.of(new double[] {1, 2, 2, 3, 7});
    final WeightedSample b = WeightedSample.of(new double[] {2, 4}, new double[] {0.5, 1.75});

    assertThat(Wasserstein.distance(b, a)).isEqualTo(Wasserstein.distance(a, b));
  }

  @Test
  void distance_compressedSamples_staysWithinBound() {
    final Random random = new Random(42);
    final double[] referenceValues = gaussian(random, 50_000, 0.0);
    final double[] windowValues = gaussian(random, 10_000, 0.2);
    final WeightedSample reference = WeightedSample.of(referenceValues);
    final WeightedSample window = WeightedSample.of(windowValues);
    final double exact = Wasserstein.distance(reference, window);

    final WeightedSample compressedReference = reference.compress(200);
    final WeightedSample compressedWindow = window.compress(100);
    final double compressed = Wasserstein.distance(compressedReference, compressedWindow);

    // The bound of the class comment: b_a (max_a - min_a) + b_b (max_b - min_b).
    final double bound = compressedReference.cdfErrorBound() * range(referenceValues)
        + compressedWindow.cdfErrorBound() * range(windowValues);
    assertThat(Math.abs(compressed - exact)).isLessThanOrEqualTo(bound);
  }

  private static List<JsonNode> countedCases() {
    final List<JsonNode> cases = ReferenceData.cases("wasserstein.json").stream()
        .filter(node -> node.get("a").has("counts")).toList();
    assertThat(cases).hasSize(19);
    return cases;
  }

  /** Compares to the "distance" of a case: relatively for finite values, exactly for infinities. */
  private static void assertMatches(final double actual, final JsonNode testCase) {
    final String name = testCase.get("name").asText();
    final double expected = number(testCase.get("distance"));
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(name).isEqualTo(expected);
    } else {
      assertRelativelyClose(actual, expected, name);
    }
  }

  private static WeightedSample countsAsWeights(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("counts")));
  }

  private static WeightedSample weighted(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("weights")));
  }

  private static double range(final double[] values) {
    return Arrays.stream(values).max().orElseThrow() - Arrays.stream(values).min().orElseThrow();
  }

  private static double[] gaussian(final Random random, final int size, final double mean) {
    final double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return values;
  }
}
