package dev.momo.mapping;

import static dev.momo.mapping.MappingTestSupport.POSITION;
import static dev.momo.mapping.MappingTestSupport.RECORD_TIMESTAMP;
import static dev.momo.mapping.MappingTestSupport.decoder;
import static dev.momo.mapping.MappingTestSupport.json;
import static dev.momo.mapping.MappingTestSupport.reference;
import static dev.momo.mapping.MappingTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.SerdeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON objects mapped by a record mapping. */
class JsonRecordMappingTest {

    private static final String MAPPING = """
            {"modelId": "meta.model", "modelVersion": "meta.version", "eventId": "meta.id",
             "eventTime": "meta.time",
             "features": {"from": "input", "exclude": ["debug"], "rename": {"inc": "income"},
                          "paths": {"first_item": "items[0].price", "country": "meta.geo.country"}},
             "prediction": "output.score",
             "probabilities": {"paths": {"yes": "output.p_yes", "no": "output.p_no"}},
             "segments": {"paths": {"channel": "meta.channel", "tier": "meta.tier"}}}
            """;

    private static final String RECORD = """
            {"meta": {"model": "churn", "version": 3, "id": "req-9", "time": "2024-03-01T10:00:00Z",
                      "geo": {"country": "es"}, "channel": "web", "tier": 2},
             "input": {"age": 41, "inc": 1520.5, "plan": "basic", "email": null, "active": true, "debug": "x"},
             "items": [{"price": 9.99}, {"price": 5}],
             "output": {"score": 0.7, "p_yes": 0.7, "p_no": 0.3}}
            """;

