package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The writer schema named in the {@code __value_schema_id} header, by id (magic byte 0) or by GUID
 * (magic byte 1). Header bytes of the reference cases come from Python's struct and uuid modules
 * (src/test/python/input_mapping_reference_values.py).
 */
class SchemaIdHeaderTest {

    private static final String TOPIC = "inference";
    private static final String HEADER = "__value_schema_id";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void headerReferencesMatchPythonBytes() throws IOException {
        for (JsonNode reference : referenceCases()) {
            byte[] header = HexFormat.of().parseHex(reference.get("headerHex").asText());

            WireFormat.Framing framing = WireFormat.framing("test", headers(header), new byte[0]);

            SchemaId expected = reference.has("guid") ? SchemaId.ofGuid(UUID.fromString(reference.get("guid").asText()))
                    : SchemaId.ofId(reference.get("id").asInt());
            assertThat(framing.schemaId()).as(reference.toString()).isEqualTo(expected);
            assertThat(framing.payloadOffset()).as(reference.toString()).isZero();
            assertThat(framing.fromHeader()).as(reference.toString()).isTrue();
        }
    }

    @Test
    void inferenceEventDecodedByIdHeader() {
        byte[] prefixed = serialize(SampleRecords.inferenceEvent());
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);
        byte[] header = Arrays.copyOfRange(prefixed, 0, 5);

        InferenceEvent event = new InferenceEventDecoder(registry).deserialize(TOPIC, headers(header), bare);

        assertThat(event).isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void inferenceEventDecodedByGuidHeader() {
        byte[] prefixed = serialize(SampleRecords.inferenceEvent());
        int id = WireFormat.readSchemaId(prefixed);
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);

        InferenceEvent event = new InferenceEventDecoder(registry)
                .deserialize(TOPIC, headers(guidHeader(registry.guid(id))), bare);

        assertThat(event).isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void groundTruthDecodedByGuidHeader() {
        GroundTruth truth = SampleRecords.groundTruth("churned");
        byte[] prefixed = new AvroSerializer<GroundTruth>(registry).serialize("labels", truth);
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);

        GroundTruth decoded = new GroundTruthDecoder(registry)
                .deserialize("labels", headers(guidHeader(registry.guid(WireFormat.readSchemaId(prefixed)))), bare);

