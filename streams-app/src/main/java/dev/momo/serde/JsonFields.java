package dev.momo.serde;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads typed fields from a JSON object and reports invalid input as {@link InvalidJsonException}. */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Returns the string field {@code name}. An integral number is accepted as its decimal text,
     * because producers often send numeric ids and versions.
     */
    static String requiredText(JsonNode object, String name) {
        JsonNode node = requiredNode(object, name);
        String text;
        if (node.isTextual()) {
            text = node.textValue();
        } else if (node.isIntegralNumber()) {
            text = node.asText();
        } else {
            throw new InvalidJsonException("field '" + name + "' must be a string, but is " + describe(node));
        }
        if (text.isEmpty()) {
            throw new InvalidJsonException("field '" + name + "' is empty");
        }
        return text;
    }

    /**
     * Returns the timestamp field {@code name}, given as an ISO-8601 string with a zone (such as
     * {@code 2024-01-01T00:00:00Z}) or as integral epoch milliseconds.
     */
    static Instant requiredTimestamp(JsonNode object, String name) {
        JsonNode node = requiredNode(object, name);
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw new InvalidJsonException("field '" + name + "' is not an ISO-8601 timestamp with a zone, such as"
                        + " 2024-01-01T00:00:00Z: '" + abbreviate(node.textValue()) + "'");
            }
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        throw new InvalidJsonException("field '" + name + "' must be an ISO-8601 string or integral epoch"
                + " milliseconds, but is " + describe(node));
    }

    /** Returns the JSON object in field {@code name}. */
    static JsonNode requiredObject(JsonNode object, String name) {
        JsonNode node = requiredNode(object, name);
        if (!node.isObject()) {
            throw new InvalidJsonException("field '" + name + "' must be a JSON object, but is " + describe(node));
        }
        return node;
    }

    /** Returns the JSON object in field {@code name}, or null if the field is missing or null. */
    static JsonNode optionalObject(JsonNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidJsonException("field '" + name + "' must be a JSON object, but is " + describe(node));
        }
        return node;
    }

    private static JsonNode requiredNode(JsonNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidJsonException("missing required field '" + name + "'");
        }
        return node;
    }

    /** Returns the JSON type of a node for messages, with the value of scalars. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a JSON object";
        }
        if (node.isArray()) {
            return "a JSON array";
        }
        if (node.isNull()) {
            return "null";
        }
        String type = node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : "a number";
        return type + " (" + abbreviate(node.toString()) + ")";
    }

    /** Returns {@code text} cut to at most 80 characters, so that messages stay readable. */
    static String abbreviate(String text) {
        int maxLength = 80;
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 3) + "...";
    }

    /** Invalid JSON input. The decoders add the origin of the record to the message. */
    static final class InvalidJsonException extends RuntimeException {

        InvalidJsonException(String message) {
            super(message);
        }
    }
}
