package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.schema.InferenceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InferenceEventDecoderTest {

    private static final String TOPIC = "inference";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String FULL_EVENT = """
            {"eventId": "e1", "modelId": "churn", "modelVersion": "3",
             "eventTime": "2024-01-01T00:00:00Z",
             "features": {"a": 1.5, "b": "x", "c": null, "d": true, "e": 41},
             "prediction": 0.7, "probabilities": {"1": 0.7, "0": 0.3}, "segments": {"region": "eu"}}
            """;

    private final InferenceEventDecoder decoder = new InferenceEventDecoder();

    @AfterEach
    void dropScope() {
        SchemaRegistries.dropScope("inference-decoder-test");
    }

    @Test
    void jsonFullEventDecodesEveryField() {
        InferenceEvent event = decodeJson(FULL_EVENT);

        assertThat(event.getEventId()).isEqualTo("e1");
        assertThat(event.getModelId()).isEqualTo("churn");
        assertThat(event.getModelVersion()).isEqualTo("3");
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(event.getPrediction()).isEqualTo(0.7);
        assertThat(event.getProbabilities()).containsExactly(Map.entry("1", 0.7), Map.entry("0", 0.3));
        assertThat(event.getSegments()).containsExactly(Map.entry("region", "eu"));
    }

    @Test
    void jsonFeatureValuesKeepTheirTypes() {
        Map<String, Object> features = decodeJson(FULL_EVENT).getFeatures();

        assertThat(features.get("a")).isEqualTo(1.5);
        assertThat(features.get("b")).isEqualTo("x");
        assertThat(features).containsEntry("c", null);
        assertThat(features.get("d")).isEqualTo(true);
        assertThat(features.get("e")).isEqualTo(41L);
    }

    @Test
    void jsonDecimalWithZeroFractionStaysDouble() {
        InferenceEvent event = decodeJson(withField("features", "{\"a\": 1.0, \"b\": 1e3}"));

        assertThat(event.getFeatures().get("a")).isEqualTo(1.0);
        assertThat(event.getFeatures().get("b")).isEqualTo(1000.0);
    }

    @Test
    void jsonIntegerBeyondLongBecomesDouble() {
        InferenceEvent event = decodeJson(withField("features", "{\"a\": 123456789012345678901234567890}"));

        assertThat(event.getFeatures().get("a")).isEqualTo(1.2345678901234568E29);
    }

    @Test
    void jsonNonFiniteStringsStayStrings() {
        InferenceEvent event = decodeJson(withField("features",
                "{\"a\": \"NaN\", \"b\": \"Infinity\", \"c\": \"-Infinity\"}"));

        assertThat(event.getFeatures()).containsExactly(
                Map.entry("a", "NaN"), Map.entry("b", "Infinity"), Map.entry("c", "-Infinity"));
    }

    @Test
    void jsonBareNaNTokensBecomeDoubles() {
        // Written as text, because Jackson writes NaN as a string by default.
        InferenceEvent event = decodeJson("""
                {"eventId": "e1", "modelId": "churn", "modelVersion": "3", "eventTime": 1704067200000,
                 "features": {"a": NaN, "b": Infinity, "c": -Infinity}}
                """);

        assertThat((Double) event.getFeatures().get("a")).isNaN();
        assertThat(event.getFeatures().get("b")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(event.getFeatures().get("c")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void jsonEpochMillisEventTimeDecoded() {
        InferenceEvent event = decodeJson(withField("eventTime", "1704067200000"));

        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void jsonOffsetEventTimeConvertedToUtc() {
        InferenceEvent event = decodeJson(withField("eventTime", "\"2024-01-01T02:00:00+02:00\""));

        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void jsonEventTimeWithoutZoneThrows() {
        assertThatThrownBy(() -> decodeJson(withField("eventTime", "\"2024-01-01T00:00:00\"")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'eventTime' is not an ISO-8601 timestamp with a zone");
    }

    @Test
    void jsonFractionalEventTimeThrows() {
        assertThatThrownBy(() -> decodeJson(withField("eventTime", "1704067200.5")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'eventTime' must be an ISO-8601 string or integral epoch milliseconds");
    }

    @Test
    void jsonNumericIdsBecomeText() {
        InferenceEvent event = decodeJson(withField("modelVersion", "3"));

        assertThat(event.getModelVersion()).isEqualTo("3");
    }

    @Test
    void jsonStringPredictionIsLabel() {
        InferenceEvent event = decodeJson(withField("prediction", "\"classA\""));

        assertThat(event.getPrediction()).isEqualTo("classA");
    }

    @Test
    void jsonIntegralPredictionBecomesDouble() {
        InferenceEvent event = decodeJson(withField("prediction", "1"));

        assertThat(event.getPrediction()).isEqualTo(1.0);
    }

    @Test
    void jsonBooleanPredictionThrows() {
        assertThatThrownBy(() -> decodeJson(withField("prediction", "true")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'prediction' must be a number, a string or null");
    }

    @Test
    void jsonOptionalFieldsMissingUseDefaults() {
        InferenceEvent event = decodeJson("""
                {"eventId": "e1", "modelId": "churn", "modelVersion": "3",
                 "eventTime": "2024-01-01T00:00:00Z", "features": {}}
                """);

        assertThat(event.getPrediction()).isNull();
        assertThat(event.getProbabilities()).isEmpty();
        assertThat(event.getSegments()).isEmpty();
        assertThat(event.getFeatures()).isEmpty();
    }

    @Test
    void jsonUnknownFieldIgnored() {
        InferenceEvent event = decodeJson(withField("traceId", "\"t-1\""));

        assertThat(event.getEventId()).isEqualTo("e1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "modelId", "modelVersion", "eventTime", "features"})
    void jsonMissingRequiredFieldThrows(String field) throws Exception {
        ObjectNode event = (ObjectNode) MAPPER.readTree(FULL_EVENT);
        event.remove(field);

        assertThatThrownBy(() -> decodeJson(event.toString()))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("topic 'inference'")
                .hasMessageContaining("missing required field '" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "modelId", "modelVersion", "eventTime", "features"})
    void jsonNullRequiredFieldThrows(String field) throws Exception {
        ObjectNode event = (ObjectNode) MAPPER.readTree(FULL_EVENT);
        event.putNull(field);

        assertThatThrownBy(() -> decodeJson(event.toString()))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("missing required field '" + field + "'");
    }

    @Test
    void jsonEmptyEventIdThrows() {
        assertThatThrownBy(() -> decodeJson(withField("eventId", "\"\"")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'eventId' is empty");
    }

    @Test
    void jsonFeaturesArrayThrows() {
        assertThatThrownBy(() -> decodeJson(withField("features", "[1, 2]")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'features' must be a JSON object, but is a JSON array");
    }

    @Test
    void jsonNestedFeatureValueThrows() {
        assertThatThrownBy(() -> decodeJson(withField("features", "{\"a\": {\"b\": 1}}")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("feature 'a' must be null, a boolean, a number or a string");
    }

    @Test
    void jsonNonNumericProbabilityThrows() {
        assertThatThrownBy(() -> decodeJson(withField("probabilities", "{\"1\": \"high\"}")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("probability of '1' must be a number");
    }

    @Test
    void jsonScalarSegmentsBecomeText() {
        InferenceEvent event = decodeJson(withField("segments", "{\"tier\": 2, \"vip\": false}"));

        assertThat(event.getSegments()).containsExactly(Map.entry("tier", "2"), Map.entry("vip", "false"));
    }

    @Test
    void jsonNullSegmentLeftOut() {
        InferenceEvent event = decodeJson(withField("segments", "{\"region\": null, \"channel\": \"web\"}"));

        assertThat(event.getSegments()).containsExactly(Map.entry("channel", "web"));
    }

    @Test
    void jsonLeadingWhitespaceSkipped() {
        byte[] json = ("\n\t  " + FULL_EVENT).getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.deserialize(TOPIC, json).getEventId()).isEqualTo("e1");
    }

    @Test
    void jsonByteOrderMarkSkipped() {
        byte[] json = FULL_EVENT.getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xef;
        withMark[1] = (byte) 0xbb;
        withMark[2] = (byte) 0xbf;
        System.arraycopy(json, 0, withMark, 3, json.length);

        assertThat(decoder.deserialize(TOPIC, withMark).getEventId()).isEqualTo("e1");
    }

    @Test
    void jsonSyntaxErrorThrowsWithPosition() {
        assertThatThrownBy(() -> decodeJson("{\"eventId\": \"e1\", "))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Invalid JSON in inference event record from topic 'inference'")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void jsonTrailingContentThrows() {
        assertThatThrownBy(() -> decodeJson(FULL_EVENT + " {}"))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Invalid JSON");
    }

    @Test
    void otherFirstByteThrowsNamingByte() {
        assertThatThrownBy(() -> decodeJson("[" + FULL_EVENT + "]"))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("neither supported format")
                .hasMessageContaining("0x5b");
    }

    @Test
    void emptyRecordThrows() {
        assertThatThrownBy(() -> decoder.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Record from topic 'inference' is empty");
    }

    @Test
    void nullRecordReturnsNull() {
        assertThat(decoder.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void decodeNamesGivenOrigin() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode("events.jsonl line 12", json))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("from events.jsonl line 12")
                .hasMessageContaining("missing required field 'eventId'");
    }

    @Test
    void wireFormatDecodedWithRegistry() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] bytes = new AvroSerializer<InferenceEvent>(registry).serialize(TOPIC, SampleRecords.inferenceEvent());

        InferenceEvent event = new InferenceEventDecoder(registry).deserialize(TOPIC, bytes);

        assertThat(event).isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void wireFormatDecodedAfterConfigureWithUrl() {
        SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://inference-decoder-test");
        byte[] bytes = new AvroSerializer<InferenceEvent>(registry).serialize(TOPIC, SampleRecords.inferenceEvent());
        InferenceEventDecoder configured = new InferenceEventDecoder();
        configured.configure(Map.of(SchemaRegistries.URL_CONFIG, "mock://inference-decoder-test"), false);

        assertThat(configured.deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.inferenceEvent());
    }

    @Test
    void configureWithoutUrlKeepsJsonWorking() {
        InferenceEventDecoder configured = new InferenceEventDecoder();
        configured.configure(Map.of(), false);

        assertThat(configured.deserialize(TOPIC, FULL_EVENT.getBytes(StandardCharsets.UTF_8)).getEventId())
                .isEqualTo("e1");
    }

    @Test
    void wireFormatWithoutRegistryThrows() {
        byte[] bytes = new AvroSerializer<InferenceEvent>(new InMemorySchemaRegistry())
                .serialize(TOPIC, SampleRecords.inferenceEvent());

        assertThatThrownBy(() -> decoder.deserialize(TOPIC, bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Confluent wire format")
                .hasMessageContaining("no schema registry");
    }

    @Test
    void wireFormatUnknownIdThrows() {
        byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> new InferenceEventDecoder(new InMemorySchemaRegistry()).deserialize(TOPIC, bytes))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("unknown schema id 42");
    }

    private InferenceEvent decodeJson(String json) {
        return decoder.deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the full event with {@code field} set to the JSON text {@code value}. */
    private static String withField(String field, String value) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(FULL_EVENT);
            event.set(field, MAPPER.readTree(value));
            return event.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON value in test: " + value, e);
        }
    }
}
