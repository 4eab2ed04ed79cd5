package dev.momo.detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Detector parameters given as text (from {@code --param KEY=VALUE} or a configuration file), read
 * with typed getters that fall back to a default. {@link #finish()} then rejects every key that no
 * getter asked for, so a misspelled parameter fails instead of being ignored.
 */
final class ParameterMap {

    private final DetectorKind kind;
    private final Map<String, String> values;
    private final List<String> known = new ArrayList<>();

    ParameterMap(final DetectorKind kind, final Map<String, String> values) {
        this.kind = kind;
        this.values = new LinkedHashMap<>(values);
    }

    double getDouble(final String key, final double defaultValue) {
        return read(key, defaultValue, "a number", text -> {
            final double value = Double.parseDouble(text);
            if (Double.isNaN(value)) {
                throw new NumberFormatException("NaN");
            }
            return value;
        });
    }

    int getInt(final String key, final int defaultValue) {
        return read(key, defaultValue, "an integer", Integer::parseInt);
    }

    boolean getBoolean(final String key, final boolean defaultValue) {
        return read(key, defaultValue, "true or false", text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException(text);
        });
    }

    OptionalLong getOptionalLong(final String key) {
        known.add(key);
        final String text = values.get(key);
        if (text == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(read(key, 0L, "an integer", Long::parseLong));
    }

    /** Reads one of {@code choices} by its name, case-insensitively. */
    <E> E getChoice(final String key, final E defaultValue, final Map<String, E> choices) {
        return read(key, defaultValue, "one of " + String.join(", ", choices.keySet()), text -> {
            final E choice = choices.get(text.toLowerCase(Locale.ROOT));
            if (choice == null) {
                throw new IllegalArgumentException(text);
            }
            return choice;
        });
    }

    /**
     * Checks that every given key was read.
     *
     * @throws IllegalArgumentException naming the first unknown key and listing the known ones
     */
    void finish() {
        for (final String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + kind.externalName()
                        + "; its parameters are " + String.join(", ", known));
            }
        }
    }

    private <T> T read(final String key, final T defaultValue, final String expected,
            final Function<String, T> parser) {
        if (!known.contains(key)) {
            known.add(key);
        }
        final String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for parameter " + key + " of "
                    + kind.externalName() + ": expected " + expected, e);
        }
    }
}
