package dev.momo.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a request, decoded as {@code application/x-www-form-urlencoded} ({@code '+'} is a
 * space). Each name may appear once, and a name without {@code '='} has the empty value.
 */
public final class QueryParameters {

    public static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, String> values;

    private QueryParameters(final Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses a raw query string such as {@code state=open&limit=10}. Null or empty gives no parameters.
     *
     * @throws ApiException 400 if a name appears twice or an escape is invalid
     */
    public static QueryParameters parse(final String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int equals = pair.indexOf('=');
            final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("query parameter '" + name + "' is given more than once; give it once");
            }
        }
        return new QueryParameters(values);
    }

    /** Returns the value of {@code name}, if the request has it. */
    public Optional<String> get(final String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Returns the parameter names in request order. */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * Rejects parameters outside {@code known}.
     *
     * @throws ApiException 400 naming the unknown parameters and the known ones
     */
    public void requireOnly(final Set<String> known) {
        final Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown query parameter" + (unknown.size() == 1 ? " " : "s ")
                    + "'" + String.join("', '", unknown) + "'; this path accepts " + String.join(", ", new TreeSet<>(known)));
        }
    }

    private static String decode(final String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid percent-escape in query '" + raw + "'; write '%' as %25");
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
