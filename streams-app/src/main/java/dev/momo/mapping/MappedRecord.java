package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.momo.mapping.FieldPath.Lookup;
import dev.momo.mapping.FieldPath.PathException;
import dev.momo.mapping.InputMapping.EventTime;
import dev.momo.mapping.InputMapping.FieldGroup;
import dev.momo.mapping.InputMapping.ValueSource;
import dev.momo.mapping.Values.ValueException;
import dev.momo.topology.InputRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One decoded input record under its mapping: looks values up by the mapping's paths and turns every
 * mismatch into a {@link MappingException} that names the record's position, the mapping file, the
 * mapping key and the path. Messages name types and field names, never values.
 */
final class MappedRecord {

    private final InputMapping mapping;
    private final Object root;
    private final Schema rootSchema;
    private final InputRecord input;

    /**
     * @param root the decoded value: an Avro generic value or a Jackson {@link JsonNode}
     * @param rootSchema the Avro writer schema of {@code root}, or null for JSON
     */
    MappedRecord(final InputMapping mapping, final Object root, final Schema rootSchema, final InputRecord input) {
        this.mapping = mapping;
        this.root = root;
        this.rootSchema = rootSchema;
        this.input = input;
    }

    InputMapping mapping() {
        return mapping;
    }

    InputRecord input() {
        return input;
    }

    Object root() {
        return root;
    }

    /** Returns the value at {@code path}, possibly missing or null. */
    Lookup lookup(final String key, final FieldPath path) {
        try {
            return path.resolve(root, rootSchema);
        } catch (PathException e) {
            throw mismatch(key, path, "cannot be followed: " + e.getMessage());
        }
    }

    /** Returns the value at {@code path}, which may be null but must be present. */
    Lookup require(final String key, final FieldPath path) {
        final Lookup lookup = lookup(key, path);
        if (lookup.isMissing()) {
            throw mismatch(key, path, "is not in the record");
        }
        return lookup;
    }

    /** Returns the model id, model version or another identifier from a path or a fixed value. */
    String identifier(final String key, final ValueSource source) {
        if (source.fixed() != null) {
            return source.fixed();
        }
        return identifier(key, source.path());
    }

    /** Returns the identifier at {@code path}: a non-empty string, or an integer as its text. */
    String identifier(final String key, final FieldPath path) {
        final Lookup lookup = require(key, path);
        return convert(key, path, lookup, Values::identifier);
    }

    /** Returns the event time of the mapping, or the Kafka record timestamp when the mapping sets none. */
    Instant eventTime() {
        final EventTime eventTime = mapping.eventTime();
        if (eventTime == null) {
            return Instant.ofEpochMilli(input.timestamp());
        }
        final Lookup lookup = require("eventTime", eventTime.path());
        return convert("eventTime", eventTime.path(), lookup,
                (value, schema) -> Values.timestamp(value, schema, eventTime.unit()));
    }

    /**
     * Returns the named values of {@code group}, converted by {@code converter}. Entries of
     * {@code from} come first, in record order, then {@code paths} in mapping order, which replace
     * entries of the same name. A path that the record lacks is left out. A null value is kept when
     * {@code keepNulls} is set, else left out.
     */
    <V> Map<String, V> group(final String key, final FieldGroup group, final BiFunction<Object, Schema, V> converter,
                             final boolean keepNulls) {
        final Map<String, V> values = new LinkedHashMap<>();
        if (group.from() != null) {
            addEntries(key, group, converter, keepNulls, values);
        }
        for (final Map.Entry<String, FieldPath> entry : group.paths().entrySet()) {
            final Lookup lookup = lookup(key, entry.getValue());
            if (lookup.isMissing() || (lookup.value() == null && !keepNulls)) {
                continue;
            }
            values.put(entry.getKey(), convert(key, entry.getValue(), lookup, converter));
        }
        return values;
    }

    private <V> void addEntries(final String key, final FieldGroup group, final BiFunction<Object, Schema, V> converter,
                                final boolean keepNulls, final Map<String, V> values) {
        final FieldPath from = group.from();
        final Lookup container = require(key + ".from", from);
        final Object value = container.value();
        if (value == null) {
            return;
        }

        final Map<String, Lookup> entries = new LinkedHashMap<>();
        if (value instanceof GenericRecord record) {
            for (final Schema.Field field : record.getSchema().getFields()) {
                final Object child = record.get(field.pos());
                entries.put(field.name(), Lookup.found(child, FieldPath.branch(field.schema(), child)));
            }
        } else if (value instanceof Map<?, ?> map) {
            final Schema valueSchema = container.schema() == null ? null : container.schema().getValueType();
            map.forEach((name, child) ->
                    entries.put(name.toString(), Lookup.found(child, FieldPath.branch(valueSchema, child))));
        } else if (value instanceof JsonNode node && node.isObject()) {
            node.properties().forEach(entry -> entries.put(entry.getKey(),
                    Lookup.found(entry.getValue().isNull() ? null : entry.getValue(), null)));
        } else {
            throw mismatch(key + ".from", from, "is " + Values.describeType(value, container.schema())
                    + ", but from takes a map, an Avro record or a JSON object");
        }

        for (final Map.Entry<String, Lookup> entry : entries.entrySet()) {
            if (group.exclude().contains(entry.getKey())) {
                continue;
            }
            final Lookup child = entry.getValue();
            if (child.value() == null && !keepNulls) {
                continue;
            }
            try {
                values.put(group.renamed(entry.getKey()), child.value() == null ? null
                        : converter.apply(child.value(), child.schema()));
            } catch (ValueException e) {
                throw mismatch(key + ".from", from, "has entry '" + entry.getKey() + "', which " + e.getMessage());
            }
        }
    }

    /** Converts a looked-up value, turning a type mismatch into a {@link MappingException}. */
    <V> V convert(final String key, final FieldPath path, final Lookup lookup,
                  final BiFunction<Object, Schema, V> converter) {
        try {
            return converter.apply(lookup.value(), lookup.schema());
        } catch (ValueException e) {
            throw mismatch(key, path, e.getMessage());
        }
    }

    /** Returns the exception for a path of mapping key {@code key} that does not fit this record. */
    MappingException mismatch(final String key, final FieldPath path, final String problem) {
        return failure(key + " path '" + path + "' " + problem);
    }

    /** Returns the exception for a mismatch that {@code detail} describes as a clause. */
    MappingException failure(final String detail) {
        return new MappingException("Record " + input.position() + " does not match input mapping "
                + mapping.source() + ": " + detail + ".");
    }
}
