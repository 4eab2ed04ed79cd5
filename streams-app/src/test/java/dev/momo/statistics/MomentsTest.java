package dev.momo.statistics;

import static dev.momo.statistics.ReferenceData.assertRelativelyClose;
import static dev.momo.statistics.ReferenceData.doubles;
import static dev.momo.statistics.ReferenceData.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MomentsTest {

  @Test
  void moments_matchNumpy() {
    // Expected: numpy.mean, numpy.std(v) and numpy.std(v, ddof=1), from moments.json.
    for (final JsonNode testCase : ReferenceData.cases("moments.json")) {
      final double[] values = doubles(testCase.get("values"));
      final String name = testCase.get("name").asText();

      assertRelativelyClose(Moments.mean(values), number(testCase.get("mean")), name + " mean");
      assertRelativelyClose(Moments.populationStd(values), number(testCase.get("populationStd")), name + " population std");
      assertRelativelyClose(Moments.sampleStd(values), number(testCase.get("sampleStd")), name + " sample std");
    }
  }

  @Test
  void moments_emptyArray_isNaN() {
    assertThat(Moments.mean(new double[0])).isNaN();
    assertThat(Moments.populationStd(new double[0])).isNaN();
    assertThat(Moments.sampleStd(new double[0])).isNaN();
  }

  @Test
  void sampleStd_singleValue_isNaN() {
    assertThat(Moments.sampleStd(new double[] {4.0})).isNaN();
    assertThat(Moments.populationStd(new double[] {4.0})).isZero();
  }
}
