package dev.momo.mapping;

import static dev.momo.mapping.MappingTestSupport.JSON;
import static dev.momo.mapping.MappingTestSupport.POSITION;
import static dev.momo.mapping.MappingTestSupport.RECORD_TIMESTAMP;
import static dev.momo.mapping.MappingTestSupport.assertEvent;
import static dev.momo.mapping.MappingTestSupport.decoder;
import static dev.momo.mapping.MappingTestSupport.json;
import static dev.momo.mapping.MappingTestSupport.reference;
import static dev.momo.mapping.MappingTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Open Inference Protocol v2 requests and responses. The expected rows of the reference cases come
 * from NumPy's row-major reshape of the tensor data (src/test/python/input_mapping_reference_values.py).
 */
class OipMappingTest {

    private static final String MAPPING = """
            {"format": "oip", "modelId": {"value": "churn"}, "modelVersion": {"value": "3"}}
            """;

    @Test
    void referencePayloadsMatchNumpyRows() {
        for (final JsonNode reference : reference("oip")) {
            final String name = reference.get("name").asText();

            final List<InferenceEvent> events = decoder(reference.get("mapping"), null)
                    .decode(json(reference.get("payload")));

            assertThat(events).as(name).hasSize(reference.get("events").size());
            for (int row = 0; row < events.size(); row++) {
                assertEvent(events.get(row), reference.get("events").get(row), name + " row " + row);
            }
        }
    }

    @Test
    void batchRowsShareRecordTimestamp() {
        final JsonNode batch = reference("oip").get(1);

        final List<InferenceEvent> events = decoder(batch.get("mapping"), null).decode(json(batch.get("payload")));

        assertThat(events).extracting(event -> event.getEventTime().toEpochMilli()).containsOnly(RECORD_TIMESTAMP);
    }

