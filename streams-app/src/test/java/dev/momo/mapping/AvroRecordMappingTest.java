package dev.momo.mapping;

import static dev.momo.mapping.MappingTestSupport.POSITION;
import static dev.momo.mapping.MappingTestSupport.assertEvent;
import static dev.momo.mapping.MappingTestSupport.decoder;
import static dev.momo.mapping.MappingTestSupport.record;
import static dev.momo.mapping.MappingTestSupport.reference;
import static dev.momo.mapping.MappingTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.InMemorySchemaRegistry;
import dev.momo.serde.UnknownSchemaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Avro records of a schema that is not Momo's: nested records, maps, an enum and unions with null.
 * The records were encoded by the Avro Python library and the expected events follow the mapping's
 * documented rules (src/test/python/input_mapping_reference_values.py).
 */
class AvroRecordMappingTest {

    private static final JsonNode AVRO = reference("avroRecords");
    private static final Schema SCHEMA = new Schema.Parser().parse(AVRO.get("schema").toString());

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final int schemaId = registry.register("inferences-value", SCHEMA);

    @Test
    void foreignRecordsWithPayloadPrefixMatchReference() {
        final MappedEventDecoder decoder = decoder(AVRO.get("mapping"), registry);

        for (final JsonNode reference : AVRO.get("cases")) {
            final byte[] avro = HexFormat.of().parseHex(reference.get("avroHex").asText());

            final InferenceEvent event = single(decoder.decode(record(prefixed(avro))));

            assertEvent(event, reference.get("expected"), reference.get("name").asText());
        }
    }

    @Test
    void foreignRecordsWithGuidHeaderMatchReference() {
        final MappedEventDecoder decoder = decoder(AVRO.get("mapping"), registry);
        final UUID guid = UUID.fromString(registry.guid(schemaId));
        final byte[] header = ByteBuffer.allocate(17).put((byte) 1).putLong(guid.getMostSignificantBits())
                .putLong(guid.getLeastSignificantBits()).array();

        for (final JsonNode reference : AVRO.get("cases")) {
            final byte[] avro = HexFormat.of().parseHex(reference.get("avroHex").asText());

            final InferenceEvent event = single(decoder.decode(record(avro,
                    new RecordHeaders().add("__value_schema_id", header))));

            assertEvent(event, reference.get("expected"), reference.get("name").asText());
        }
    }

    @Test
    void fieldMissingFromSchemaNamesPathAndFields() {
        final ObjectNode mapping = mapping();
        mapping.put("eventId", "request.customer.id");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessage("Record " + POSITION + " does not match input mapping test-mapping.json: eventId path"
                        + " 'request.customer.id' cannot be followed: 'request.customer' is record"
                        + " com.acme.scoring.Customer, which has no field 'id' (its fields: age, income, plan, active,"
                        + " tier).");
    }

    @Test
    void recordWhereIdExpectedNamesType() {
        final ObjectNode mapping = mapping();
        mapping.put("modelId", "model");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessage("Record " + POSITION + " does not match input mapping test-mapping.json: modelId path"
                        + " 'model' is record com.acme.scoring.Model, but an id or version must be a string or an"
                        + " integer.");
    }

    @Test
    void nullUnionWhereIdExpectedThrows() {
        final ObjectNode mapping = mapping();
        mapping.put("eventId", "region");

        // The second case has region null.
        assertThatThrownBy(() -> decodeCase(mapping, 1))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventId path 'region' is null, but an id or version must be a string or an"
                        + " integer");
    }

    @Test
    void nestedRecordAsFeatureNamesEntry() {
        final ObjectNode mapping = mapping();
        ((ObjectNode) mapping.get("features")).put("from", "request");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features.from path 'request' has entry 'customer', which is record"
                        + " com.acme.scoring.Customer, but a feature must be null, a boolean, a number or a string");
    }

    @Test
    void arrayAsFeatureNamesType() {
        final ObjectNode mapping = mapping();
        ((ObjectNode) mapping.get("features").get("paths")).put("embedding", "embedding");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features path 'embedding' is an array, but a feature must be null");
    }

    @Test
    void nameOnArrayNamesStep() {
        final ObjectNode mapping = mapping();
        ((ObjectNode) mapping.get("features").get("paths")).put("bad", "embedding.first");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features path 'embedding.first' cannot be followed: 'embedding' is an array,"
                        + " so it has no field 'first'");
    }

    @Test
    void indexOnMapNamesStep() {
        final ObjectNode mapping = mapping();
        ((ObjectNode) mapping.get("features").get("paths")).put("bad", "tags[0]");

        assertThatThrownBy(() -> decodeFirstCase(mapping))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features path 'tags[0]' cannot be followed: 'tags' is a map, not an array, so"
                        + " it has no index [0]");
    }

    @Test
    void eventTimeMillisFromLogicalType() {
        final InferenceEvent event = decodeFirstCase(mapping());

        assertThat(event.getEventTime().toEpochMilli())
                .isEqualTo(AVRO.get("cases").get(0).get("expected").get("eventTimeMillis").asLong());
    }

    @Test
    void timestampMicrosCountsMicroseconds() throws IOException {
        final Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Timed", "fields": [
                  {"name": "t", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "x", "type": "double"}]}
                """);
        final GenericRecord timed = new GenericData.Record(schema);
        timed.put("t", 1_704_067_200_123_456L);
        timed.put("x", 1.0);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(registry.register("timed-value", schema)).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(timed, encoder);
        encoder.flush();
        final String mapping = """
                {"modelId": {"value": "m"}, "modelVersion": {"value": "1"}, "eventTime": "t",
                 "features": {"paths": ["x"]}}
                """;

        final InferenceEvent event = single(decoder(mapping, registry).decode(record(bytes.toByteArray())));

        // 1704067200123456 microseconds is 2024-01-01T00:00:00.123456Z, kept to the millisecond.
        assertThat(event.getEventTime().toEpochMilli()).isEqualTo(1_704_067_200_123L);
    }

    @Test
    void unknownSchemaIdThrows() {
        final byte[] avro = HexFormat.of().parseHex(AVRO.get("cases").get(0).get("avroHex").asText());
        final byte[] unknown = ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(999).put(avro).array();

        assertThatThrownBy(() -> decoder(mapping(), registry).decode(record(unknown)))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("Record from " + POSITION + " refers to unknown schema id 999");
    }

    @Test
    void avroWithoutRegistryThrows() {
        final byte[] avro = HexFormat.of().parseHex(AVRO.get("cases").get(0).get("avroHex").asText());

        assertThatThrownBy(() -> decoder(mapping(), null).decode(record(prefixed(avro))))
                .hasMessageContaining("is in the Confluent wire format, but no schema registry is configured");
    }

    private InferenceEvent decodeFirstCase(final JsonNode mapping) {
        return decodeCase(mapping, 0);
    }

    private InferenceEvent decodeCase(final JsonNode mapping, final int index) {
        final byte[] avro = HexFormat.of().parseHex(AVRO.get("cases").get(index).get("avroHex").asText());
        return single(decoder(mapping, registry).decode(record(prefixed(avro))));
    }

    private byte[] prefixed(final byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(schemaId).put(avro).array();
    }

    private static ObjectNode mapping() {
        return AVRO.get("mapping").deepCopy();
    }
}
