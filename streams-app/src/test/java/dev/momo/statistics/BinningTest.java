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
