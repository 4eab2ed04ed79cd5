package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.GroundTruth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroundTruthDecoderTest {

    private static final String TOPIC = "labels";

    private final GroundTruthDecoder decoder = new GroundTruthDecoder();

    @Test
    void jsonStringLabelDecoded() {
        GroundTruth truth = decodeJson("""
                {"eventId": "e1", "modelId": "churn", "label": "churned", "eventTime": "2024-01-03T12:00:00Z"}
                """);

        assertThat(truth.getEventId()).isEqualTo("e1");
        assertThat(truth.getModelId()).isEqualTo("churn");
        assertThat(truth.getLabel()).isEqualTo("churned");
        assertThat(truth.getEventTime()).isEqualTo(Instant.parse("2024-01-03T12:00:00Z"));
    }

    @Test
    void jsonNumericLabelBecomesDouble() {
        GroundTruth truth = decodeJson("""
                {"eventId": "e1", "modelId": "churn", "label": 1, "eventTime": 1704283200000}
                """);

        assertThat(truth.getLabel()).isEqualTo(1.0);
        assertThat(truth.getEventTime()).isEqualTo(Instant.parse("2024-01-03T12:00:00Z"));
    }

    @Test
    void jsonNaNStringLabelStaysString() {
        GroundTruth truth = decodeJson("""
                {"eventId": "e1", "modelId": "churn", "label": "NaN", "eventTime": 1704283200000}
                """);

        assertThat(truth.getLabel()).isEqualTo("NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventId", "modelId", "label", "eventTime"})
    void jsonMissingRequiredFieldThrows(String field) {
        String json = """
                {"eventId": "e1", "modelId": "churn", "label": "churned", "eventTime": 1704283200000}
                """.replace("\"" + field + "\"", "\"renamed\"");

        assertThatThrownBy(() -> decodeJson(json))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Invalid JSON ground truth from topic 'labels'")
                .hasMessageContaining("missing required field '" + field + "'");
    }

    @Test
    void jsonBooleanLabelThrows() {
        assertThatThrownBy(() -> decodeJson("""
                {"eventId": "e1", "modelId": "churn", "label": true, "eventTime": 1704283200000}
                """))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("field 'label' must be a string or a number, but is a boolean (true)");
    }

    @Test
    void wireFormatDecodedWithRegistry() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GroundTruth truth = SampleRecords.groundTruth(0.0);
        byte[] bytes = new AvroSerializer<GroundTruth>(registry).serialize(TOPIC, truth);

        assertThat(new GroundTruthDecoder(registry).deserialize(TOPIC, bytes)).isEqualTo(truth);
    }

    @Test
    void wireFormatBadMagicByteIsNotJson() {
        byte[] bytes = {1, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> new GroundTruthDecoder(new InMemorySchemaRegistry()).deserialize(TOPIC, bytes))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("neither supported format")
                .hasMessageContaining("0x01");
    }

    private GroundTruth decodeJson(String json) {
        return decoder.deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }
}
