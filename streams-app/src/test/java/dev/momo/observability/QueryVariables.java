package dev.momo.observability;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana's template variables in a dashboard query with fixed values, as Grafana does before it
 * sends the query to Prometheus, so that Prometheus tools can parse and evaluate the query.
 */
final class QueryVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?}|\\$([a-zA-Z_][a-zA-Z0-9_]*)");
    /** Grafana's built-in interval variables, with values for a Prometheus that scrapes every second. */
    private static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "1m", "__interval", "15s",
            "__range", "5m");

    private QueryVariables() {
    }

    /**
     * Returns {@code query} with every variable replaced by its value in {@code values} or in Grafana's
     * built-in intervals.
     *
     * @throws IllegalArgumentException naming the variable that has no value
     */
    static String substitute(final String query, final Map<String, String> values) {
        final Matcher variable = VARIABLE.matcher(query);
        final StringBuilder result = new StringBuilder();
        while (variable.find()) {
            final String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            final String value = values.containsKey(name) ? values.get(name) : BUILT_IN.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable $" + name + " in " + query);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        variable.appendTail(result);
        return result.toString();
    }
}
