package dev.momo.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.InputRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Shared helpers of the mapping tests: records at a fixed position, decoders of inline mappings, and
 * the expected values that {@code src/test/python/input_mapping_reference_values.py} wrote into
 * {@code src/test/resources/mapping/input_mapping.json}.
 */
final class MappingTestSupport {

    static final String TOPIC = "inferences";
    static final int PARTITION = 2;
    static final long OFFSET = 42;
    static final String POSITION = "inferences-2@42";
    /** Kafka record timestamp of the test records: 2024-01-01T00:00:00Z. */
    static final long RECORD_TIMESTAMP = 1_704_067_200_000L;

    static final ObjectMapper JSON = new ObjectMapper();

    private MappingTestSupport() {
    }

    /** Returns the decoder of a mapping given as JSON text, named {@code test-mapping.json} in messages. */
    static MappedEventDecoder decoder(final String mappingJson, final SchemaRegistryClient registry) {
        return new MappedEventDecoder(InputMapping.parse(mappingJson, "test-mapping.json"), registry);
    }

    static MappedEventDecoder decoder(final JsonNode mapping, final SchemaRegistryClient registry) {
        return decoder(mapping.toString(), registry);
    }

    static InputRecord record(final byte[] value) {
        return record(value, new RecordHeaders());
    }

    static InputRecord record(final byte[] value, final Headers headers) {
        return new InputRecord(TOPIC, PARTITION, OFFSET, RECORD_TIMESTAMP, headers, value);
    }

    static InputRecord json(final String text) {
        return record(text.getBytes(StandardCharsets.UTF_8));
    }

    static InputRecord json(final JsonNode node) {
        return json(node.toString());
    }

    /** Returns the single event of a record. */
    static InferenceEvent single(final List<InferenceEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** Returns the reference file's top-level entry {@code name}. */
    static JsonNode reference(final String name) {
        final String resource = "/mapping/input_mapping.json";
        try (InputStream input = MappingTestSupport.class.getResourceAsStream(resource)) {
            assertThat(input).as("test resource %s; regenerate it with input_mapping_reference_values.py", resource)
                    .isNotNull();
            return JSON.readTree(input).get(name);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read test resource " + resource, e);
        }
    }

    /**
     * Asserts that an event equals the expected one of the reference file: ids, features with their
     * Java types (JSON integers are Long, other numbers Double), prediction, probabilities and segments.
     */
    static void assertEvent(final InferenceEvent actual, final JsonNode expected, final String description) {
        assertThat(actual.getEventId()).as(description + " eventId").isEqualTo(expected.get("eventId").asText());
        assertThat(actual.getModelId()).as(description + " modelId").isEqualTo(expected.get("modelId").asText());
        assertThat(actual.getModelVersion()).as(description + " modelVersion")
                .isEqualTo(expected.get("modelVersion").asText());
        if (expected.has("eventTimeMillis")) {
            assertThat(actual.getEventTime().toEpochMilli()).as(description + " eventTime")
                    .isEqualTo(expected.get("eventTimeMillis").asLong());
        }
        assertThat(actual.getFeatures()).as(description + " features")
                .containsExactlyEntriesOf(javaValues(expected.get("features")));
        assertThat(actual.getPrediction()).as(description + " prediction")
                .isEqualTo(javaValue(expected.get("prediction")));
        assertThat(actual.getProbabilities()).as(description + " probabilities")
                .containsExactlyInAnyOrderEntriesOf(doubles(expected.get("probabilities")));
        final Map<String, String> segments = new LinkedHashMap<>();
        expected.get("segments").properties().forEach(entry -> segments.put(entry.getKey(), entry.getValue().asText()));
        assertThat(actual.getSegments()).as(description + " segments").containsExactlyInAnyOrderEntriesOf(segments);
    }

    private static Map<String, Object> javaValues(final JsonNode object) {
        final Map<String, Object> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), javaValue(entry.getValue())));
        return values;
    }

    private static Map<String, Double> doubles(final JsonNode object) {
        final Map<String, Double> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().doubleValue()));
        return values;
    }

    private static Object javaValue(final JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.textValue();
    }
}
