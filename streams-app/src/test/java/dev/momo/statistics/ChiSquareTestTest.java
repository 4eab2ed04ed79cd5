package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ChiSquareTestTest {

  @Test
  void homogeneity_matchesScipy() {
    // Expected: scipy.stats.chi2_contingency(table, correction=False) on the table without its
    // all-zero columns, from chi_square.json.
    for (final JsonNode testCase : ReferenceData.cases("chi_square.json")) {
      final String name = testCase.get("name").asText();

      final ChiSquareTest.Result result = ChiSquareTest.homogeneity(
          doubles(testCase.get("reference")), doubles(testCase.get("window")));

      assertRelativelyClose(result.statistic(), testCase.get("statistic").asDouble(), name + " statistic");
      assertThat(result.degreesOfFreedom()).as(name + " degrees of freedom")
          .isEqualTo(testCase.get("degreesOfFreedom").asInt());
      assertRelativelyClose(result.pValue(), testCase.get("pValue").asDouble(), name + " p-value");
    }
  }

  @Test
  void criticalValue_matchesScipy() {
    // Expected: scipy.stats.chi2.isf(alpha, dof), from chi_square_critical_values.json.
    for (final JsonNode testCase : ReferenceData.cases("chi_square_critical_values.json")) {
      final int degreesOfFreedom = testCase.get("degreesOfFreedom").asInt();
      final double alpha = testCase.get("alpha").asDouble();

      final double actual = ChiSquareTest.criticalValue(degreesOfFreedom, alpha);

      assertRelativelyClose(actual, testCase.get("criticalValue").asDouble(),
          "dof " + degreesOfFreedom + ", alpha " + alpha);
    }
  }

  @Test
  void criticalValue_invertsUpperTail() {
    final double criticalValue = ChiSquareTest.criticalValue(4, 0.05);

    assertRelativelyClose(ChiSquareTest.upperTail(criticalValue, 4), 0.05, "upper tail at the critical value");
  }

  @Test
  void homogeneity_zeroRowTotal_isNaN() {
    final ChiSquareTest.Result result = ChiSquareTest.homogeneity(new double[] {0, 0, 0}, new double[] {1, 2, 3});

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
    assertThat(result.degreesOfFreedom()).isZero();
  }

  @Test
  void homogeneity_singleCategoryLeft_isNaN() {
    final ChiSquareTest.Result result = ChiSquareTest.homogeneity(new double[] {0, 5, 0}, new double[] {0, 9, 0});

    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void chiSquare_invalidInput_isRejected() {
    assertThatThrownBy(() -> ChiSquareTest.homogeneity(new double[] {1, 2}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of categories");
    assertThatThrownBy(() -> ChiSquareTest.homogeneity(new double[] {1, -1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referenceCounts[1]");
    assertThatThrownBy(() -> ChiSquareTest.criticalValue(0, 0.05))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degreesOfFreedom");
    assertThatThrownBy(() -> ChiSquareTest.criticalValue(3, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
  }
}
