package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static dev.momo.statistics.ReferenceData.expandValueCounts;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AndersonDarlingTest {

  @Test
  void kSample_exactSamples_matchScipy() {
    // Expected: scipy.stats.anderson_ksamp(samples, midrank=True), from anderson_darling.json, or
    // NaN where SciPy raises. The cases cover 2, 3, 5 and 10 samples, ties, both p-value caps,
    // magnitudes 1e150 and 1e-200, lognormal data, 10000 against 50000 values, and 2 or 3 values
    // in total.
    for (final JsonNode testCase : countedCases()) {
      assertMatches(AndersonDarling.kSample(samples(testCase, node -> WeightedSample.of(expandValueCounts(node)))),
          testCase);
    }
  }

  @Test
  void kSample_integerWeights_matchScipy() {
    // Expected: the same SciPy values, computed on the samples with repeated values, while the
    // Java samples store each distinct value once with its count as weight.
    for (final JsonNode testCase : countedCases()) {
      assertMatches(AndersonDarling.kSample(samples(testCase, AndersonDarlingTest::countsAsWeights)), testCase);
    }
  }

  @Test
  void kSample_nonIntegerWeights_matchWeightedFormula() {
    // Expected: the midrank statistic with weights for counts and h, g from scipy.special.digamma
    // and polygamma, computed by two_sample_reference_values.py, which checks the same code
    // against SciPy on integer weights first.
    int checked = 0;
    for (final JsonNode testCase : ReferenceData.cases("anderson_darling.json")) {
      if (!testCase.get("samples").get(0).has("weights")) {
        continue;
      }
      assertMatches(AndersonDarling.kSample(samples(testCase, AndersonDarlingTest::weighted)), testCase);
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void kSample_nanValues_areSkipped() {
    // Expected: anderson_ksamp on the values without NaN, because WeightedSample.of(double[]) skips NaN.
    final JsonNode testCase = ReferenceData.cases("anderson_darling.json").stream()
        .filter(node -> node.get("samples").get(0).has("raw")).findFirst().orElseThrow();

    assertMatches(AndersonDarling.kSample(samples(testCase, node -> WeightedSample.of(doubles(node.get("raw"))))),
        testCase);
  }

  @Test
  void kSample_sameDistribution_returnsCap() {
    // Expected: SciPy returns 0.25 with a warning below the smallest critical value.
    final JsonNode testCase = namedCase("two samples, same distribution, p-value capped");

    final AndersonDarling.Result result =
        AndersonDarling.kSample(samples(testCase, node -> WeightedSample.of(expandValueCounts(node))));

    assertThat(result.statistic()).isLessThan(result.criticalValues()[0]);
    assertThat(result.pValue()).isEqualTo(AndersonDarling.P_VALUE_CAP);
  }

  @Test
  void kSample_largeShift_returnsFloor() {
    // Expected: SciPy returns 0.001 with a warning above the largest critical value.
    final JsonNode testCase = namedCase("two samples, large shift, p-value floored");

    final AndersonDarling.Result result =
        AndersonDarling.kSample(samples(testCase, node -> WeightedSample.of(expandValueCounts(node))));

    assertThat(result.statistic()).isGreaterThan(result.criticalValues()[6]);
    assertThat(result.pValue()).isEqualTo(AndersonDarling.P_VALUE_FLOOR);
  }

  @Test
  void kSample_tooFewSamples_isNaN() {
    final List<List<WeightedSample>> inputs =
        List.of(List.of(), List.of(WeightedSample.of(new double[] {1.0, 2.0, 3.0, 4.0})));

    for (final List<WeightedSample> input : inputs) {
      final AndersonDarling.Result result = AndersonDarling.kSample(input);

      assertThat(result.statistic()).isNaN();
      assertThat(result.pValue()).isNaN();
      assertThat(result.criticalValues()).hasSize(7).containsOnly(Double.NaN);
    }
  }

  @Test
  void kSample_emptySample_keepsCriticalValues() {
    // Expected critical values: those SciPy returns for another pair of samples, because they
    // depend on the number of samples only.
    final double[] expected = doubles(namedCase("two samples, interpolated p-value").get("criticalValues"));
    final WeightedSample sample = WeightedSample.of(new double[] {1.0, 2.0, 3.0});

    final AndersonDarling.Result result = AndersonDarling.kSample(List.of(sample, WeightedSample.empty()));

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
    assertThat(result.criticalValues()).containsExactly(expected);
  }

  @Test
  void kSample_allValuesEqual_isNaN() {
    final AndersonDarling.Result result = AndersonDarling.kSample(List.of(
        WeightedSample.of(new double[] {4.0, 4.0}), WeightedSample.of(new double[] {4.0}, new double[] {7.5})));

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void kSample_sampleOrder_doesNotMatter() {
    final Random random = new Random(17);
    final List<WeightedSample> samples = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      samples.add(WeightedSample.of(gaussian(random, 50 + 10 * i, 0.1 * i)));
    }
    final AndersonDarling.Result forward = AndersonDarling.kSample(samples);

    Collections.reverse(samples);
    final AndersonDarling.Result reversed = AndersonDarling.kSample(samples);

    assertThat(reversed.statistic()).isCloseTo(forward.statistic(), within(1e-12));
    assertThat(reversed.pValue()).isCloseTo(forward.pValue(), within(1e-12));
  }

  @Test
  void kSample_nullSample_isRejected() {
    final List<WeightedSample> samples = Arrays.asList(WeightedSample.of(new double[] {1.0}), null);

    assertThatThrownBy(() -> AndersonDarling.kSample(samples))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples[1]");
    assertThatThrownBy(() -> AndersonDarling.kSample(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void result_criticalValues_isCopied() {
    final double[] critical = {1.0, 2.0};
    final AndersonDarling.Result result = new AndersonDarling.Result(0.5, 0.2, critical);

    critical[0] = 99.0;
    result.criticalValues()[1] = 99.0;

    assertThat(result.criticalValues()).containsExactly(1.0, 2.0);
    assertThat(result).isEqualTo(new AndersonDarling.Result(0.5, 0.2, new double[] {1.0, 2.0}));
  }

  @Test
  void kSample_coarseCompression_inflatesStatistic() {
    // The measurement quoted in the class comment: one normal distribution, 50,000 reference and
    // 10,000 window values, exact and compressed to 100, 1,000 and 5,000 points.
    final Random random = new Random(1);
    final WeightedSample reference = WeightedSample.of(gaussian(random, 50_000, 0.0));
    final WeightedSample window = WeightedSample.of(gaussian(random, 10_000, 0.0));

    final double exact = AndersonDarling.kSample(List.of(window, reference)).statistic();
    final AndersonDarling.Result coarse =
        AndersonDarling.kSample(List.of(window.compress(100), reference.compress(100)));
    final double medium = AndersonDarling.kSample(List.of(window.compress(1_000), reference.compress(1_000))).statistic();
    final double fine = AndersonDarling.kSample(List.of(window.compress(5_000), reference.compress(5_000))).statistic();

    assertThat(exact).isCloseTo(-0.89, within(0.01));
    assertThat(coarse.statistic()).isCloseTo(4.2, within(0.1));
    assertThat(coarse.pValue()).isLessThan(0.01);
    assertThat(medium).isCloseTo(-0.84, within(0.01));
    assertThat(fine).isCloseTo(exact, within(0.01));
  }

  private static void assertMatches(final AndersonDarling.Result result, final JsonNode testCase) {
    final String name = testCase.get("name").asText();
    assertRelativelyClose(result.statistic(), number(testCase.get("statistic")), name + " statistic");
    assertRelativelyClose(result.pValue(), number(testCase.get("pValue")), name + " p-value");
    if (testCase.has("criticalValues")) {
      final double[] expected = doubles(testCase.get("criticalValues"));
      final double[] actual = result.criticalValues();
      assertThat(actual).as(name + " critical values").hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertRelativelyClose(actual[i], expected[i], name + " critical value " + i);
      }
    }
  }

  private static List<JsonNode> countedCases() {
    final List<JsonNode> cases = ReferenceData.cases("anderson_darling.json").stream()
        .filter(node -> node.get("samples").get(0).has("counts")).toList();
    assertThat(cases).hasSize(22);
    return cases;
  }

  private static JsonNode namedCase(final String name) {
    return ReferenceData.cases("anderson_darling.json").stream()
        .filter(node -> node.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  private static List<WeightedSample> samples(final JsonNode testCase, final Function<JsonNode, WeightedSample> reader) {
    final List<WeightedSample> samples = new ArrayList<>();
    testCase.get("samples").forEach(node -> samples.add(reader.apply(node)));
    return samples;
  }

  private static WeightedSample countsAsWeights(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("counts")));
  }

  private static WeightedSample weighted(final JsonNode node) {
    return WeightedSample.of(doubles(node.get("values")), doubles(node.get("weights")));
  }

  private static double[] gaussian(final Random random, final int size, final double mean) {
    final double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return values;
  }
}
