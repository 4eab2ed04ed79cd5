package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ProportionsZTestTest {

  @Test
  void twoSided_matchesReference() {
    // Expected: z from the pooled formula of statsmodels' proportions_ztest evaluated with mpmath
    // at 50 digits, and 2 * scipy.stats.norm.sf(|z|), from proportions_z_test.json. The cases
    // reach z = 37, where the p-value is near 1e-303.
    for (final JsonNode testCase : ReferenceData.cases("proportions_z_test.json")) {
      final String name = testCase.get("name").asText();

      final ProportionsZTest.Result result = ProportionsZTest.twoSided(
          testCase.get("successesA").asDouble(), testCase.get("totalA").asDouble(),
          testCase.get("successesB").asDouble(), testCase.get("totalB").asDouble());

      assertRelativelyClose(result.statistic(), number(testCase.get("statistic")), name + " statistic");
      assertRelativelyClose(result.pValue(), number(testCase.get("pValue")), name + " p-value");
    }
  }

  @Test
  void twoSided_farTail_staysPositive() {
    // 1 - Phi(|z|) would round to 0 from z = 8.3 on; the complementary error function does not.
    final ProportionsZTest.Result result = ProportionsZTest.twoSided(5_500, 10_000, 2_900, 10_000);

    assertThat(result.statistic()).isGreaterThan(37.0);
    assertThat(result.pValue()).isPositive().isLessThan(1e-300);
  }

  @Test
  void twoSided_swappedSamples_negateStatistic() {
    final ProportionsZTest.Result forward = ProportionsZTest.twoSided(12, 83, 5, 99);
    final ProportionsZTest.Result backward = ProportionsZTest.twoSided(5, 99, 12, 83);

    assertThat(backward.statistic()).isEqualTo(-forward.statistic());
    assertThat(backward.pValue()).isEqualTo(forward.pValue());
  }

  @Test
  void twoSided_zeroTotal_isNaN() {
    assertUndefined(ProportionsZTest.twoSided(0, 0, 5, 10));
    assertUndefined(ProportionsZTest.twoSided(5, 10, 0, 0));
    assertUndefined(ProportionsZTest.twoSided(0, 0, 0, 0));
  }

  @Test
  void twoSided_noSuccesses_isNaN() {
    assertUndefined(ProportionsZTest.twoSided(0, 100, 0, 50));
  }

  @Test
  void twoSided_onlySuccesses_isNaN() {
    assertUndefined(ProportionsZTest.twoSided(100, 100, 50, 50));
    assertUndefined(ProportionsZTest.twoSided(0.5, 0.5, 2.25, 2.25));
  }

  @Test
  void twoSided_invalidCounts_areRejected() {
    assertThatThrownBy(() -> ProportionsZTest.twoSided(1, -1, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalA must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> ProportionsZTest.twoSided(1, 10, 1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalB must be finite");
    assertThatThrownBy(() -> ProportionsZTest.twoSided(1, Double.NaN, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalA must be finite");
    assertThatThrownBy(() -> ProportionsZTest.twoSided(11, 10, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("successesA must be in [0, totalA]");
    assertThatThrownBy(() -> ProportionsZTest.twoSided(1, 10, -1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("successesB must be in [0, totalB]");
    assertThatThrownBy(() -> ProportionsZTest.twoSided(1, 10, Double.NaN, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
  }

  private static void assertUndefined(final ProportionsZTest.Result result) {
    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }
}
