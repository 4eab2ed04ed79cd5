package dev.momo.detectors;

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
 * Test data of the detector tests: the seeded streams under the directory named by the system
 * property {@code momo.datasets} (Maven's surefire sets it), and the JSON files that
 * {@code src/test/python/detector_reference_values.py} wrote under {@code src/test/resources/detectors/}.
 */
final class DetectorData {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DetectorData() {
    }

    /** Reads a one-column CSV file with a header under the datasets directory, such as {@code detector-streams/x.csv}. */
    static double[] dataset(final String relativePath) {
        final String root = System.getProperty("momo.datasets");
        assertThat(root).as("system property momo.datasets (set by Maven's surefire)").isNotNull();
        final Path file = Path.of(root, relativePath);
        try {
            final List<String> lines = Files.readAllLines(file);
            return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read dataset " + file, e);
        }
    }

    /** Returns the root node of a JSON file under {@code src/test/resources/detectors/}. */
    static JsonNode resource(final String fileName) {
        final String resource = "/detectors/" + fileName;
        try (InputStream input = DetectorData.class.getResourceAsStream(resource)) {
            assertThat(input).as("test resource %s; regenerate it with detector_reference_values.py", resource)
                    .isNotNull();
            return MAPPER.readTree(input);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read test resource " + resource, e);
        }
    }

    static double[] doubles(final JsonNode array) {
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** Feeds the stream to the detector and returns the indexes at which it reported a drift. */
    static List<Integer> driftIndexes(final ChangeDetector detector, final double[] stream) {
        return indexes(detector, stream, DetectorState.DRIFT);
    }

    /** Feeds the stream and returns the indexes at which the detector's state was {@code wanted}. */
    static List<Integer> indexes(final ChangeDetector detector, final double[] stream, final DetectorState wanted) {
        final List<Integer> found = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            if (detector.update(stream[i]) == wanted) {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * Feeds the stream and lists events as River's docstring examples print them: "W i" for the
     * first warning after the start or after a drift, "D i" for each drift.
     */
    static List<String> docstringEvents(final ChangeDetector detector, final double[] stream) {
        final List<String> events = new ArrayList<>();
        boolean printWarning = true;
        for (int i = 0; i < stream.length; i++) {
            final DetectorState state = detector.update(stream[i]);
            if (state == DetectorState.WARNING && printWarning) {
                events.add("W " + i);
                printWarning = false;
            }
            if (state == DetectorState.DRIFT) {
                events.add("D " + i);
                printWarning = true;
            }
        }
        return events;
    }
}