    @Test
    void jsonRecordMapsEveryKey() {
        final InferenceEvent event = decode(MAPPING, RECORD);

        assertThat(event.getModelId()).isEqualTo("churn");
        assertThat(event.getModelVersion()).isEqualTo("3");
        assertThat(event.getEventId()).isEqualTo("req-9");
        assertThat(event.getEventTime().toString()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(event.getPrediction()).isEqualTo(0.7);
        assertThat(event.getProbabilities()).containsExactly(Map.entry("yes", 0.7), Map.entry("no", 0.3));
        assertThat(event.getSegments()).containsExactly(Map.entry("channel", "web"), Map.entry("tier", "2"));
    }

    @Test
    void jsonFeaturesKeepTypesRenamesAndOrder() {
        final Map<String, Object> features = decode(MAPPING, RECORD).getFeatures();

        assertThat(features.keySet()).containsExactly("age", "income", "plan", "email", "active", "first_item",
                "country");
        assertThat(features.get("age")).isEqualTo(41L);
        assertThat(features.get("income")).isEqualTo(1520.5);
        assertThat(features.get("plan")).isEqualTo("basic");
        assertThat(features).containsEntry("email", null);
        assertThat(features.get("active")).isEqualTo(true);
        assertThat(features.get("first_item")).isEqualTo(9.99);
        assertThat(features.get("country")).isEqualTo("es");
    }

    @Test
    void missingFeaturePathLeavesFeatureAbsent() {
        final InferenceEvent event = decode(MAPPING, RECORD.replace("\"geo\": {\"country\": \"es\"}, ", "")
                .replace("[{\"price\": 9.99}, {\"price\": 5}]", "[]"));

        assertThat(event.getFeatures()).doesNotContainKeys("country", "first_item");
    }

    @Test
    void nullOnTheWayGivesNullFeature() {
        final InferenceEvent event = decode(MAPPING, RECORD.replace("\"geo\": {\"country\": \"es\"}", "\"geo\": null"));

        assertThat(event.getFeatures()).containsEntry("country", null);
    }

    @Test
    void pathReplacesFromEntryOfSameName() {
        final String mapping = """
                {"modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"from": "input", "paths": {"age": "other.age"}}}
                """;

        final InferenceEvent event = decode(mapping, "{\"input\": {\"age\": 1, \"b\": 2}, \"other\": {\"age\": 99}}");

        assertThat(event.getFeatures()).containsExactly(Map.entry("age", 99L), Map.entry("b", 2L));
    }

    @Test
    void pathListNamesFeaturesByPathAndRename() {
        final String mapping = """
                {"modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"paths": ["age", "customer.income"], "rename": {"customer.income": "income"}}}
                """;

        final InferenceEvent event = decode(mapping, "{\"age\": 30, \"customer\": {\"income\": 2.5}}");

        assertThat(event.getFeatures()).containsExactly(Map.entry("age", 30L), Map.entry("income", 2.5));
    }

    @Test
    void defaultsUsePositionAndRecordTimestamp() {
        final String mapping = """
                {"modelId": {"value": "m"}, "modelVersion": {"value": "1"}, "features": {"paths": ["x"]}}
                """;

        final InferenceEvent event = decode(mapping, "{\"x\": 1}");

        assertThat(event.getEventId()).isEqualTo(POSITION);
        assertThat(event.getEventTime().toEpochMilli()).isEqualTo(RECORD_TIMESTAMP);
        assertThat(event.getPrediction()).isNull();
        assertThat(event.getProbabilities()).isEmpty();
        assertThat(event.getSegments()).isEmpty();
    }

    @Test
    void oneMappingServesSeveralModels() {
        final MappedEventDecoder decoder = decoder(MAPPING, null);

        final InferenceEvent churn = single(decoder.decode(json(RECORD)));
        final InferenceEvent fraud = single(decoder.decode(json(RECORD.replace("\"churn\"", "\"fraud\""))));

        assertThat(churn.getModelId()).isEqualTo("churn");
        assertThat(fraud.getModelId()).isEqualTo("fraud");
    }

    @Test
    void eventTimesMatchPythonDatetime() {
        for (final JsonNode reference : reference("eventTimes")) {
            final String unit = reference.get("unit").isNull() ? "" : ", \"unit\": \"" + reference.get("unit").asText()
                    + "\"";
            final String mapping = "{\"modelId\": {\"value\": \"m\"}, \"modelVersion\": {\"value\": \"1\"},"
                    + " \"eventTime\": {\"path\": \"t\"" + unit + "}, \"features\": {\"paths\": [\"x\"]}}";
            final String record = "{\"t\": " + reference.get("value") + ", \"x\": 1}";

            final InferenceEvent event = decode(mapping, record);

            assertThat(event.getEventTime().toEpochMilli()).as(reference.toString())
                    .isEqualTo(reference.get("millis").asLong());
        }
    }

    @Test
    void predictionBooleanBecomesLabel() {
        final InferenceEvent event = decode(MAPPING, RECORD.replace("\"score\": 0.7", "\"score\": true"));

        assertThat(event.getPrediction()).isEqualTo("true");
    }

    @Test
    void predictionNullStaysNull() {
        final InferenceEvent event = decode(MAPPING, RECORD.replace("\"score\": 0.7", "\"score\": null"));

        assertThat(event.getPrediction()).isNull();
    }

    @Test
    void missingModelIdPathThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"model\": \"churn\", ", "")))
                .isInstanceOf(MappingException.class)
                .hasMessage("Record " + POSITION + " does not match input mapping test-mapping.json: modelId path"
                        + " 'meta.model' is not in the record.");
    }

    @Test
    void missingPredictionPathThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"score\": 0.7, ", "")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("prediction path 'output.score' is not in the record");
    }

    @Test
    void fractionalVersionThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"version\": 3", "\"version\": 3.5")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("modelVersion path 'meta.version' is a number, but an id or version must be a"
                        + " string or an integer");
    }

    @Test
    void emptyEventIdThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"req-9\"", "\"\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventId path 'meta.id' is an empty string");
    }

    @Test
    void invalidTimeStringThrowsWithoutValue() {
        final String secret = "tuesday-4711";

        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("2024-03-01T10:00:00Z", secret)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventTime path 'meta.time' is a string that is not an ISO-8601 timestamp with a"
                        + " zone, such as 2024-01-01T00:00:00Z")
                .hasMessageNotContaining(secret);
    }

    @Test
    void objectAsTimeThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"2024-03-01T10:00:00Z\"", "{}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventTime path 'meta.time' is a JSON object, but an event time must be an"
                        + " ISO-8601 string or a number of milliseconds since the epoch");
    }

    @Test
    void timeBeyondEpochMillisThrows() {
        final String mapping = MAPPING.replace("\"eventTime\": \"meta.time\"",
                "\"eventTime\": {\"path\": \"meta.time\", \"unit\": \"seconds\"}");

        assertThatThrownBy(() -> decode(mapping, RECORD.replace("\"2024-03-01T10:00:00Z\"", "9223372036854775807")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventTime path 'meta.time' is a number of seconds outside the range of"
                        + " timestamps");
    }

    @Test
    void nonFiniteTimeThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"2024-03-01T10:00:00Z\"", "NaN")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("eventTime path 'meta.time' is a non-finite number");
    }

    @Test
    void textProbabilityThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"p_no\": 0.3", "\"p_no\": \"low\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("probabilities path 'output.p_no' is a string, but a probability must be a"
                        + " number")
                .hasMessageNotContaining("low");
    }

    @Test
    void nullProbabilityIsLeftOut() {
        final InferenceEvent event = decode(MAPPING, RECORD.replace("\"p_no\": 0.3", "\"p_no\": null"));

        assertThat(event.getProbabilities()).containsOnlyKeys("yes");
    }

    @Test
    void objectSegmentThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"channel\": \"web\"", "\"channel\": {}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("segments path 'meta.channel' is a JSON object, but a segment must be a string,"
                        + " a number or a boolean");
    }

    @Test
    void fromOnScalarThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"input\": {", "\"input\": 5, \"unused\": {")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features.from path 'input' is a number, but from takes a map, an Avro record or"
                        + " a JSON object");
    }

    @Test
    void missingFromThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"input\": {", "\"unused\": {")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features.from path 'input' is not in the record");
    }

    @Test
    void nullFromGivesNoEntries() {
        final ObjectNode record = (ObjectNode) readTree(RECORD);
        record.putNull("input");

        final InferenceEvent event = single(decoder(MAPPING, null).decode(json(record)));

        assertThat(event.getFeatures()).containsOnlyKeys("first_item", "country");
    }

    @Test
    void nestedObjectFeatureThrowsWithoutValue() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"plan\": \"basic\"", "\"plan\": {\"code\": 7}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features.from path 'input' has entry 'plan', which is a JSON object, but a"
                        + " feature must be null, a boolean, a number or a string");
    }

    @Test
    void scalarOnTheWayThrows() {
        assertThatThrownBy(() -> decode(MAPPING, RECORD.replace("\"geo\": {\"country\": \"es\"}", "\"geo\": \"es\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features path 'meta.geo.country' cannot be followed: 'meta.geo' is a string,"
                        + " so it has no field 'country'");
    }

    @Test
    void neitherAvroNorJsonThrows() {
        assertThatThrownBy(() -> decoder(MAPPING, null).decode(json("[1, 2]")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Record from " + POSITION + " is in neither supported format");
    }

    @Test
    void invalidJsonThrows() {
        assertThatThrownBy(() -> decoder(MAPPING, null).decode(json("{\"meta\": ")))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Invalid JSON in inference log record from " + POSITION);
    }

    private static InferenceEvent decode(final String mapping, final String record) {
        return single(decoder(mapping, null).decode(json(record)));
    }

    private static JsonNode readTree(final String text) {
        try {
            return MappingTestSupport.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