        assertThat(decoded).isEqualTo(truth);
    }

    @Test
    void headerWinsOverPayloadPrefix() {
        // An empty eventId is written as length 0, so the bare payload starts with byte 0, which read
        // as a payload prefix would name schema id 0x0a636875 ("\nchu" of modelId "churn").
        InferenceEvent event = InferenceEvent.newBuilder(SampleRecords.inferenceEvent()).setEventId("").build();
        byte[] prefixed = serialize(event);
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);
        assertThat(bare[0]).isZero();

        InferenceEvent decoded = new InferenceEventDecoder(registry)
                .deserialize(TOPIC, headers(Arrays.copyOfRange(prefixed, 0, 5)), bare);

        assertThat(decoded).isEqualTo(event);
        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, new RecordHeaders(), bare))
                .isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void headerPayloadStartingWithBraceIsAvro() {
        // With the header, a payload that starts with '{' is still Avro, not JSON.
        byte[] header = WireFormat.header(registry.register("x-value", org.apache.avro.Schema.parse(
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"n\", \"type\": \"int\"}]}")));
        byte[] payload = {'{'};

        Object decoded = new GenericAvroDecoder(registry).decode("test", headers(header), payload);

        // 0x7b is the zig-zag varint of -62.
        assertThat(((GenericRecord) decoded).get("n")).isEqualTo(-62);
    }

    @Test
    void unknownIdInHeaderThrowsNamingHeader() {
        byte[] header = WireFormat.header(42);

        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, headers(header), new byte[] {2}))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("Record from topic 'inference' refers to unknown schema id 42 (from header"
                        + " __value_schema_id)");
    }

    @Test
    void unknownGuidInHeaderThrowsNamingGuid() {
        String guid = "0f8e2d6c-41b3-4c8e-9a55-1d3e5f7a9b01";

        assertThatThrownBy(() -> new InferenceEventDecoder(registry)
                .deserialize(TOPIC, headers(guidHeader(guid)), new byte[] {2}))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("refers to unknown schema GUID " + guid + " (from header __value_schema_id)")
                .hasMessageContaining("Unknown schema GUID " + guid);
    }

    @Test
    void unknownMagicByteInHeaderThrows() {
        byte[] header = {2, 0, 0, 0, 1};

        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, headers(header), new byte[] {2}))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Header __value_schema_id of the record from topic 'inference' has unknown magic"
                        + " byte 0x02, expected 0 (schema id) or 1 (schema GUID)");
    }

    @Test
    void shortGuidHeaderThrows() {
        byte[] header = {1, 2, 3};

        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, headers(header), new byte[] {2}))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("has 3 bytes, expected 17 (magic byte 1 and a 16-byte GUID)");
    }

    @Test
    void longIdHeaderThrows() {
        byte[] header = {0, 0, 0, 0, 1, 9};

        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, headers(header), new byte[] {2}))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("has 6 bytes, expected 5 (magic byte 0 and a 4-byte schema id)");
    }

    @Test
    void emptyHeaderThrows() {
        assertThatThrownBy(() -> new InferenceEventDecoder(registry)
                .deserialize(TOPIC, headers(new byte[0]), new byte[] {2}))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Header __value_schema_id of the record from topic 'inference' is empty");
    }

    @Test
    void lastHeaderCounts() {
        byte[] prefixed = serialize(SampleRecords.inferenceEvent());
        byte[] bare = Arrays.copyOfRange(prefixed, 5, prefixed.length);
        Headers headers = new RecordHeaders()
                .add(HEADER, WireFormat.header(99))
                .add(HEADER, Arrays.copyOfRange(prefixed, 0, 5));

        assertThat(new InferenceEventDecoder(registry).deserialize(TOPIC, headers, bare))
                .isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void truncatedBarePayloadThrows() {
        byte[] prefixed = serialize(SampleRecords.inferenceEvent());
        byte[] truncated = Arrays.copyOfRange(prefixed, 5, 12);

        assertThatThrownBy(() -> new InferenceEventDecoder(registry)
                .deserialize(TOPIC, headers(Arrays.copyOfRange(prefixed, 0, 5)), truncated))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("ends before the end of its writer schema id 1 (from header __value_schema_id)");
    }

    @Test
    void jsonWithoutHeaderStillJson() {
        byte[] json = ("{\"eventId\": \"e1\", \"modelId\": \"m\", \"modelVersion\": \"1\","
                + " \"eventTime\": 0, \"features\": {}}").getBytes(StandardCharsets.UTF_8);

        InferenceEvent event = new InferenceEventDecoder(registry).deserialize(TOPIC, new RecordHeaders(), json);

        assertThat(event.getEventId()).isEqualTo("e1");
    }

    @Test
    void payloadMagicByteOneIsNotAvro() {
        byte[] bytes = new byte[20];
        bytes[0] = 1;

        assertThatThrownBy(() -> new InferenceEventDecoder(registry).deserialize(TOPIC, new RecordHeaders(), bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("neither supported format")
                .hasMessageContaining("0x01");
    }

    @Test
    void inMemoryGuidIsNameUuid() {
        int id = registry.register("inference-value", InferenceEvent.getClassSchema());

        // UUID version 3 of the schema text, by the JDK's UUID.nameUUIDFromBytes.
        String expected = UUID.nameUUIDFromBytes(InferenceEvent.getClassSchema().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(registry.guid(id)).isEqualTo(expected);
        assertThat(registry.schemaByGuid(expected)).isEqualTo(InferenceEvent.getClassSchema());
    }

    @Test
    void inMemoryMalformedGuidIsUnknown() {
        assertThatThrownBy(() -> registry.schemaByGuid("not-a-guid"))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("Unknown schema GUID not-a-guid")
                .extracting(e -> ((UnknownSchemaException) e).schemaId()).isEqualTo(-1);
    }

    @Test
    void defaultClientKnowsNoGuid() {
        SchemaRegistryClient idsOnly = new SchemaRegistryClient() {
            @Override
            public int register(String subject, org.apache.avro.Schema schema) {
                return 1;
            }

            @Override
            public org.apache.avro.Schema schemaById(int id) {
                throw new UnknownSchemaException(id, "none");
            }
        };

        assertThatThrownBy(() -> idsOnly.schemaByGuid("0f8e2d6c-41b3-4c8e-9a55-1d3e5f7a9b01"))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("Unknown schema GUID 0f8e2d6c-41b3-4c8e-9a55-1d3e5f7a9b01");
    }

    @Test
    void genericDecoderWithoutRegistryThrows() {
        assertThatThrownBy(() -> new GenericAvroDecoder(null).decode("inferences-0@3", null, new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Record from inferences-0@3 is in the Confluent wire format, but no schema"
                        + " registry is configured");
    }

    private byte[] serialize(InferenceEvent event) {
        return new AvroSerializer<InferenceEvent>(registry).serialize(TOPIC, event);
    }

    private static Headers headers(byte[] schemaIdHeader) {
        return new RecordHeaders().add(HEADER, schemaIdHeader);
    }

    private static byte[] guidHeader(String guid) {
        UUID uuid = UUID.fromString(guid);
        return java.nio.ByteBuffer.allocate(17).put((byte) 1).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    private static Iterable<JsonNode> referenceCases() throws IOException {
        try (InputStream input = SchemaIdHeaderTest.class.getResourceAsStream("/mapping/input_mapping.json")) {
            assertThat(input).as("test resource /mapping/input_mapping.json; regenerate it with"
                    + " input_mapping_reference_values.py").isNotNull();
            return new ObjectMapper().readTree(input).get("schemaIdHeaders");
        }
    }
}
