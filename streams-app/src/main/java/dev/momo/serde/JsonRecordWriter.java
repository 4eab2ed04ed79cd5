package dev.momo.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro records, such as {@code DriftMetric} and {@code DriftAlert}, as JSON objects for
 * output files of the command-line tools. The object has one property per schema field, named and
 * ordered as in the schema.
 *
 * <p>Timestamps ({@code Instant}, or {@code long} fields with logical type timestamp-millis) become
 * ISO-8601 strings such as {@code "2018-10-30T18:00:00Z"}. Enums become their symbol. Null stays
 * null, and NaN and infinite doubles become null because JSON has no literal for them. Maps and
 * nested records become nested objects, lists become arrays and bytes become Base64 strings.
 */
public final class JsonRecordWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRecordWriter() {
    }

    /** Returns the record as a JSON object on one line, without a line break. */
    public static String toJson(IndexedRecord record) {
        try {
            return JSON.writeValueAsString(toJsonNode(record));
        } catch (JsonProcessingException e) {
            // Writing a tree of standard nodes into a String has no failure path.
            throw new IllegalStateException("Failed to write JSON for " + record.getSchema().getFullName(), e);
        }
    }

    /** Returns the record as a JSON object. */
    public static ObjectNode toJsonNode(IndexedRecord record) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            object.set(field.name(), valueNode(field.schema(), record.get(field.pos())));
        }
        return object;
    }

    private static JsonNode valueNode(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord nested) {
            return toJsonNode(nested);
        }
        if (value instanceof Map<?, ?> map) {
            return mapNode(schema, map);
        }
        if (value instanceof List<?> list) {
            return arrayNode(schema, list);
        }

        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Long millis && isTimestampMillis(schema)) {
            return NODES.textNode(Instant.ofEpochMilli(millis).toString());
        }

        if (value instanceof Double number) {
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.nullNode();
        }
        if (value instanceof Float number) {
            return Float.isFinite(number) ? NODES.numberNode(number) : NODES.nullNode();
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof ByteBuffer bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(copyBytes(bytes)));
        }

        // CharSequence (String, Utf8), enums, GenericEnumSymbol and other logical types such as
        // LocalDate and BigDecimal, whose toString is their standard text form.
        return NODES.textNode(value.toString());
    }

    private static ObjectNode mapNode(Schema schema, Map<?, ?> map) {
        Schema mapSchema = branch(schema, Schema.Type.MAP);
        Schema valueSchema = mapSchema == null ? null : mapSchema.getValueType();
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            object.set(String.valueOf(entry.getKey()), valueNode(valueSchema, entry.getValue()));
        }
        return object;
    }

    private static ArrayNode arrayNode(Schema schema, List<?> list) {
        Schema arraySchema = branch(schema, Schema.Type.ARRAY);
        Schema elementSchema = arraySchema == null ? null : arraySchema.getElementType();
        ArrayNode array = NODES.arrayNode();
        for (Object element : list) {
            array.add(valueNode(elementSchema, element));
        }
        return array;
    }

    /** Returns whether the schema, or one branch of a union, is a timestamp-millis long. */
    private static boolean isTimestampMillis(Schema schema) {
        if (schema == null) {
            return false;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().anyMatch(JsonRecordWriter::isTimestampMillis);
        }
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** Returns the schema, or its union branch, of the given type, or null if it has none. */
    private static Schema branch(Schema schema, Schema.Type type) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() == type) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(member -> member.getType() == type).findFirst().orElse(null);
        }
        return null;
    }

    private static byte[] copyBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
