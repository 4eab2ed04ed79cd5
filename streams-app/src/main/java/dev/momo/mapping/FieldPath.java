package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Path to a value inside an Avro record or a JSON object, such as {@code request.customer.age} or
 * {@code outputs[0].data}.
 *
 * <p>Grammar: names separated by dots, each name optionally followed by one or more zero-based array
 * indexes in brackets. A name is any non-empty text without {@code .}, {@code [} and {@code ]}, so a
 * JSON key or map key that contains one of them cannot be reached by a path (take the whole object
 * with {@code from} instead).
 *
 * <p>Resolution, step by step from the root:
 * <ul>
 *   <li>a name on an Avro record must be a field of the record's writer schema, or the path fails,
 *       because then no record of that schema can match;</li>
 *   <li>a name on an Avro map or a JSON object whose key is absent, and an index past the end of an
 *       array, give {@link Lookup#missing()};</li>
 *   <li>a null on the way gives a null value, so {@code a.b} is null when {@code a} is null;</li>
 *   <li>a name on an array, an index on anything but an array, or any step on a string, number or
 *       boolean fails.</li>
 * </ul>
 * Failures are {@link PathException}s whose message names the step and the types involved, never a
 * value of the record.
 */
final class FieldPath {

    private final String text;
    private final List<Step> steps;

    private FieldPath(final String text, final List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming the path and the problem if it breaks the grammar
     */
    static FieldPath parse(final String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        final List<Step> steps = new ArrayList<>();
        for (final String segment : text.split("\\.", -1)) {
            parseSegment(text, segment, steps);
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    private static void parseSegment(final String text, final String segment, final List<Step> steps) {
        final int bracket = segment.indexOf('[');
        final String name = bracket < 0 ? segment : segment.substring(0, bracket);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("path '" + text + "' has an empty name; write names separated by"
                    + " single dots, with indexes right after a name, as in outputs[0].data");
        }
        if (name.indexOf(']') >= 0) {
            throw new IllegalArgumentException("path '" + text + "' has ']' without '['");
        }
        steps.add(new Step(name, -1));

        int position = bracket;
        while (position >= 0 && position < segment.length()) {
            final int close = segment.indexOf(']', position);
            if (segment.charAt(position) != '[' || close < 0) {
                throw new IllegalArgumentException("path '" + text + "' has an index that is not of the form [N]");
            }
            final String digits = segment.substring(position + 1, close);
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
                throw new IllegalArgumentException("path '" + text + "' has index [" + digits + "]; an index is a"
                        + " non-negative integer below 10^9");
            }
            steps.add(new Step(null, Integer.parseInt(digits)));
            position = close + 1;
        }
    }

    /** Returns the path as written in the mapping. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FieldPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * Returns the value at this path in {@code root}, an Avro {@link GenericRecord} (with its schema) or
     * a Jackson {@link JsonNode}.
     *
     * @throws PathException if a step cannot apply to the value it meets
     */
    Lookup resolve(final Object root, final Schema rootSchema) {
        Object value = root;
        Schema schema = rootSchema;
        String walked = "";
        for (final Step step : steps) {
            if (isNull(value)) {
                return Lookup.found(null, null);
            }
            final Lookup next = step.name() != null ? byName(value, schema, step.name(), walked)
                    : byIndex(value, schema, step.index(), walked);
            if (next.isMissing()) {
                return next;
            }
            value = next.value();
            schema = next.schema();
            walked = walked.isEmpty() ? step.toString() : walked + (step.name() != null ? "." : "") + step;
        }
        return Lookup.found(isNull(value) ? null : value, schema);
    }

    private static Lookup byName(final Object value, final Schema schema, final String name, final String walked) {
        if (value instanceof GenericRecord record) {
            final Schema.Field field = record.getSchema().getField(name);
            if (field == null) {
                final String fields = record.getSchema().getFields().stream().map(Schema.Field::name)
                        .collect(Collectors.joining(", "));
                throw new PathException(where(walked) + " is record " + record.getSchema().getFullName()
                        + ", which has no field '" + name + "' (its fields: " + fields + ")");
            }
            final Object child = record.get(field.pos());
            return Lookup.found(child, branch(field.schema(), child));
        }
        if (value instanceof Map<?, ?> map) {
            for (final Map.Entry<?, ?> entry : map.entrySet()) {
                if (name.contentEquals(entry.getKey().toString())) {
                    final Schema valueSchema = schema == null ? null : schema.getValueType();
                    return Lookup.found(entry.getValue(), branch(valueSchema, entry.getValue()));
                }
            }
            return Lookup.missing();
        }
        if (value instanceof JsonNode node && node.isObject()) {
            final JsonNode child = node.get(name);
            return child == null ? Lookup.missing() : Lookup.found(child, null);
        }
        throw new PathException(where(walked) + " is " + Values.describeType(value, schema)
                + ", so it has no field '" + name + "'");
    }

    private static Lookup byIndex(final Object value, final Schema schema, final int index, final String walked) {
        if (value instanceof List<?> list) {
            if (index >= list.size()) {
                return Lookup.missing();
            }
            final Object element = list.get(index);
            final Schema elementSchema = schema == null ? null : schema.getElementType();
            return Lookup.found(element, branch(elementSchema, element));
        }
        if (value instanceof JsonNode node && node.isArray()) {
            return index >= node.size() ? Lookup.missing() : Lookup.found(node.get(index), null);
        }
        throw new PathException(where(walked) + " is " + Values.describeType(value, schema)
                + ", not an array, so it has no index [" + index + "]");
    }

    private static String where(final String walked) {
        return walked.isEmpty() ? "the record" : "'" + walked + "'";
    }

    private static boolean isNull(final Object value) {
        return value == null || (value instanceof JsonNode node && node.isNull());
    }

    /** Returns the branch of a union that {@code value} has, or the schema itself when it is no union. */
    static Schema branch(final Schema schema, final Object value) {
        if (schema == null || schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
    }

    /** One step: a name, or an index when {@code name} is null. */
    private record Step(String name, int index) {
        @Override
        public String toString() {
            return name != null ? name : "[" + index + "]";
        }
    }

    /**
     * Result of a lookup: a value (possibly null) with its Avro schema (null for JSON), or missing.
     */
    record Lookup(boolean isMissing, Object value, Schema schema) {

        static Lookup found(final Object value, final Schema schema) {
            return new Lookup(false, value, schema);
        }

        static Lookup missing() {
            return new Lookup(true, null, null);
        }
    }

    /** A path step that cannot apply to the value it meets. The message names the step and the types. */
    static final class PathException extends RuntimeException {
        PathException(final String message) {
            super(message);
        }
    }
}
