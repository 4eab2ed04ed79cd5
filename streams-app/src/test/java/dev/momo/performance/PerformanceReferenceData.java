package dev.momo.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the expected values that {@code src/test/python/performance_reference_values.py} computed with
 * scikit-learn 1.6.1 into {@code src/test/resources/performance/}, and the NannyML data sets from the
 * directory in the system property {@code momo.datasets}.
 */
final class PerformanceReferenceData {

    /** Relative tolerance against scikit-learn. */
    static final double RELATIVE_TOLERANCE = 1e-9;

    /** Absolute difference always allowed, for expected values of 0 that scikit-learn reaches by rounding. */
    private static final double ABSOLUTE_FLOOR = 1e-15;

    static final Path DATASETS = Path.of(System.getProperty("momo.datasets", "../../shared/datasets"));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PerformanceReferenceData() {
    }

    /** Returns the root node of a reference file under {@code performance/}. */
    static JsonNode file(final String fileName) {
        final String resource = "/performance/" + fileName;
        try (InputStream input = PerformanceReferenceData.class.getResourceAsStream(resource)) {
            assertThat(input).as("test resource %s; regenerate it with performance_reference_values.py", resource)
                    .isNotNull();
            return MAPPER.readTree(input);
        } catch (final IOException e) {
            throw new UncheckedIOException("failed to read test resource " + resource, e);
        }
    }

    static List<JsonNode> cases(final String fileName) {
        final List<JsonNode> cases = new ArrayList<>();
        file(fileName).get("cases").forEach(cases::add);
        return cases;
    }

    /** Returns the NannyML data set directory, or null when the shared data sets are absent. */
    static Path nannyMlDirectory() {
        final Path directory = DATASETS.resolve("nannyml");
        return Files.isDirectory(directory) ? directory : null;
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

    /** Asserts that actual is within {@link #RELATIVE_TOLERANCE} of expected; NaN matches only NaN. */
    static void assertRelativelyClose(final double actual, final double expected, final String description) {
        assertClose(actual, expected, RELATIVE_TOLERANCE, description);
    }

    /** Asserts that actual is within a relative tolerance of expected; NaN matches only NaN. */
    static void assertClose(final double actual, final double expected, final double relativeTolerance,
                            final String description) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as("%s: expected NaN", description).isNaN();
            return;
        }
        final double difference = Math.abs(actual - expected);
        final double allowed = Math.max(relativeTolerance * Math.abs(expected), ABSOLUTE_FLOOR);
        assertThat(difference)
                .as("%s: expected %s, got %s", description, expected, actual)
                .isLessThanOrEqualTo(allowed);
    }
}
