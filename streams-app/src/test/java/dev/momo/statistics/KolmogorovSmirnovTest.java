package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.expandValueCounts;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.statistics.KolmogorovSmirnov.Method;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

  @Test
  void twoSample_matchesScipyAsymp() {
    // Expected: scipy.stats.ks_2samp(a, b, method="asymp"), from ks_two_sample.json. The cases
    // cover ties, identical, disjoint and tiny samples, unequal sizes and 5000 against 50000.
    for (final JsonNode testCase : ReferenceData.cases("ks_two_sample.json")) {
      final String name = testCase.get("name").asText();
      final WeightedSample a = WeightedSample.of(expandValueCounts(testCase.get("a")));
      final WeightedSample b = WeightedSample.of(expandValueCounts(testCase.get("b")));

      final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(a, b, Method.ASYMPTOTIC);

      assertThat(result.statistic()).as(name + " statistic")
          .isCloseTo(testCase.get("statistic").asDouble(), within(1e-12));
      assertRelativelyClose(result.pValue(), number(testCase.get("pValue")), name + " p-value");
    }
  }

  @Test
  void pValue_matchesScipyAsymp() {
    // Expected: ks_2samp(..., method="asymp") on samples of up to 2.5 million values, or
    // scipy.stats.kstwo.sf(d, round(n m / (n + m))), from ks_p_value.json.
    for (final JsonNode testCase : ReferenceData.cases("ks_p_value.json")) {
      final double actual = KolmogorovSmirnov.pValue(
          testCase.get("d").asDouble(), testCase.get("n").asLong(), testCase.get("m").asLong(), Method.ASYMPTOTIC);

      assertRelativelyClose(actual, number(testCase.get("pValue")), testCase.get("name").asText());
    }
  }

  @Test
  void kolmogorovSurvival_matchesScipyKstwo() {
    // Expected: scipy.stats.kstwo.sf(d, n) on points next to every switch between algorithms,
    // from kolmogorov_survival.json.
    for (final JsonNode testCase : ReferenceData.cases("kolmogorov_survival.json")) {
      final long n = testCase.get("n").asLong();
      final double d = testCase.get("d").asDouble();

      final double actual = KolmogorovDistribution.survival(n, d);

      assertRelativelyClose(actual, number(testCase.get("survival")), "n " + n + ", d " + d);
    }
  }

  @Test
  void twoSample_isSymmetric() {
    final WeightedSample a = WeightedSample.of(new double[] {1, 2, 2, 3, 7});
    final WeightedSample b = WeightedSample.of(new double[] {2, 4, 5});

    final KolmogorovSmirnov.Result forward = KolmogorovSmirnov.twoSample(a, b);
    final KolmogorovSmirnov.Result backward = KolmogorovSmirnov.twoSample(b, a);

    assertThat(backward.statistic()).isEqualTo(forward.statistic());
    assertThat(backward.pValue()).isEqualTo(forward.pValue());
  }

  @Test
  void twoSample_compressedSamples_staysWithinBounds() {
    final Random random = new Random(42);
    final WeightedSample reference = WeightedSample.of(gaussian(random, 20_000, 0.0));
    final WeightedSample window = WeightedSample.of(gaussian(random, 3_000, 0.1));
    final double exactStatistic = KolmogorovSmirnov.twoSample(reference, window).statistic();

    final WeightedSample compressedReference = reference.compress(200);
    final WeightedSample compressedWindow = window.compress(100);
    final double compressedStatistic = KolmogorovSmirnov.twoSample(compressedReference, compressedWindow).statistic();

    final double bound = compressedReference.cdfErrorBound() + compressedWindow.cdfErrorBound();
    assertThat(Math.abs(compressedStatistic - exactStatistic)).isLessThanOrEqualTo(bound + 1e-12);
  }

  @Test
  void twoSample_compressedSample_usesRoundedTotalWeight() {
    final Random random = new Random(7);
    final WeightedSample reference = WeightedSample.of(gaussian(random, 1_000, 0.0)).compress(50);
    final WeightedSample window = WeightedSample.of(gaussian(random, 300, 0.5));

    final KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(reference, window);

    assertThat(result.pValue()).isEqualTo(KolmogorovSmirnov.pValue(result.statistic(), 1_000, 300, Method.ASYMPTOTIC));
  }

  @Test
  void twoSample_emptySample_isNaN() {
    final KolmogorovSmirnov.Result result =
        KolmogorovSmirnov.twoSample(WeightedSample.empty(), WeightedSample.of(new double[] {1.0}));

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void pValue_invalidInput_isRejected() {
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(0.5, 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample sizes");
    assertThatThrownBy(() -> KolmogorovSmirnov.pValue(1.5, 10, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d must be in [0, 1]");
    assertThat(KolmogorovSmirnov.pValue(Double.NaN, 10, 10)).isNaN();
  }

  private static double[] gaussian(final Random random, final int size, final double mean) {
    final double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = mean + random.nextGaussian();
    }
    return values;
  }
}
