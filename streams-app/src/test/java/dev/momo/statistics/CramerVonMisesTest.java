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

class CramerVonMisesTest {

  /**
   * Absolute difference allowed between asymptotic p-values on top of the relative tolerance.
   * SciPy computes them as 1 - V(t), and the terms of V use scipy.special.kv(0.25, q), which is
   * off by up to 7e-14 relative near q = 2 (checked against mpmath at 40 digits). A p-value near
   * 1e-7 therefore carries an error near 1e-15 absolute, or 1e-8 relative, in SciPy itself.
   */
  private static final double P_VALUE_ABSOLUTE_TOLERANCE = 1e-13;

  @Test
  void twoSample_exactSamples_matchScipy() {
    // Expected: scipy.stats.cramervonmises_2samp(a, b, method='auto'), from cramer_von_mises.json.
    // The cases cover the exact p-value up to sizes 20 and 20, ties, identical and disjoint
    // samples, magnitudes 1e150 and 1e-200, lognormal data and 10000 against 50000 values.
    for (final JsonNode testCase : countedCases()) {
      final WeightedSample a = WeightedSample.of(expandValueCounts(testCase.get("a")));
      final WeightedSample b = WeightedSample.of(expandValueCounts(testCase.get("b")));

      assertMatches(CramerVonMises.twoSample(a, b), testCase);
    }
  }

  @Test
  void twoSample_integerWeights_matchScipy() {
    // Expected: the same SciPy values, computed on the samples with repeated values, while the
    // Java samples store each distinct value once with its count as weight.
    for (final JsonNode testCase : countedCases()) {
      final WeightedSample a = countsAsWeights(testCase.get("a"));
      final WeightedSample b = countsAsWeights(testCase.get("b"));

      assertMatches(CramerVonMises.twoSample(a, b), testCase);
    }
  }

