package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.testing.FakeSchemaRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "inference";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @AfterEach
    void dropScope() {
        SchemaRegistries.dropScope("avro-serde-test");
    }

    @Test
    void roundTripInferenceEvent() {
        AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class, registry);
        InferenceEvent event = SampleRecords.inferenceEvent();

        InferenceEvent decoded = roundTrip(serde, event);

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.getFeatures()).containsEntry("age", 41L);
        assertThat(decoded.getFeatures()).containsEntry("email", null);
        assertThat((Double) decoded.getFeatures().get("score")).isNaN();
        assertThat(decoded.getEventTime()).isEqualTo(SampleRecords.EVENT_TIME);
    }

    @Test
    void roundTripGroundTruthStringLabel() {
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, registry);
        GroundTruth label = SampleRecords.groundTruth("churned");

        assertThat(roundTrip(serde, label)).isEqualTo(label);
    }

    @Test
    void roundTripGroundTruthNumericLabel() {
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, registry);
        GroundTruth label = SampleRecords.groundTruth(12.5);

        assertThat(roundTrip(serde, label).getLabel()).isEqualTo(12.5);
    }

    @Test
    void roundTripDriftMetricKeepsNaN() {
        AvroSerde<DriftMetric> serde = new AvroSerde<>(DriftMetric.class, registry);
        DriftMetric metric = SampleRecords.driftMetric();

        DriftMetric decoded = roundTrip(serde, metric);

        // Avro's equals treats NaN as unequal to itself, so the fields are compared with Double.compare.
        assertThat(decoded).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class)
                .isEqualTo(metric);
        assertThat(decoded.getValue()).isNaN();
        assertThat(decoded.getPValue()).isNull();
        assertThat(decoded.getWindowEnd()).isNull();
    }

    @Test
    void roundTripDriftAlertKeepsEnums() {
        AvroSerde<DriftAlert> serde = new AvroSerde<>(DriftAlert.class, registry);
        DriftAlert alert = SampleRecords.driftAlert();

        assertThat(roundTrip(serde, alert)).isEqualTo(alert);
    }

    @Test
    void serializeWritesBigEndianHeader() {
        CountingRegistry fixedId = new CountingRegistry(0x01020304);
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, fixedId);

        byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.groundTruth("churned"));

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.groundTruth("churned"));
    }

    @Test
    void serializeRegistersUnderTopicValueSubject() {
        AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class, registry);

        byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.inferenceEvent());

        assertThat(registry.subjects()).containsExactly("inference-value");
        assertThat(registry.schemaIds("inference-value")).containsExactly(1);
        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, 1);
    }

    @Test
    void serializeKeySerdeRegistersUnderTopicKeySubject() {
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, registry);
        serde.configure(Map.of(), true);

        serde.serializer().serialize("labels", SampleRecords.groundTruth("churned"));

        assertThat(registry.subjects()).containsExactly("labels-key");
    }

    @Test
    void serializeRegistersOncePerTopic() {
        CountingRegistry counting = new CountingRegistry(7);
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, counting);

        for (int i = 0; i < 3; i++) {
            serde.serializer().serialize(TOPIC, SampleRecords.groundTruth("churned"));
        }
        serde.serializer().serialize("replay", SampleRecords.groundTruth("churned"));

        assertThat(counting.registrations.get()).isEqualTo(2);
    }

    @Test
    void deserializeFetchesWriterSchemaOncePerId() {
        CountingRegistry counting = new CountingRegistry(7);
        AvroSerde<GroundTruth> serde = new AvroSerde<>(GroundTruth.class, counting);
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.groundTruth("churned"));

        for (int i = 0; i < 3; i++) {
            serde.deserializer().deserialize(TOPIC, bytes);
        }

        assertThat(counting.lookups.get()).isEqualTo(1);
    }

    @Test
    void nullRecordStaysNull() {
        AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class, registry);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void deserializeNewerWriterSkipsExtraField() throws IOException {
        Schema writerSchema = evolvedSchema(schema -> {
            ObjectNode traceId = schema.objectNode().put("name", "traceId").put("type", "string").put("default", "");
            ((ArrayNode) schema.get("fields")).add(traceId);
        });
        GenericRecord written = genericEvent(writerSchema);
        written.put("traceId", "t-123");
        written.put("prediction", 0.7);
        written.put("probabilities", Map.of("1", 0.7));
        written.put("segments", Map.of("region", "eu"));

        InferenceEvent decoded = deserializeWritten(writerSchema, written);

        assertThat(decoded.getEventId()).isEqualTo("e1");
        assertThat(decoded.getPrediction()).isEqualTo(0.7);
        assertThat(decoded.getSegments()).containsEntry("region", "eu");
    }

    @Test
    void deserializeOlderWriterUsesDefaults() throws IOException {
        Schema writerSchema = evolvedSchema(schema -> {
            ArrayNode fields = (ArrayNode) schema.get("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                String name = fields.get(i).get("name").asText();
                if (name.equals("prediction") || name.equals("probabilities") || name.equals("segments")) {
                    fields.remove(i);
                }
            }
        });

        InferenceEvent decoded = deserializeWritten(writerSchema, genericEvent(writerSchema));

        assertThat(decoded.getModelVersion()).isEqualTo("3");
        assertThat(decoded.getPrediction()).isNull();
        assertThat(decoded.getProbabilities()).isEmpty();
        assertThat(decoded.getSegments()).isEmpty();
    }

    @Test
    void deserializeIncompatibleWriterThrows() throws IOException {
        Schema writerSchema = evolvedSchema(schema -> {
            ArrayNode fields = (ArrayNode) schema.get("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).get("name").asText().equals("modelVersion")) {
                    fields.remove(i);
                }
            }
        });
        GenericRecord written = genericEvent(writerSchema);
        int id = registry.register("inference-value", writerSchema);
        byte[] bytes = wireBytes(id, writerSchema, written);
        AvroDeserializer<InferenceEvent> deserializer = new AvroDeserializer<>(InferenceEvent.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("topic 'inference'")
                .hasMessageContaining("writer schema id " + id)
                .hasMessageContaining("cannot be read as dev.momo.schema.InferenceEvent")
                .hasMessageContaining("modelVersion");
    }

    @Test
    void deserializeUnknownIdThrows() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};
        AvroDeserializer<InferenceEvent> deserializer = new AvroDeserializer<>(InferenceEvent.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("unknown schema id 42")
                .hasMessageContaining("topic 'inference'")
                .hasMessageContaining("same schema registry")
                .extracting(e -> ((UnknownSchemaException) e).schemaId())
                .isEqualTo(42);
    }

    @Test
    void deserializeBadMagicByteThrows() {
        byte[] bytes = "{\"eventId\":\"e1\"}".getBytes();
        AvroDeserializer<InferenceEvent> deserializer = new AvroDeserializer<>(InferenceEvent.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("topic 'inference'")
                .hasMessageContaining("unknown magic byte 0x7b, expected 0 (Confluent wire format)")
                .hasMessageContaining("may be JSON");
    }

    @Test
    void deserializeTooShortRecordThrows() {
        byte[] bytes = {0, 0, 1};
        AvroDeserializer<InferenceEvent> deserializer = new AvroDeserializer<>(InferenceEvent.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Record of 3 bytes from topic 'inference' is too short")
                .hasMessageContaining("at least 5 bytes");
    }

    @Test
    void deserializeTruncatedRecordThrows() {
        AvroSerde<DriftAlert> serde = new AvroSerde<>(DriftAlert.class, registry);
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.driftAlert());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("topic 'inference'")
                .hasMessageContaining("truncated");
    }

    @Test
    void serializeMissingFieldThrows() {
        AvroSerde<DriftMetric> serde = new AvroSerde<>(DriftMetric.class, registry);
        DriftMetric incomplete = SampleRecords.driftMetric();
        incomplete.setModelId(null);

        assertThatThrownBy(() -> serde.serializer().serialize("metrics", incomplete))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Failed to serialize dev.momo.schema.DriftMetric for topic 'metrics'")
                .hasMessageContaining("modelId");
    }

    @Test
    void configureMockUrlSharesScope() {
        Map<String, String> configs = Map.of(SchemaRegistries.URL_CONFIG, "mock://avro-serde-test");
        AvroSerde<InferenceEvent> producerSide = new AvroSerde<>(InferenceEvent.class);
        producerSide.configure(configs, false);
        AvroSerde<InferenceEvent> consumerSide = new AvroSerde<>(InferenceEvent.class);
        consumerSide.configure(configs, false);

        byte[] bytes = producerSide.serializer().serialize(TOPIC, SampleRecords.inferenceEvent());

        assertThat(consumerSide.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void configureWithoutUrlThrowsConfigException() {
        AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class);

        assertThatThrownBy(() -> serde.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void configureHttpUrl_usesTheRegistryServer() {
        try (FakeSchemaRegistry server = FakeSchemaRegistry.start()) {
            AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class);
            serde.configure(Map.of(SchemaRegistries.URL_CONFIG, server.baseUrl()), false);

            byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.inferenceEvent());

            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.inferenceEvent());
            assertThat(server.subjects()).contains(TOPIC + "-value");
        }
    }

    @Test
    void unconfiguredSerializerThrows() {
        AvroSerde<InferenceEvent> serde = new AvroSerde<>(InferenceEvent.class);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, SampleRecords.inferenceEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema.registry.url=mock://NAME");
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(AvroSerde<T> serde, T record) {
        byte[] bytes = serde.serializer().serialize(TOPIC, record);
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    /** Returns the InferenceEvent schema after {@code change} edited its JSON. */
    private static Schema evolvedSchema(java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(InferenceEvent.getClassSchema().toString());
        change.accept(schema);
        return new Schema.Parser().parse(schema.toString());
    }

    /** Returns a generic record with the non-null fields of InferenceEvent that {@code schema} has. */
    private static GenericRecord genericEvent(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        Map<String, Object> features = new HashMap<>();
        features.put("age", 41L);
        features.put("plan", "basic");
        record.put("eventId", "e1");
        record.put("modelId", "churn");
        if (schema.getField("modelVersion") != null) {
            record.put("modelVersion", "3");
        }
        record.put("eventTime", SampleRecords.EVENT_TIME.toEpochMilli());
        record.put("features", features);
        if (schema.getField("probabilities") != null) {
            record.put("probabilities", Map.of());
        }
        if (schema.getField("segments") != null) {
            record.put("segments", Map.of());
        }
        return record;
    }

    private InferenceEvent deserializeWritten(Schema writerSchema, GenericRecord written) throws IOException {
        int id = registry.register("inference-value", writerSchema);
        AvroDeserializer<InferenceEvent> deserializer = new AvroDeserializer<>(InferenceEvent.class, registry);
        return deserializer.deserialize(TOPIC, wireBytes(id, writerSchema, written));
    }

    /** Returns the record in the Confluent wire format, written by a producer with its own schema. */
    private static byte[] wireBytes(int schemaId, Schema writerSchema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writerSchema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Registry that assigns one fixed id to every schema and counts the calls. */
    private static final class CountingRegistry implements SchemaRegistryClient {

        private final int id;
        private final AtomicInteger registrations = new AtomicInteger();
        private final AtomicInteger lookups = new AtomicInteger();
        private volatile Schema schema;

        CountingRegistry(int id) {
            this.id = id;
        }

        @Override
        public int register(String subject, Schema schema) {
            registrations.incrementAndGet();
            this.schema = schema;
            return id;
        }

        @Override
        public Schema schemaById(int requestedId) {
            lookups.incrementAndGet();
            if (requestedId != id || schema == null) {
                throw new UnknownSchemaException(requestedId, "Unknown schema id " + requestedId);
            }
            return schema;
        }
    }
}
