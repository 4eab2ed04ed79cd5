package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BinningTest {

  @Test
  void quantileEdges_matchNumpy() {
    // Expected: numpy.unique(numpy.quantile(values, numpy.linspace(0, 1, bins + 1))), from binning.json.
    for (final JsonNode testCase : ReferenceData.cases("binning.json")) {
      final String name = testCase.get("name").asText();
      final double[] expected = doubles(testCase.get("edges"));

      final double[] actual = Binning.quantileEdges(doubles(testCase.get("values")), testCase.get("bins").asInt());

      assertThat(actual).as(name + " edge count").hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertRelativelyClose(actual[i], expected[i], name + " edge " + i);
      }
    }
  }

  @Test
  void histogram_matchesNumpyBincount() {
    // Expected: numpy.bincount of numpy.searchsorted(edges, window, side="right"), with values
    // equal to the last edge moved into the last inner bin, from binning.json.
    for (final JsonNode testCase : ReferenceData.cases("binning.json")) {
      if (!testCase.has("histogram")) {
        continue;
      }
      final double[] edges = doubles(testCase.get("edges"));

      final double[] actual = Binning.histogram(edges, doubles(testCase.get("window")));

      assertThat(actual).as(testCase.get("name").asText()).containsExactly(doubles(testCase.get("histogram")));
    }
  }

  @Test
  void histogram_overRuleEdges_matchesNumpyHistogram() {
    // Expected: numpy.histogram(window, bins=edges) for the inner bins, with the counts below the
    // first and above the last edge around them, from binning_rules.json. The windows contain
    // every edge and both of its neighbouring doubles.
    for (final JsonNode testCase : ReferenceData.cases("binning_rules.json")) {
      final double[] window = doubles(testCase.get("window"));
      testCase.get("rules").fields().forEachRemaining(entry -> {
        if (!entry.getValue().has("histogram")) {
          return;
        }
        final double[] edges = doubles(entry.getValue().get("edges"));

        final double[] actual = Binning.histogram(edges, window);

        assertThat(actual).as(testCase.get("name").asText() + ", " + entry.getKey())
            .containsExactly(doubles(entry.getValue().get("histogram")));
      });
    }
  }

  @Test
  void histogram_ofReference_matchesNumpyUniformBins() {
    // Expected: numpy.histogram(values, bins=<rule>), which bins by arithmetic on the uniform
    // width instead of searching the edges, from binning_rules.json. No value falls outside.
    for (final JsonNode testCase : ReferenceData.cases("binning_rules.json")) {
      final double[] values = BinningRuleTest.sample(testCase);
      testCase.get("rules").fields().forEachRemaining(entry -> {
        if (!entry.getValue().has("referenceHistogram")) {
          return;
        }
        final double[] expectedInner = doubles(entry.getValue().get("referenceHistogram"));
        final double[] expected = new double[expectedInner.length + 2];
        System.arraycopy(expectedInner, 0, expected, 1, expectedInner.length);

        final double[] actual = Binning.histogram(doubles(entry.getValue().get("edges")), values);

        assertThat(actual).as(testCase.get("name").asText() + ", " + entry.getKey()).containsExactly(expected);
      });
    }
  }

  @Test
  void binIndex_negativeZero_equalsZeroEdge() {
    // NumPy compares -0.0 == 0.0, so numpy.histogram([-0.0], bins=[-1, 0, 1]) counts it in [0, 1].
    final double[] edges = {-1.0, 0.0, 1.0};

    assertThat(Binning.binIndex(edges, -0.0)).isEqualTo(2);
    assertThat(Binning.binIndex(new double[] {0.0, 1.0}, -0.0)).as("-0.0 on the first edge").isEqualTo(1);
    assertThat(Binning.binIndex(new double[] {-1.0, 0.0}, -0.0)).as("-0.0 on the last edge").isEqualTo(1);
  }

  @Test
  void binIndex_layout() {
    final double[] edges = {0.0, 1.0, 2.0};

    assertThat(Binning.binIndex(edges, -0.5)).as("below the first edge").isEqualTo(0);
    assertThat(Binning.binIndex(edges, 0.0)).as("first edge").isEqualTo(1);
    assertThat(Binning.binIndex(edges, 0.5)).as("inside the first bin").isEqualTo(1);
    assertThat(Binning.binIndex(edges, 1.0)).as("inner edge starts the next bin").isEqualTo(2);
    assertThat(Binning.binIndex(edges, 2.0)).as("last edge stays in the last inner bin").isEqualTo(2);
    assertThat(Binning.binIndex(edges, 2.5)).as("above the last edge").isEqualTo(3);
    assertThat(Binning.binIndex(edges, Double.NEGATIVE_INFINITY)).isEqualTo(0);
    assertThat(Binning.binIndex(edges, Double.POSITIVE_INFINITY)).isEqualTo(3);
  }

  @Test
  void quantileEdges_constantValues_giveOneEdge() {
    assertThat(Binning.quantileEdges(new double[] {7.0, 7.0, 7.0}, 5)).containsExactly(7.0);
  }

  @Test
  void quantileEdges_doesNotModifyInput() {
    final double[] values = {3.0, 1.0, 2.0};

    Binning.quantileEdges(values, 2);

    assertThat(values).containsExactly(3.0, 1.0, 2.0);
  }

  @Test
  void binning_invalidInput_isRejected() {
    assertThatThrownBy(() -> Binning.quantileEdges(new double[0], 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Binning.quantileEdges(new double[] {1.0}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins");
    assertThatThrownBy(() -> Binning.quantileEdges(new double[] {1.0, Double.NaN}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
    assertThatThrownBy(() -> Binning.histogram(new double[] {1.0}, new double[] {1.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> Binning.histogram(new double[] {1.0, 1.0}, new double[] {1.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> Binning.binIndex(new double[] {1.0, 2.0}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }
}
