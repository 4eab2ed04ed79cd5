package dev.momo.serde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.schema.GroundTruth;
import dev.momo.serde.JsonFields.InvalidJsonException;

/**
 * Decodes input records into {@link GroundTruth} from the Confluent wire format or from JSON of
 * this shape:
 *
 * <pre>{@code
 * {"eventId": "e1", "modelId": "churn", "label": "churned", "eventTime": "2024-01-03T12:00:00Z"}
 * }</pre>
 *
 * <p>All four fields are required. label is a string (a class label) or a number (read as Double).
 * eventTime is an ISO-8601 string with a zone or integral epoch milliseconds.
 */
public final class GroundTruthDecoder extends DualFormatDecoder<GroundTruth> {

    /** Creates a decoder that reads JSON, and the wire format once configured with a registry URL. */
    public GroundTruthDecoder() {
        this(null);
    }

    /** Creates a decoder that uses {@code registry} for records in the wire format. */
    public GroundTruthDecoder(SchemaRegistryClient registry) {
        super(GroundTruth.class, "ground truth", registry);
    }

    @Override
    GroundTruth fromJson(JsonNode object) {
        return GroundTruth.newBuilder()
                .setEventId(JsonFields.requiredText(object, "eventId"))
                .setModelId(JsonFields.requiredText(object, "modelId"))
                .setLabel(label(object.get("label")))
                .setEventTime(JsonFields.requiredTimestamp(object, "eventTime"))
                .build();
    }

    private static Object label(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidJsonException("missing required field 'label'");
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new InvalidJsonException("field 'label' must be a string or a number, but is "
                + JsonFields.describe(node));
    }
}
