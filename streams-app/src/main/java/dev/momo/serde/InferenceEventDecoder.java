package dev.momo.serde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.JsonFields.InvalidJsonException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes input records into {@link InferenceEvent} from the Confluent wire format or from JSON of
 * this shape:
 *
 * <pre>{@code
 * {"eventId": "e1", "modelId": "churn", "modelVersion": "3",
 *  "eventTime": "2024-01-01T00:00:00Z",
 *  "features": {"age": 41, "income": 1520.5, "plan": "basic", "email": null, "active": true},
 *  "prediction": 0.7, "probabilities": {"1": 0.7, "0": 0.3}, "segments": {"region": "eu"}}
 * }</pre>
 *
 * <p>eventId, modelId, modelVersion, eventTime and features are required. eventTime is an ISO-8601
 * string with a zone or integral epoch milliseconds. Feature values become null, Boolean, Long
 * (integral numbers), Double (other numbers) or String. The strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} stay strings, so that later checks can report them as
 * data-quality findings. prediction is a number (read as Double), a string (a class label) or null.
 * probabilities and segments default to empty maps. Segment values that are numbers or booleans
 * become their JSON text, and null segment values are left out.
 */
public final class InferenceEventDecoder extends DualFormatDecoder<InferenceEvent> {

    /** Creates a decoder that reads JSON, and the wire format once configured with a registry URL. */
    public InferenceEventDecoder() {
        this(null);
    }

    /** Creates a decoder that uses {@code registry} for records in the wire format. */
    public InferenceEventDecoder(SchemaRegistryClient registry) {
        super(InferenceEvent.class, "inference event", registry);
    }

    @Override
    InferenceEvent fromJson(JsonNode object) {
        return InferenceEvent.newBuilder()
                .setEventId(JsonFields.requiredText(object, "eventId"))
                .setModelId(JsonFields.requiredText(object, "modelId"))
                .setModelVersion(JsonFields.requiredText(object, "modelVersion"))
                .setEventTime(JsonFields.requiredTimestamp(object, "eventTime"))
                .setFeatures(features(JsonFields.requiredObject(object, "features")))
                .setPrediction(prediction(object.get("prediction")))
                .setProbabilities(probabilities(JsonFields.optionalObject(object, "probabilities")))
                .setSegments(segments(JsonFields.optionalObject(object, "segments")))
                .build();
    }

    private static Map<String, Object> features(JsonNode object) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            features.put(entry.getKey(), featureValue(entry.getKey(), entry.getValue()));
        }
        return features;
    }

    private static Object featureValue(String name, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            // Integers beyond the range of long lose precision as double, but keep their magnitude.
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new InvalidJsonException("feature '" + name + "' must be null, a boolean, a number or a string, but is "
                + JsonFields.describe(node));
    }

    private static Object prediction(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new InvalidJsonException("field 'prediction' must be a number, a string or null, but is "
                + JsonFields.describe(node));
    }

    private static Map<String, Double> probabilities(JsonNode object) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        if (object == null) {
            return probabilities;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNumber()) {
                throw new InvalidJsonException("probability of '" + entry.getKey() + "' must be a number, but is "
                        + JsonFields.describe(value));
            }
            probabilities.put(entry.getKey(), value.doubleValue());
        }
        return probabilities;
    }

    private static Map<String, String> segments(JsonNode object) {
        Map<String, String> segments = new LinkedHashMap<>();
        if (object == null) {
            return segments;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                throw new InvalidJsonException("segment '" + entry.getKey() + "' must be a string, but is "
                        + JsonFields.describe(value));
            }
            segments.put(entry.getKey(), value.asText());
        }
        return segments;
    }
}
