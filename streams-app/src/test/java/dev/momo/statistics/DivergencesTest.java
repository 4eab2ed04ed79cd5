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
  void hellingerDistance_matchesNumpyFormula() {
    // Expected: sqrt(sum((sqrt(p) - sqrt(q))^2)) / sqrt(2) in NumPy, checked in the script against
    // scipy.spatial.distance.euclidean(sqrt(p), sqrt(q)) / sqrt(2), from divergences_extra.json.
    for (final JsonNode testCase : ReferenceData.cases("divergences_extra.json")) {
      final double actual = Divergences.hellingerDistance(
          doubles(testCase.get("reference")), doubles(testCase.get("window")));
      assertRelativelyClose(actual, ReferenceData.number(testCase.get("hellingerDistance")),
          testCase.get("name").asText());
    }
  }

  @Test
  void klDivergence_matchesScipyEntropy() {
    // Expected: scipy.stats.entropy(p_eps, q_eps) with zero proportions set to 1e-4, as Evidently's
    // kl_div computes it, from divergences_extra.json.
    for (final JsonNode testCase : ReferenceData.cases("divergences_extra.json")) {
      final double actual = Divergences.klDivergence(
          doubles(testCase.get("reference")), doubles(testCase.get("window")), Divergences.DEFAULT_KL_EPSILON);
      assertRelativelyClose(actual, ReferenceData.number(testCase.get("klDivergence")), testCase.get("name").asText());
    }
  }

  @Test
  void lInfinity_matchesNumpyFormula() {
    // Expected: max(abs(p - q)) in NumPy, from divergences_extra.json.
    for (final JsonNode testCase : ReferenceData.cases("divergences_extra.json")) {
      final double actual = Divergences.lInfinity(doubles(testCase.get("reference")), doubles(testCase.get("window")));
      assertRelativelyClose(actual, ReferenceData.number(testCase.get("lInfinity")), testCase.get("name").asText());
    }
  }

  @Test
  void hellingerDistance_handComputedValue() {
    // p = (0.5, 0.5), q = (0.25, 0.75), by the equivalent form H^2 = 1 - sum sqrt(p_i q_i).
    final double expected = Math.sqrt(1.0 - Math.sqrt(0.125) - Math.sqrt(0.375));

    final double actual = Divergences.hellingerDistance(new double[] {50, 50}, new double[] {1, 3});

    assertThat(actual).isCloseTo(expected, within(1e-14));
  }

  @Test
  void klDivergence_handComputedValue() {
    // p = (0.5, 0.5), q = (0.25, 0.75): 0.5 ln 2 + 0.5 ln(2/3). The reverse, KL(q || p), is
    // 0.25 ln 0.5 + 0.75 ln 1.5, which differs, so this pins the direction.
    final double expected = 0.5 * Math.log(2.0) + 0.5 * Math.log(2.0 / 3.0);

    final double actual = Divergences.klDivergence(new double[] {50, 50}, new double[] {1, 3}, 1e-4);

    assertThat(actual).isCloseTo(expected, within(1e-15));
  }

  @Test
  void klDivergence_emptyWindowBin_rescales() {
    // p = (0.5, 0.5), q = (0 -> 1e-4, 1), rescaled to q' = (1e-4, 1) / 1.0001, as scipy.stats.entropy does.
    final double scale = 1.0 + 1e-4;
    final double expected = 0.5 * Math.log(0.5 / (1e-4 / scale)) + 0.5 * Math.log(0.5 / (1.0 / scale));

    final double actual = Divergences.klDivergence(new double[] {10, 10}, new double[] {0, 7}, 1e-4);

    assertThat(actual).isCloseTo(expected, within(1e-14));
  }

  @Test
  void distances_disjointHistograms_areOne() {
    assertThat(Divergences.hellingerDistance(new double[] {3, 0}, new double[] {0, 5})).isEqualTo(1.0);
    assertThat(Divergences.lInfinity(new double[] {3, 0}, new double[] {0, 5})).isEqualTo(1.0);
  }

  @Test
  void distances_identicalHistograms_areZero() {
    final double[] counts = {1, 2, 3, 0, 7};

    assertThat(Divergences.hellingerDistance(counts, counts.clone())).isZero();
    assertThat(Divergences.klDivergence(counts, counts.clone(), 1e-4)).isZero();
    assertThat(Divergences.lInfinity(counts, counts.clone())).isZero();
  }

  @Test
  void lInfinity_newCategory() {
    // p = (0.5, 0, 0.5), q = (0.2, 0.6, 0.2): the category new in the window differs by 0.6, the others by 0.3.
    final double actual = Divergences.lInfinity(new double[] {10, 0, 10}, new double[] {2, 6, 2});

    assertThat(actual).isEqualTo(0.6);
  }

  @Test
  void newDivergences_zeroTotal_isNaN() {
    final double[] empty = {0, 0, 0};
    final double[] counts = {1, 2, 3};

    assertThat(Divergences.hellingerDistance(counts, empty)).isNaN();
    assertThat(Divergences.hellingerDistance(empty, counts)).isNaN();
    assertThat(Divergences.klDivergence(counts, empty, 1e-4)).isNaN();
    assertThat(Divergences.klDivergence(empty, counts, 1e-4)).isNaN();
    assertThat(Divergences.lInfinity(counts, empty)).isNaN();
    assertThat(Divergences.lInfinity(empty, counts)).isNaN();
  }

  @Test
  void newDivergences_invalidInput_isRejected() {
    assertThatThrownBy(() -> Divergences.hellingerDistance(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of bins");
    assertThatThrownBy(() -> Divergences.lInfinity(new double[] {1, -2}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referenceCounts[1]");
    assertThatThrownBy(() -> Divergences.klDivergence(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}, 1e-4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowCounts[1]");
    assertThatThrownBy(() -> Divergences.klDivergence(new double[] {1, 2}, new double[] {1, 2}, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> Divergences.klDivergence(new double[] {1, 2}, new double[] {1, 2}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
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