  @Test
  void twoSample_nonIntegerWeights_matchRankForm() {
    // Expected: SciPy's rank form of U with every sum over tied copies in closed form, evaluated
    // at the real weights by two_sample_reference_values.py (which checks it against SciPy on
    // integer weights first), and SciPy's _pval_cvm_2samp_asymptotic with the total weights.
    int checked = 0;
    for (final JsonNode testCase : ReferenceData.cases("cramer_von_mises.json")) {
      if (!testCase.get("a").has("weights")) {
        continue;
      }
      final WeightedSample a = weighted(testCase.get("a"));
      final WeightedSample b = weighted(testCase.get("b"));

      assertMatches(CramerVonMises.twoSample(a, b), testCase);
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void twoSample_nanValues_areSkipped() {
    // Expected: cramervonmises_2samp(a, b, nan_policy='omit'), because WeightedSample.of(double[])
    // skips NaN.
    final JsonNode testCase = ReferenceData.cases("cramer_von_mises.json").stream()
        .filter(node -> node.get("a").has("raw")).findFirst().orElseThrow();
    final WeightedSample a = WeightedSample.of(doubles(testCase.get("a").get("raw")));
    final WeightedSample b = WeightedSample.of(doubles(testCase.get("b").get("raw")));

    assertMatches(CramerVonMises.twoSample(a, b), testCase);
  }

  @Test
  void limitingCdf_matchesScipy() {
    // Expected: scipy.stats._hypotests._cdf_cvm_inf(x) (SciPy 1.17.1, a private function), from
    // cramer_von_mises_limiting_cdf.json, including x = 50 and 400, where its truncated series
    // is known to be inaccurate.
    for (final JsonNode testCase : ReferenceData.cases("cramer_von_mises_limiting_cdf.json")) {
      final double x = testCase.get("x").asDouble();

      assertRelativelyClose(CramerVonMises.limitingCdf(x), number(testCase.get("cdf")), "x " + x);
    }
  }

  @Test
  void scaledBesselK_halfOrder_matchesClosedForm() {
    // Expected by hand: K_{1/2}(z) = sqrt(pi / (2 z)) exp(-z), so exp(z) K_{1/2}(z) = sqrt(pi / (2 z)).
    for (final double z : new double[] {1e-6, 1e-3, 0.1, 1.0, 2.0, 10.0, 100.0, 700.0}) {
      final double expected = Math.sqrt(Math.PI / (2.0 * z));

      assertThat(CramerVonMises.scaledBesselK(0.5, z)).as("z " + z).isCloseTo(expected, within(1e-14 * expected));
    }
  }

  @Test
  void twoSample_tooFewValues_isNaN() {
    final WeightedSample three = WeightedSample.of(new double[] {1.0, 2.0, 3.0});
    final List<WeightedSample> tooSmall = List.of(
        WeightedSample.empty(),
        WeightedSample.of(new double[] {5.0}),
        WeightedSample.of(new double[] {5.0}, new double[] {1.5}),
        WeightedSample.of(new double[] {5.0, 6.0}, new double[] {0.5, 0.5}));

    for (final WeightedSample sample : tooSmall) {
      final CramerVonMises.Result forward = CramerVonMises.twoSample(sample, three);
      final CramerVonMises.Result backward = CramerVonMises.twoSample(three, sample);

      assertThat(forward.statistic()).as(sample.toString()).isNaN();
      assertThat(forward.pValue()).as(sample.toString()).isNaN();
      assertThat(backward.statistic()).as(sample.toString()).isNaN();
      assertThat(backward.pValue()).as(sample.toString()).isNaN();
    }
  }

  @Test
  void twoSample_isSymmetric() {
    final Random random = new Random(5);
    final WeightedSample a = WeightedSample.of(gaussian(random, 300, 0.0));
    final WeightedSample b = WeightedSample.of(gaussian(random, 200, 0.2));

    final CramerVonMises.Result forward = CramerVonMises.twoSample(a, b);
    final CramerVonMises.Result backward = CramerVonMises.twoSample(b, a);

    assertThat(backward.statistic()).isCloseTo(forward.statistic(), within(1e-14));
    assertThat(backward.pValue()).isCloseTo(forward.pValue(), within(1e-14));
  }

  @Test
  void twoSample_nearIntegerWeights_areContinuous() {
    // Weights of 1 + 1e-9 leave the samples almost unchanged, so T and the asymptotic p-value
    // stay within about 1e-7 of their values for weight 1.
    final Random random = new Random(9);
    final double[] valuesA = sorted(gaussian(random, 40, 0.0));
    final double[] valuesB = sorted(gaussian(random, 50, 0.3));
    final double[] weightsA = new double[valuesA.length];
    final double[] weightsB = new double[valuesB.length];
    Arrays.fill(weightsA, 1.0 + 1e-9);
    Arrays.fill(weightsB, 1.0 + 1e-9);

    final CramerVonMises.Result unit = CramerVonMises.twoSample(WeightedSample.of(valuesA), WeightedSample.of(valuesB));
    final CramerVonMises.Result nearUnit = CramerVonMises.twoSample(
        WeightedSample.of(valuesA, weightsA), WeightedSample.of(valuesB, weightsB));

    assertThat(nearUnit.statistic()).isCloseTo(unit.statistic(), within(1e-7));
    assertThat(nearUnit.pValue()).isCloseTo(unit.pValue(), within(1e-7));
  }

  @Test
  void twoSample_identicalLargeSamples_giveZeroStatistic() {
    // Expected by hand: identical samples have equal mid-CDFs everywhere, so T is 0 up to
    // rounding and the p-value is 1.
    final double[] values = gaussian(new Random(3), 5_000, 0.0);

    final CramerVonMises.Result result = CramerVonMises.twoSample(WeightedSample.of(values), WeightedSample.of(values));

    assertThat(result.statistic()).isCloseTo(0.0, within(1e-12));
    assertThat(result.pValue()).isEqualTo(1.0);
  }

  @Test
  void twoSample_coarseCompression_inflatesStatistic() {
    // The measurement quoted in the class comment: one normal distribution, 50,000 reference and
    // 10,000 window values, exact and compressed to 100, 1,000 and 5,000 points.
    final Random random = new Random(1);
    final WeightedSample reference = WeightedSample.of(gaussian(random, 50_000, 0.0));
    final WeightedSample window = WeightedSample.of(gaussian(random, 10_000, 0.0));

    final double exact = CramerVonMises.twoSample(window, reference).statistic();
    final CramerVonMises.Result coarse = CramerVonMises.twoSample(window.compress(100), reference.compress(100));
    final double medium = CramerVonMises.twoSample(window.compress(1_000), reference.compress(1_000)).statistic();
    final CramerVonMises.Result fine = CramerVonMises.twoSample(window.compress(5_000), reference.compress(5_000));

    assertThat(exact).isCloseTo(0.054, within(0.001));
    assertThat(coarse.statistic()).isCloseTo(2.0, within(0.05));
    assertThat(coarse.pValue()).isLessThan(1e-4);
    assertThat(medium).isCloseTo(0.074, within(0.002));
    assertThat(fine.statistic()).isCloseTo(exact, within(0.002));
  }

  private static void assertMatches(final CramerVonMises.Result result, final JsonNode testCase) {
    final String name = testCase.get("name").asText();
    assertRelativelyClose(result.statistic(), number(testCase.get("statistic")), name + " statistic");

    final double expected = number(testCase.get("pValue"));
    if (Double.isNaN(expected)) {
      assertThat(result.pValue()).as(name + " p-value").isNaN();
      return;
    }
    final double allowed = Math.max(ReferenceData.RELATIVE_TOLERANCE * expected, P_VALUE_ABSOLUTE_TOLERANCE);
    assertThat(result.pValue()).as("%s p-value: expected %s, got %s", name, expected, result.pValue())
        .isCloseTo(expected, within(allowed));
  }

  private static List<JsonNode> countedCases() {
    final List<JsonNode> cases = ReferenceData.cases("cramer_von_mises.json").stream()
        .filter(node -> node.get("a").has("counts")).toList();
    assertThat(cases).hasSize(28);
    return cases;
  }

  private static WeightedSample countsAsWeights(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("counts")));
  }

  private static WeightedSample weighted(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("weights")));
  }

  private static double[] sorted(final double[] values) {
    final double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double[] gaussian(final Random random, final int size, final double mean) {
    final double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return values;
  }
}
