package dev.momo.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the expected values that {@code src/test/python/statistics_reference_values.py} computed
 * with NumPy and SciPy into {@code src/test/resources/statistics/}, and compares to them.
 */
final class ReferenceData {

  /** Relative tolerance against the NumPy and SciPy values. */
  static final double RELATIVE_TOLERANCE = 1e-9;

  /**
   * Absolute difference always allowed, because values near the subnormal range (below about
   * 2e-308) lose relative precision.
   */
  private static final double ABSOLUTE_FLOOR = 1e-300;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReferenceData() {}

  /** Returns the "cases" array of a reference file under {@code statistics/}. */
  static List<JsonNode> cases(final String fileName) {
    final String resource = "/statistics/" + fileName;
    try (InputStream input = ReferenceData.class.getResourceAsStream(resource)) {
      assertThat(input).as("test resource %s; regenerate it with statistics_reference_values.py", resource)
          .isNotNull();
      final List<JsonNode> cases = new ArrayList<>();
      MAPPER.readTree(input).get("cases").forEach(cases::add);
      return cases;
    } catch (final IOException e) {
      throw new UncheckedIOException("failed to read test resource " + resource, e);
    }
  }

  /** Returns a JSON number, with null read as NaN. */
  static double number(final JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }

  static double[] doubles(final JsonNode array) {
    final double[] result = new double[array.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = number(array.get(i));
    }
    return result;
  }

  /** Expands {"values": [...], "counts": [...]} into the sorted sample it describes. */
  static double[] expandValueCounts(final JsonNode node) {
    final double[] values = doubles(node.get("values"));
    final JsonNode counts = node.get("counts");
    final List<Double> sample = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      for (int copy = 0; copy < counts.get(i).asInt(); copy++) {
        sample.add(values[i]);
      }
    }
    return sample.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Asserts that actual is within {@link #RELATIVE_TOLERANCE} of expected; NaN matches only NaN. */
  static void assertRelativelyClose(final double actual, final double expected, final String description) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(description).isNaN();
      return;
    }
    final double difference = Math.abs(actual - expected);
    final double allowed = Math.max(RELATIVE_TOLERANCE * Math.abs(expected), ABSOLUTE_FLOOR);
    assertThat(difference)
        .as("%s: expected %s, got %s", description, expected, actual)
        .isLessThanOrEqualTo(allowed);
  }
}
