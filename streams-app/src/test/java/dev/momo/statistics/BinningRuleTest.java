package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinningRuleTest {

  @Test
  void edges_matchNumpyExactly() {
    // Expected: numpy.histogram_bin_edges(values, bins=<rule or int>), capped at 1000 bins, and
    // numpy.unique(numpy.quantile(...)) for "quantile", from binning_rules.json.
    for (final JsonNode testCase : ReferenceData.cases("binning_rules.json")) {
      final double[] values = sample(testCase);
      final boolean integerValued = testCase.get("integerValued").asBoolean();
      final int bins = testCase.get("bins").asInt();

      for (final BinningRule rule : BinningRule.values()) {
        final JsonNode expected = testCase.get("rules").get(rule.id());
        final String description = testCase.get("name").asText() + ", " + rule.id();
        if (expected.has("error")) {
          continue;
        }

        final double[] actual = rule.edges(values, bins, integerValued);

        assertThat(actual).as(description).containsExactly(doubles(expected.get("edges")));
      }
    }
  }

  @Test
  void edges_whereNumpyRejects_areRejected() {
    // Expected: the cases where numpy.histogram_bin_edges raised "Too many bins for data range".
    int rejected = 0;
    for (final JsonNode testCase : ReferenceData.cases("binning_rules.json")) {
      final double[] values = sample(testCase);
      final boolean integerValued = testCase.get("integerValued").asBoolean();
      final int bins = testCase.get("bins").asInt();

      for (final BinningRule rule : BinningRule.values()) {
        if (!testCase.get("rules").get(rule.id()).has("error")) {
          continue;
        }
        rejected++;

        assertThatThrownBy(() -> rule.edges(values, bins, integerValued))
            .as(testCase.get("name").asText() + ", " + rule.id())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("distinct double edges");
      }
    }
    assertThat(rejected).as("cases where NumPy rejects the edges").isGreaterThanOrEqualTo(5);
  }

  @Test
  void edges_fdOnHeavyTails_isCapped() {
    // Expected: NumPy gives more than 1000 bins, so the edges are numpy.histogram_bin_edges(values, bins=1000).
    int capped = 0;
    for (final JsonNode testCase : ReferenceData.cases("binning_rules.json")) {
      final JsonNode fd = testCase.get("rules").get("fd");
      if (!fd.path("capped").asBoolean()) {
        continue;
      }
      capped++;

      final double[] actual = BinningRule.FD.edges(
          sample(testCase), 1, testCase.get("integerValued").asBoolean());

      assertThat(actual).as(testCase.get("name").asText()).hasSize(BinningRule.MAX_BINS + 1);
    }
    assertThat(capped).as("capped cases, Cauchy and an infinite count").isEqualTo(2);
  }

  @Test
  void edges_sturgesPowerOfTwo_keepsRounding() {
    // Expected: numpy.histogram_bin_edges(sample, bins="sturges") has 16 bins, although
    // log2(16384) + 1 = 15, because ptp / (ptp / 15) rounds above 15; from binning_rules.json.
    final JsonNode testCase = ReferenceData.cases("binning_rules.json").stream()
        .filter(node -> node.get("name").asText().startsWith("16384 values")).findFirst().orElseThrow();

    final double[] actual = BinningRule.STURGES.edges(sample(testCase), 10, false);

    assertThat(actual).hasSize(17);
  }

  @Test
  void edges_integerValued_widthAtLeastOne() {
    // 200 values in {0, 1, 2, 3}: Sturges' width is 3 / (log2(200) + 1) = 0.35, which NumPy
    // raises to 1 for int64 input, giving the edges 0, 1, 2, 3.
    final double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 4;
    }

    assertThat(BinningRule.STURGES.edges(values, 10, true)).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(BinningRule.STURGES.edges(values, 10, false)).hasSize(10);
  }

  @Test
  void edges_allValuesEqual_widenByHalf() {
    // numpy.histogram_bin_edges([7, 7, 7], bins="auto") is [6.5, 7.5].
    for (final BinningRule rule : new BinningRule[] {BinningRule.DOANE, BinningRule.STURGES,
        BinningRule.FD, BinningRule.AUTO}) {
      assertThat(rule.edges(new double[] {7.0, 7.0, 7.0}, 5, false)).as(rule.id()).containsExactly(6.5, 7.5);
    }
    assertThat(BinningRule.EQUAL_WIDTH.edges(new double[] {7.0}, 2, false)).containsExactly(6.5, 7.0, 7.5);
    assertThat(BinningRule.QUANTILE.edges(new double[] {7.0, 7.0}, 2, false)).containsExactly(7.0);
  }

  @Test
  void edges_estimators_ignoreBins() {
    final double[] values = {1.0, 2.0, 4.0, 8.0, 16.0};

    assertThat(BinningRule.DOANE.edges(values, 0, false))
        .containsExactly(BinningRule.DOANE.edges(values, 5000, false));
  }

  @Test
  void edges_doNotModifyInput() {
    final double[] values = {3.0, 1.0, 2.0, 9.0, -4.0};

    for (final BinningRule rule : BinningRule.values()) {
      rule.edges(values, 3, false);

      assertThat(values).as(rule.id()).containsExactly(3.0, 1.0, 2.0, 9.0, -4.0);
    }
  }

  @Test
  void edges_invalidValues_areRejected() {
    for (final BinningRule rule : BinningRule.values()) {
      assertThatThrownBy(() -> rule.edges(new double[0], 4, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
      assertThatThrownBy(() -> rule.edges(new double[] {1.0, Double.NaN}, 4, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]").hasMessageContaining("NaN");
      assertThatThrownBy(() -> rule.edges(new double[] {Double.NEGATIVE_INFINITY, 1.0}, 4, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[0]");
      assertThatThrownBy(() -> rule.edges(new double[] {1.0, 2.5}, 4, true)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1] = 2.5");
      assertThatThrownBy(() -> rule.edges(new double[] {-1e308, 1e308}, 4, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
    }
  }

  @Test
  void edges_binsOutOfRange_areRejected() {
    for (final BinningRule rule : new BinningRule[] {BinningRule.QUANTILE, BinningRule.EQUAL_WIDTH}) {
      assertThatThrownBy(() -> rule.edges(new double[] {1.0, 2.0}, 0, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1000], got 0");
      assertThatThrownBy(() -> rule.edges(new double[] {1.0, 2.0}, 1001, false)).as(rule.id())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1001");
    }
  }

  @Test
  void isIntegerValued_wholeNumbersUpTo2Pow53() {
    assertThat(BinningRule.isIntegerValued(new double[] {0.0, -3.0, 1e15, 0x1p53})).isTrue();
    assertThat(BinningRule.isIntegerValued(new double[] {1.0, 1.5})).isFalse();
    assertThat(BinningRule.isIntegerValued(new double[] {0x1p54})).isFalse();
    assertThat(BinningRule.isIntegerValued(new double[] {1.0, Double.NaN})).isFalse();
    assertThat(BinningRule.isIntegerValued(new double[] {Double.POSITIVE_INFINITY})).isFalse();
  }

  @Test
  void fromId_roundTrips() {
    assertThat(Arrays.stream(BinningRule.values()).map(BinningRule::id))
        .containsExactly("quantile", "equal-width", "doane", "sturges", "fd", "auto");
    for (final BinningRule rule : BinningRule.values()) {
      assertThat(BinningRule.fromId(rule.id())).isSameAs(rule);
    }
  }

  @Test
  void fromId_unknownId_listsValidIds() {
    assertThatThrownBy(() -> BinningRule.fromId("scott"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scott'")
        .hasMessageContaining("Valid rules are: quantile, equal-width, doane, sturges, fd, auto");
    assertThatThrownBy(() -> BinningRule.fromId(null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Returns a case's sample, stored either as a list or as sorted distinct values with counts. */
  static double[] sample(final JsonNode testCase) {
    return testCase.has("values")
        ? doubles(testCase.get("values"))
        : ReferenceData.expandValueCounts(testCase.get("valueCounts"));
  }
}
