package dev.momo.table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;

/** Parsing of text cells: missing markers, numbers, booleans and timestamps. */
public final class Cells {

    /** Cell texts that mean "no value", compared case-insensitively after trimming (pandas' defaults, in part). */
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "none", "nan");

    /** {@code 2018-01-01 00:00:00.000} and {@code 2018-01-01T00:00:00}, with optional fraction, read as UTC. */
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private Cells() {
    }

    public static boolean isMissing(final String cell) {
        return cell == null || MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Parses the number in the cell, or returns null when it is missing or not a number. {@code inf} and
     * {@code -inf} parse.
     */
    public static Double parseNumber(final String cell) {
        if (isMissing(cell)) {
            return null;
        }
        final String text = cell.trim();
        final char first = text.charAt(0);
        final char last = text.charAt(text.length() - 1);
        final boolean infinity = text.toLowerCase(Locale.ROOT).endsWith("inf");
        if (!infinity && (last == 'd' || last == 'D' || last == 'f' || last == 'F')) {
            // Double.parseDouble reads Java literals such as "1d" and "2f"; in data they are text.
            return null;
        }
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.'
                || first == 'i' || first == 'I')) {
            return null;
        }
        try {
            return Double.parseDouble(text.equalsIgnoreCase("inf") || text.equalsIgnoreCase("+inf")
                    ? "Infinity" : text.equalsIgnoreCase("-inf") ? "-Infinity" : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True for {@code true} and {@code false} in any case. */
    public static boolean isBoolean(final String cell) {
        return cell != null && (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false"));
    }

    /**
     * Parses an event time: ISO-8601 instant ({@code 2024-01-01T00:00:00Z}), local date-time read as UTC
     * ({@code 2018-01-01 00:00:00.000}), or epoch milliseconds.
     *
     * @throws IllegalArgumentException naming the text when none of these fits
     */
    public static Instant parseTimestamp(final String cell) {
        if (isMissing(cell)) {
            throw new IllegalArgumentException("timestamp is missing");
        }
        final String text = cell.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // not an instant with zone: try a local date-time next
        }
        try {
            return LocalDateTime.parse(text, LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid timestamp '" + text
                    + "'; expected ISO-8601 (2024-01-01T00:00:00Z), 'yyyy-MM-dd HH:mm:ss[.SSS]' (UTC) or epoch milliseconds");
        }
    }

    /**
     * Canonical category text: integral numbers without a fraction ({@code 1.0} and {@code 1} are both
     * "1"), booleans in lower case whatever their spelling.
     */
    public static String categoryOf(final Object value) {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return d.toString();
        }
        if (value instanceof Float f) {
            return categoryOf(f.doubleValue());
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String s) {
            if (isBoolean(s.trim())) {
                // pandas writes True/False, JSON and Avro give true/false: one category either way.
                return s.trim().toLowerCase(Locale.ROOT);
            }
            final Double number = parseNumber(s);
            if (number != null && !s.isBlank() && Character.isDigit(s.trim().charAt(s.trim().length() - 1))) {
                return categoryOf(number);
            }
            return s;
        }
        return String.valueOf(value);
    }
}
