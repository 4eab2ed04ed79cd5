package dev.momo.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path such as {@code /api/models/{model}/alerts}: literal segments, and variables in braces that match
 * one non-empty segment each. Matching compares percent-decoded segments, so a variable's value may contain
 * any character, a slash included when the client encodes it as {@code %2F}.
 */
public final class PathTemplate {

    private final String template;
    private final List<String> segments;

    private PathTemplate(final String template, final List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    /**
     * Parses a template that starts with '/'.
     *
     * @throws IllegalArgumentException if it does not start with '/', has an empty segment, or a brace that
     *     does not enclose a whole segment
     */
    public static PathTemplate parse(final String template) {
        if (!template.startsWith("/") || template.length() < 2) {
            throw new IllegalArgumentException("path template '" + template + "' must start with '/' and name a"
                    + " path, such as /api/alerts");
        }
        final List<String> segments = List.of(template.substring(1).split("/", -1));
        for (final String segment : segments) {
            final boolean variable = segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
            if (segment.isEmpty() || (!variable && (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0))) {
                throw new IllegalArgumentException("path template '" + template + "' has an invalid segment '"
                        + segment + "'; use literal text or one {name} per segment");
            }
        }
        return new PathTemplate(template, segments);
    }

    /** Returns the variables of a matching path, or empty when the decoded segments do not match. */
    public Optional<Map<String, String>> match(final List<String> decodedSegments) {
        if (decodedSegments.size() != segments.size()) {
            return Optional.empty();
        }
        final Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            final String pattern = segments.get(i);
            final String actual = decodedSegments.get(i);
            if (pattern.startsWith("{")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(pattern.substring(1, pattern.length() - 1), actual);
            } else if (!pattern.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    @Override
    public String toString() {
        return template;
    }
}
