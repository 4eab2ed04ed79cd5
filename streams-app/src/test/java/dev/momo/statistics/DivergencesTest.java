package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DivergencesTest {

  @Test
  void jensenShannonDistance_matchesScipy() {
    // Expected: scipy.spatial.distance.jensenshannon(reference, window, base=2), from divergences.json.
    for (final JsonNode testCase : ReferenceData.cases("divergences.json")) {
      final double actual = Divergences.jensenShannonDistance(
          doubles(testCase.get("reference")), doubles(testCase.get("window")));
      assertRelativelyClose(actual, testCase.get("jensenShannonDistance").asDouble(), testCase.get("name").asText());
    }
  }

  @Test
  void populationStabilityIndex_matchesNumpyFormula() {
    // Expected: sum((a - r) * log(a / r)) in NumPy with zero proportions set to 1e-4, from divergences.json.
    for (final JsonNode testCase : ReferenceData.cases("divergences.json")) {
      final double actual = Divergences.populationStabilityIndex(
          doubles(testCase.get("reference")), doubles(testCase.get("window")), Divergences.DEFAULT_PSI_EPSILON);
      assertRelativelyClose(actual, testCase.get("populationStabilityIndex").asDouble(), testCase.get("name").asText());
    }
  }

  @Test
  void populationStabilityIndex_handComputedValue() {
    // r = (0.5, 0.5), a = (0.25, 0.75): (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.25 ln 3.
    final double actual = Divergences.populationStabilityIndex(new double[] {50, 50}, new double[] {1, 3}, 1e-4);

    assertThat(actual).isCloseTo(0.25 * Math.log(3.0), within(1e-15));
  }

  @Test
  void populationStabilityIndex_emptyWindowBinUsesEpsilon() {
    // r = (0.5, 0.5), a = (0 -> 1e-4, 1): (1e-4 - 0.5) ln(1e-4 / 0.5) + (1 - 0.5) ln(2).
    final double expected = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2.0);

    final double actual = Divergences.populationStabilityIndex(new double[] {10, 10}, new double[] {0, 7}, 1e-4);

    assertThat(actual).isCloseTo(expected, within(1e-14));
  }

  @Test
  void jensenShannonDistance_disjointHistograms_isOne() {
    assertThat(Divergences.jensenShannonDistance(new double[] {3, 0}, new double[] {0, 5})).isEqualTo(1.0);
  }

  @Test
  void jensenShannonDistance_identicalHistograms_isZero() {
    final double[] counts = {1, 2, 3, 0, 7};

    assertThat(Divergences.jensenShannonDistance(counts, counts.clone())).isZero();
  }

  @Test
  void divergences_zeroTotal_isNaN() {
    final double[] empty = {0, 0, 0};
    final double[] counts = {1, 2, 3};

    assertThat(Divergences.jensenShannonDistance(empty, counts)).isNaN();
    assertThat(Divergences.jensenShannonDistance(counts, empty)).isNaN();
    assertThat(Divergences.populationStabilityIndex(empty, counts, 1e-4)).isNaN();
    assertThat(Divergences.populationStabilityIndex(counts, empty, 1e-4)).isNaN();
  }

  @Test
  void divergences_invalidInput_isRejected() {
    assertThatThrownBy(() -> Divergences.jensenShannonDistance(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of bins");
    assertThatThrownBy(() -> Divergences.jensenShannonDistance(new double[] {1, -2}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referenceCounts[1]");
    assertThatThrownBy(() -> Divergences.populationStabilityIndex(new double[] {1, 2}, new double[] {1, Double.NaN}, 1e-4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowCounts[1]");
    assertThatThrownBy(() -> Divergences.populationStabilityIndex(new double[] {1, 2}, new double[] {1, 2}, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
  }
}
