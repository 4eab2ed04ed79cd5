package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.statistics.KolmogorovSmirnov.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovExactTest {

  private static final String REFERENCE_FILE = "ks_two_sample_auto.json";

  @Test
  void twoSample_matchesScipyDefault() {
    // Expected: scipy.stats.ks_2samp(a, b) with SciPy 1.17.1, from ks_two_sample_auto.json. The
    // cases cover sizes 1 to 10001, ties, D near 0 and 1, tiny p-values, NaN (omitted, as
    // WeightedSample.of skips it), infinities, extreme magnitudes and SciPy's fallbacks.
    for (final JsonNode testCase : casesOfKind("samples")) {
      final String name = testCase.get("name").asText();
      final WeightedSample a = WeightedSample.of(expand(testCase.get("a")));
      final WeightedSample b = WeightedSample.of(expand(testCase.get("b")));

      final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(a, b, method(testCase));

      assertRelativelyClose(result.statistic(), number(testCase.get("statistic")), name + " statistic");
      assertRelativelyClose(result.pValue(), number(testCase.get("pValue")), name + " p-value");
    }
  }

  @Test
  void twoSample_integerWeights_matchScipy() {
    // Expected: the same ks_2samp results, with each distinct value stored once and weighted by
    // its count, which the exact method must read as that many repeated values.
    for (final JsonNode testCase : casesOfKind("samples")) {
      final String name = testCase.get("name").asText();
      final WeightedSample a = weightedByCounts(testCase.get("a"));
      final WeightedSample b = weightedByCounts(testCase.get("b"));

      final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(a, b, method(testCase));

      assertRelativelyClose(result.statistic(), number(testCase.get("statistic")), name + " statistic");
      assertRelativelyClose(result.pValue(), number(testCase.get("pValue")), name + " p-value");
    }
  }

  @Test
  void pValue_matchesScipyDefault() {
    // Expected: the p-value that ks_2samp returned with the statistic d on samples of sizes n and
    // m, from ks_two_sample_auto.json. The cases are random sizes up to 10000, evenly spaced
    // samples for D from near 0 to 1, and sizes up to 10^6 with method 'exact'.
    for (final JsonNode testCase : casesOfKind("statistic")) {
      final double actual = KolmogorovSmirnov.pValue(
          testCase.get("d").asDouble(), testCase.get("n").asLong(), testCase.get("m").asLong(), method(testCase));

      assertRelativelyClose(actual, number(testCase.get("pValue")), testCase.get("name").asText());
    }
  }

  @Test
  void referenceFile_containsScipyFallbacks() {
    // Guards the coverage of the file: SciPy warned and fell back on these cases.
    final long fallbacks = ReferenceData.cases(REFERENCE_FILE).stream()
        .filter(testCase -> testCase.get("fallback").asBoolean())
        .count();

    assertThat(fallbacks).isGreaterThanOrEqualTo(8);
  }

  @Test
  void pValue_autoSizeLimit_switchesMethod() {
    final double d = 0.013;

    assertThat(KolmogorovSmirnov.pValue(d, 10_000, 9_999, Method.AUTO))
        .isEqualTo(KolmogorovSmirnov.pValue(d, 10_000, 9_999, Method.EXACT));
    assertThat(KolmogorovSmirnov.pValue(d, 10_001, 9_999, Method.AUTO))
        .isEqualTo(KolmogorovSmirnov.pValue(d, 10_001, 9_999, Method.ASYMPTOTIC));
  }

  @Test
  void pValue_equalSizesSumAboveOne_fallsBack() {
    // For n = m = 7 and D = 1/7 the exact sum rounds above 1, so SciPy 1.17.1 returns
    // kstwo.sf(1/7, 4) = 0.9999609537692629 (ks_two_sample_auto.json, "equal sizes 7, D = 1/7").
    final double d = 1.0 / 7.0;

    final double exact = KolmogorovSmirnov.pValue(d, 7, 7, Method.EXACT);

    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(7, 7, 1)).isGreaterThan(1.0);
    assertThat(exact).isEqualTo(KolmogorovSmirnov.pValue(d, 7, 7, Method.ASYMPTOTIC));
    assertThat(exact).isEqualTo(0.9999609537692629);
  }

  @Test
  void pValue_exactHugeLattice_fallsBack() {
    // (50000 / g) (50001 / g) = 2500050000 reaches 2^31 - 1, where SciPy switches to 'asymp'.
    final double d = 0.01;

    assertThat(KolmogorovSmirnov.pValue(d, 50_000, 50_001, Method.EXACT))
        .isEqualTo(KolmogorovSmirnov.pValue(d, 50_000, 50_001, Method.ASYMPTOTIC));
  }

  @Test
  void twoSample_exact_roundsStatisticToLattice() {
    // Sizes 3 and 7: D is a multiple of 1/21. Here D = 2/3 - 0/7 at x = 2.
    final WeightedSample a = WeightedSample.of(new double[] {1, 2, 9});
    final WeightedSample b = WeightedSample.of(new double[] {3, 4, 5, 6, 7, 8, 10});

    final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(a, b, Method.EXACT);

    assertThat(result.statistic()).isEqualTo(14.0 / 21.0);
  }

  @Test
  void twoSample_nonIntegerWeights_useAsymptotic() {
    final WeightedSample a = WeightedSample.of(new double[] {1, 2, 3}, new double[] {0.5, 1.5, 2.0});
    final WeightedSample b = WeightedSample.of(new double[] {2, 4, 5, 6});

    final KolmogorovSmirnov.Result exact = KolmogorovSmirnov.twoSample(a, b, Method.EXACT);
    final KolmogorovSmirnov.Result asymptotic = KolmogorovSmirnov.twoSample(a, b, Method.ASYMPTOTIC);

    assertThat(exact).isEqualTo(asymptotic);
  }

  @Test
  void twoSample_compressedSample_usesAsymptotic() {
    // Compression to 50 points leaves integer weights of 20, but a non-zero error bound.
    final Random random = new Random(11);
    final WeightedSample reference = WeightedSample.of(gaussian(random, 1_000, 0.0)).compress(50);
    final WeightedSample window = WeightedSample.of(gaussian(random, 300, 0.3));

    final KolmogorovSmirnov.Result exact = KolmogorovSmirnov.twoSample(reference, window, Method.EXACT);
    final KolmogorovSmirnov.Result asymptotic = KolmogorovSmirnov.twoSample(reference, window, Method.ASYMPTOTIC);

    assertThat(reference.weights()).containsOnly(20.0);
    assertThat(exact).isEqualTo(asymptotic);
  }

  @Test
  void twoSample_singleValues_isExact() {
    // One value against one: both orderings give D = 1, so p = 1. The asymptotic method returns
    // NaN there, because the effective size 1/2 rounds to 0.
    final WeightedSample a = WeightedSample.of(new double[] {0.0});
    final WeightedSample b = WeightedSample.of(new double[] {1.0});

    final KolmogorovSmirnov.Result exact = KolmogorovSmirnov.twoSample(a, b);

    assertThat(exact.statistic()).isEqualTo(1.0);
    assertThat(exact.pValue()).isEqualTo(1.0);
    assertThat(KolmogorovSmirnov.twoSample(a, b, Method.ASYMPTOTIC).pValue()).isNaN();
  }

  @Test
  void twoSample_emptySample_isNaN() {
    final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(
        WeightedSample.empty(), WeightedSample.of(new double[] {1.0}), Method.EXACT);

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void twoSample_isSymmetric() {
    final Random random = new Random(3);
    final WeightedSample a = WeightedSample.of(gaussian(random, 120, 0.0));
    final WeightedSample b = WeightedSample.of(gaussian(random, 75, 0.4));

    final KolmogorovSmirnov.Result forward = KolmogorovSmirnov.twoSample(a, b);
    final KolmogorovSmirnov.Result backward = KolmogorovSmirnov.twoSample(b, a);

    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void survival_smallLattices_matchPathCounts() {
    // Counted by hand over all orderings of the pooled values.
    // n = m = 3, D = 1: 2 of the C(6, 3) = 20 orderings put one sample wholly first.
    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(3, 3, 3)).isCloseTo(0.1, within(1e-15));
    // n = 1, m = 2, D = 1 (h = 2): the single value comes first or last in 2 of 3 orderings.
    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(1, 2, 2)).isCloseTo(2.0 / 3.0, within(1e-15));
    // n = 1, m = 2, D >= 1/2 (h = 1) holds for every ordering.
    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(1, 2, 1)).isEqualTo(1.0);
    // n = 2, m = 2, D >= 1/2: the first value alone gives D = 1/2, so every ordering counts.
    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(2, 2, 1)).isCloseTo(1.0, within(1e-15));
    // h = 0 is D >= 0.
    assertThat(TwoSampleKolmogorovSmirnovDistribution.survival(5, 8, 0)).isEqualTo(1.0);
  }

  @Test
  void survival_invalidInput_isRejected() {
    assertThatThrownBy(() -> TwoSampleKolmogorovSmirnovDistribution.survival(0, 5, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample sizes");
    assertThatThrownBy(() -> TwoSampleKolmogorovSmirnovDistribution.survival(4, 6, 13))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lcm(n, m) = 12");
    assertThatThrownBy(() -> TwoSampleKolmogorovSmirnovDistribution.survival(4, 6, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
  }

  @Test
  void pValue_invalidInput_isRejected() {
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(0.5, 10, 0, Method.EXACT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample sizes");
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(-0.1, 10, 10, Method.EXACT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d must be in [0, 1]");
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(0.5, 10, 10, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("method");
    assertThat(KolmogorovSmirnov.pValue(Double.NaN, 10, 10, Method.EXACT)).isNaN();
  }

  private static List<JsonNode> casesOfKind(final String kind) {
    final List<JsonNode> cases = new ArrayList<>();
    for (final JsonNode testCase : ReferenceData.cases(REFERENCE_FILE)) {
      if (testCase.get("kind").asText().equals(kind)) {
        cases.add(testCase);
      }
    }
    assertThat(cases).as("cases of kind %s in %s", kind, REFERENCE_FILE).isNotEmpty();
    return cases;
  }

  private static Method method(final JsonNode testCase) {
    return switch (testCase.get("method").asText()) {
      case "auto" -> Method.AUTO;
      case "exact" -> Method.EXACT;
      case "asymp" -> Method.ASYMPTOTIC;
      default -> throw new IllegalArgumentException(
          "unknown method in " + REFERENCE_FILE + ": " + testCase.get("method").asText());
    };
  }

  /** Reads a sample value: null is NaN, and the strings "Infinity" and "-Infinity" are infinities. */
  private static double sampleValue(final JsonNode node) {
    if (node.isTextual()) {
      return Double.parseDouble(node.asText());
    }
    return number(node);
  }

  /** Expands {"values": [...], "counts": [...]} into the sample it describes, NaN included. */
  private static double[] expand(final JsonNode valueCounts) {
    final JsonNode values = valueCounts.get("values");
    final JsonNode counts = valueCounts.get("counts");
    final List<Double> sample = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      for (int copy = 0; copy < counts.get(i).asInt(); copy++) {
        sample.add(sampleValue(values.get(i)));
      }
    }
    return sample.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Returns the distinct values weighted by their counts, without NaN, as WeightedSample.of(double[]) skips it. */
  private static WeightedSample weightedByCounts(final JsonNode valueCounts) {
    final JsonNode values = valueCounts.get("values");
    final JsonNode counts = valueCounts.get("counts");
    final List<double[]> points = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      final double value = sampleValue(values.get(i));
      if (!Double.isNaN(value)) {
        points.add(new double[] {value, counts.get(i).asDouble()});
      }
    }
    final double[] sortedValues = points.stream().mapToDouble(point -> point[0]).toArray();
    final double[] weights = points.stream().mapToDouble(point -> point[1]).toArray();
    return WeightedSample.of(sortedValues, weights);
  }

  private static double[] gaussian(final Random random, final int size, final double mean) {
    final double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return values;
  }
}
