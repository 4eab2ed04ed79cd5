package dev.momo.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts values found by a {@link FieldPath}, Avro generic values or Jackson nodes, into the types
 * of {@code InferenceEvent}. Failures are {@link ValueException}s that name the type met and the type
 * expected, never the value, so messages stay free of record contents.
 */
final class Values {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private Values() {
    }

    /**
     * Returns a feature value: null, Boolean, Long (integral numbers), Double (other numbers and Avro
     * decimals) or String (strings and enum symbols). Avro ints and floats widen to Long and Double.
     */
    static Object feature(final Object value, final Schema schema) {
        if (value == null) {
            return null;
        }
        final Object scalar = scalar(value, schema);
        if (scalar == null) {
            throw new ValueException("is " + describeType(value, schema) + ", but a feature must be null, a boolean,"
                    + " a number or a string");
        }
        return scalar;
    }

    /**
     * Returns an identifier: a string, an enum symbol or an integral number as its decimal text.
     *
     * @throws ValueException for null, empty text and every other type
     */
    static String identifier(final Object value, final Schema schema) {
        if (value == null) {
            throw new ValueException("is null, but an id or version must be a string or an integer");
        }
        final Object scalar = scalar(value, schema);
        final String text;
        if (scalar instanceof String string) {
            text = string;
        } else if (scalar instanceof Long number) {
            text = number.toString();
        } else if (value instanceof JsonNode node && node.isBigInteger()) {
            text = node.bigIntegerValue().toString();
        } else {
            throw new ValueException("is " + describeType(value, schema) + ", but an id or version must be a string"
                    + " or an integer");
        }
        if (text.isEmpty()) {
            throw new ValueException("is an empty string");
        }
        return text;
    }

    /** Returns a prediction: null, a Double for numbers, or a String for strings, enums and booleans. */
    static Object prediction(final Object value, final Schema schema) {
        if (value == null) {
            return null;
        }
        final Object scalar = scalar(value, schema);
        if (scalar instanceof Number number) {
            return number.doubleValue();
        }
        if (scalar instanceof String || scalar instanceof Boolean) {
            return scalar.toString();
        }
        throw new ValueException("is " + describeType(value, schema) + ", but a prediction must be a number, a string,"
                + " a boolean or null");
    }

    /** Returns a probability as a double; NaN and infinities pass, for the data-quality checks. */
    static double probability(final Object value, final Schema schema) {
        if (scalar(value, schema) instanceof Number number) {
            return number.doubleValue();
        }
        throw new ValueException("is " + describeType(value, schema) + ", but a probability must be a number");
    }

    /** Returns a segment value: strings and enums as they are, numbers and booleans as their text. */
    static String segment(final Object value, final Schema schema) {
        final Object scalar = scalar(value, schema);
        if (scalar == null) {
            throw new ValueException("is " + describeType(value, schema) + ", but a segment must be a string, a number"
                    + " or a boolean");
        }
        return scalar.toString();
    }

    /**
     * Returns an event time. Strings are ISO-8601 timestamps with a zone or offset. Numbers count
     * {@code unit}s since 1970-01-01T00:00:00Z; fractions of a millisecond are dropped, rounding toward
     * the past, because {@code InferenceEvent} keeps milliseconds. When
     * {@code unit} is null, an Avro long with logical type timestamp-micros counts microseconds and every
     * other number milliseconds.
     */
    static Instant timestamp(final Object value, final Schema schema, final ChronoUnit unit) {
        if (value == null) {
            throw new ValueException("is null, but an event time is required");
        }
        final Object scalar = scalar(value, schema);
        if (scalar instanceof String text) {
            try {
                final Instant instant = Instant.parse(text);
                // InferenceEvent stores epoch milliseconds as a long, which this throws for if out of range.
                instant.toEpochMilli();
                return instant;
            } catch (ArithmeticException e) {
                throw new ValueException("is an ISO-8601 timestamp outside the range of epoch milliseconds");
            } catch (DateTimeParseException e) {
                throw new ValueException("is a string that is not an ISO-8601 timestamp with a zone, such as"
                        + " 2024-01-01T00:00:00Z");
            }
        }
        if (!(scalar instanceof Number number)) {
            throw new ValueException("is " + describeType(value, schema) + ", but an event time must be an ISO-8601"
                    + " string or a number of " + unitName(effectiveUnit(unit, schema)) + " since the epoch");
        }

        final ChronoUnit effective = effectiveUnit(unit, schema);
        try {
            if (scalar instanceof Long count) {
                return Instant.ofEpochMilli(switch (effective) {
                    case SECONDS -> Math.multiplyExact(count, 1000L);
                    case MICROS -> Math.floorDiv(count, 1000L);
                    default -> count;
                });
            }
            final double amount = number.doubleValue();
            if (!Double.isFinite(amount)) {
                throw new ValueException("is a non-finite number, but an event time must be finite");
            }
            // BigDecimal.valueOf takes the decimal text of Double.toString, so 1704067200.1 seconds is
            // exactly 1704067200100 ms rather than one below it.
            final BigDecimal millis = BigDecimal.valueOf(amount).multiply(millisPer(effective))
                    .setScale(0, RoundingMode.FLOOR);
            return Instant.ofEpochMilli(millis.longValueExact());
        } catch (ArithmeticException e) {
            throw new ValueException("is a number of " + unitName(effective) + " outside the range of timestamps");
        }
    }

    private static ChronoUnit effectiveUnit(final ChronoUnit unit, final Schema schema) {
        if (unit != null) {
            return unit;
        }
        final LogicalType logical = schema == null ? null : schema.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMicros ? ChronoUnit.MICROS : ChronoUnit.MILLIS;
    }

    private static BigDecimal millisPer(final ChronoUnit unit) {
        return switch (unit) {
            case SECONDS -> BigDecimal.valueOf(1000);
            case MICROS -> new BigDecimal("0.001");
            default -> BigDecimal.ONE;
        };
    }

    static String unitName(final ChronoUnit unit) {
        return switch (unit) {
            case SECONDS -> "seconds";
            case MICROS -> "microseconds";
            default -> "milliseconds";
        };
    }

    /**
     * Returns a scalar as Boolean, Long, Double or String, or null when {@code value} is no scalar
     * (a record, map, array, object or plain bytes).
     */
    private static Object scalar(final Object value, final Schema schema) {
        if (value instanceof JsonNode node) {
            return jsonScalar(node);
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return value.toString();
        }
        final LogicalType logical = schema == null ? null : schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal) {
            if (value instanceof ByteBuffer bytes) {
                return DECIMALS.fromBytes(bytes.duplicate(), schema, logical).doubleValue();
            }
            if (value instanceof GenericFixed fixed) {
                return DECIMALS.fromFixed(fixed, schema, logical).doubleValue();
            }
        }
        return null;
    }

    private static Object jsonScalar(final JsonNode node) {
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
        return null;
    }

    /** Returns the type of a value for messages, such as {@code a string} or {@code record com.acme.Request}. */
    static String describeType(final Object value, final Schema schema) {
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            if (node.isObject()) {
                return "a JSON object";
            }
            if (node.isArray()) {
                return "a JSON array";
            }
            return node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : "a number";
        }
        if (value instanceof GenericRecord record) {
            return "record " + record.getSchema().getFullName();
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof ByteBuffer || value instanceof GenericFixed) {
            return "bytes";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    /** A value of the wrong type. The message completes a sentence about the path: "'x' is a string, but ...". */
    static final class ValueException extends RuntimeException {
        ValueException(final String message) {
            super(message);
        }
    }
}