    @Test
    void requestWithoutIdUsesPosition() {
        final InferenceEvent event = decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1.5]}]}
                """);

        assertThat(event.getEventId()).isEqualTo(POSITION + "/0");
    }

    @Test
    void eventIdAndTimeFromParameters() {
        final String mapping = """
                {"format": "oip", "modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "eventId": "parameters.trace", "eventTime": {"path": "parameters.ts", "unit": "seconds"},
                 "segments": {"paths": {"region": "parameters.region"}}}
                """;

        final InferenceEvent event = decodeOne(mapping, """
                {"id": "ignored", "parameters": {"trace": "t-5", "ts": 1704067200, "region": "eu"},
                 "inputs": [{"name": "x", "shape": [1], "datatype": "INT32", "data": [3]}]}
                """);

        assertThat(event.getEventId()).isEqualTo("t-5/0");
        assertThat(event.getEventTime().toEpochMilli()).isEqualTo(1_704_067_200_000L);
        assertThat(event.getSegments()).containsExactly(Map.entry("region", "eu"));
    }

    @Test
    void renameAndExcludeApplyToInputs() {
        final String mapping = """
                {"format": "oip", "modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"rename": {"input-0": "age"}, "exclude": ["image"]}}
                """;

        final InferenceEvent event = decodeOne(mapping, """
                {"inputs": [{"name": "input-0", "shape": [1, 1], "datatype": "INT64", "data": [[41]]},
                            {"name": "image", "shape": [1, 2, 2], "datatype": "UINT8", "data": [1, 2, 3, 4]}]}
                """);

        assertThat(event.getFeatures()).containsExactly(Map.entry("age", 41L));
    }

    @Test
    void inputsListSelectsFeatures() {
        final String mapping = """
                {"format": "oip", "modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"inputs": ["b"]}}
                """;

        final InferenceEvent event = decodeOne(mapping, """
                {"inputs": [{"name": "a", "shape": [1], "datatype": "FP64", "data": [1]},
                            {"name": "b", "shape": [1], "datatype": "FP64", "data": [2]}]}
                """);

        assertThat(event.getFeatures()).containsExactly(Map.entry("b", 2.0));
    }

    @Test
    void integerDataOfFloatTypeBecomesDouble() {
        final InferenceEvent event = decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP16", "data": [2]}]}
                """);

        assertThat(event.getFeatures().get("x")).isEqualTo(2.0);
    }

    @Test
    void boolPredictionBecomesLabel() {
        final InferenceEvent event = decodeOne("{\"format\": \"oip\"}", """
                {"model_name": "spam", "model_version": "7", "outputs": [
                  {"name": "is_spam", "shape": [1], "datatype": "BOOL", "data": [true]}]}
                """);

        assertThat(event.getPrediction()).isEqualTo("true");
    }

    @Test
    void responseModelNameIsDefaultModelId() {
        final InferenceEvent event = decodeOne("{\"format\": \"oip\"}", """
                {"model_name": "spam", "model_version": "7", "outputs": [
                  {"name": "p", "shape": [1], "datatype": "FP32", "data": [0.5]}]}
                """);

        assertThat(event.getModelId()).isEqualTo("spam");
        assertThat(event.getModelVersion()).isEqualTo("7");
        assertThat(event.getPrediction()).isEqualTo(0.5);
    }

    @Test
    void requestWithoutModelIdThrows() {
        assertThatThrownBy(() -> decodeOne("{\"format\": \"oip\"}", """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessage("Record " + POSITION + " does not match input mapping test-mapping.json: the mapping sets"
                        + " no modelId and the record has no response with \"model_name\"; set modelId in the"
                        + " mapping.");
    }

    @Test
    void responseWithoutVersionThrows() {
        assertThatThrownBy(() -> decodeOne("{\"format\": \"oip\"}", """
                {"model_name": "spam", "outputs": [{"name": "p", "shape": [1], "datatype": "FP32", "data": [0.5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("the mapping sets no modelVersion and the record has no response with"
                        + " \"model_version\"");
    }

    @Test
    void wideInputWithoutNamesThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "dense", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("input 'dense' has shape [1, 3], 3 values per row, so it needs 3 feature names"
                        + " in features.names.dense");
    }

    @Test
    void namesOfWrongLengthThrow() {
        final String mapping = """
                {"format": "oip", "modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"names": {"dense": ["a", "b"]}}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"inputs": [{"name": "dense", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("input 'dense' has shape [1, 3], 3 values per row, but features.names.dense"
                        + " lists 2 names");
    }

    @Test
    void rankThreeInputThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "image", "shape": [1, 2, 2], "datatype": "UINT8", "data": [1, 2, 3, 4]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("input 'image' has shape [1, 2, 2], but only inputs of shape [N], [N, 1] or"
                        + " [N, K] become features");
    }

    @Test
    void dataCountNotMatchingShapeThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3, 4, 5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("inputs: tensor 'x' has 5 data elements, but its shape [2, 3] needs 6");
    }

    @Test
    void unknownDatatypeThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP8", "data": [1]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("tensor 'x' has datatype 'FP8'; supported are BOOL, INT8 to INT64, UINT8 to"
                        + " UINT64, FP16, BF16, FP32, FP64 and BYTES");
    }

    @Test
    void dataOfWrongTypeThrowsWithoutValue() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [2], "datatype": "INT32", "data": [1, "secret-77"]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("tensor 'x' of datatype INT32 has data element 1 of another JSON type; INT32"
                        + " takes integers")
                .hasMessageNotContaining("secret-77");
    }

    @Test
    void fractionalIntegerDataThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "INT64", "data": [1.5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("INT64 takes integers");
    }

    @Test
    void missingShapeThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "x", "shape": [], "datatype": "FP32", "data": [1]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("tensor 'x' has no \"shape\"; it needs at least the batch dimension");
    }

    @Test
    void batchSizesDisagreeThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "a", "shape": [2], "datatype": "FP32", "data": [1, 2]},
                            {"name": "b", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("tensors disagree on the batch size: 'a' has shape [2] and 'b' has shape [3]");
    }

    @Test
    void emptyBatchThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, """
                {"inputs": [{"name": "a", "shape": [0], "datatype": "FP32", "data": []}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("tensor 'a' has 0 rows");
    }

    @Test
    void missingPredictionOutputThrows() {
        final String mapping = """
                {"format": "oip", "prediction": {"output": "label"}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"model_name": "m", "model_version": "1", "outputs": [
                  {"name": "score", "shape": [1], "datatype": "FP32", "data": [0.5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("prediction.output names output 'label', which the record does not have (its"
                        + " outputs: score)");
    }

    @Test
    void widePredictionOutputThrows() {
        final String mapping = """
                {"format": "oip", "prediction": {"output": "proba"}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"model_name": "m", "model_version": "1", "outputs": [
                  {"name": "proba", "shape": [1, 2], "datatype": "FP32", "data": [0.5, 0.5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("prediction.output 'proba' has shape [1, 2], but a prediction needs one value"
                        + " per row");
    }

    @Test
    void classesOfWrongLengthThrow() {
        final String mapping = """
                {"format": "oip", "probabilities": {"output": "proba", "classes": ["a", "b", "c"]}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"model_name": "m", "model_version": "1", "outputs": [
                  {"name": "proba", "shape": [1, 2], "datatype": "FP32", "data": [0.5, 0.5]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("probabilities.output 'proba' has 2 values per row, but probabilities.classes"
                        + " lists 3 classes");
    }

    @Test
    void textProbabilitiesThrow() {
        final String mapping = """
                {"format": "oip", "probabilities": {"output": "proba"}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"model_name": "m", "model_version": "1", "outputs": [
                  {"name": "proba", "shape": [1], "datatype": "BYTES", "data": ["high"]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("probabilities.output 'proba' must be a numeric tensor of shape [N] or [N, K]");
    }

    @Test
    void recordWithoutTensorsThrows() {
        assertThatThrownBy(() -> decodeOne(MAPPING, "{\"id\": \"x\"}"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("the record has neither \"inputs\" (an OIP request) nor \"outputs\" (an OIP"
                        + " response)");
    }

    @Test
    void inputsListNamingAbsentInputThrows() {
        final String mapping = """
                {"format": "oip", "modelId": {"value": "m"}, "modelVersion": {"value": "1"},
                 "features": {"inputs": ["age"]}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, """
                {"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]}
                """))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("features.inputs lists input 'age', which the request does not have (its"
                        + " inputs: x)");
    }

    @Test
    void requestPathToNonObjectThrows() {
        final String mapping = """
                {"format": "oip", "request": "req", "modelId": {"value": "m"}, "modelVersion": {"value": "1"}}
                """;

        assertThatThrownBy(() -> decodeOne(mapping, "{\"req\": [1]}"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("request path 'req' is not an OIP request object with \"inputs\"");
    }

    @Test
    void avroRecordWithOipMappingThrows() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final int id = registry.register("inferences-value", new Schema.Parser().parse(
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"n\", \"type\": \"int\"}]}"));
        final byte[] avro = ByteBuffer.allocate(6).put((byte) 0).putInt(id).put((byte) 2).array();

        assertThatThrownBy(() -> decoder(MAPPING, registry).decode(MappingTestSupport.record(avro)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("an OIP mapping reads JSON payloads, but the record is Avro");
    }

    private static InferenceEvent decodeOne(final String mapping, final String payload) {
        return single(decoder(mapping, null).decode(json(parse(payload))));
    }

    private static JsonNode parse(final String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON in test", e);
        }
    }
}
