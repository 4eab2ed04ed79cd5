package dev.momo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Grafana dashboard JSON file, read with Jackson, and the parts the checks need: panels (those inside
 * rows included), datasource references, template variables and every PromQL expression.
 */
record DashboardFile(Path path, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's Prometheus variable functions: label_values(label), label_values(selector, label), query_result(expression). */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern LABEL_VALUES_ALL = Pattern.compile("^\\s*label_values\\(\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** One PromQL expression and where it sits, for messages. */
    record Query(String location, String expression) {
    }

    static DashboardFile read(final Path path) {
        try {
            return new DashboardFile(path, JSON.readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + path, e);
        }
    }

    String name() {
        return path.getFileName().toString();
    }

    String uid() {
        return json.path("uid").asText();
    }

    /** Returns the panels, rows included, followed by the panels nested in collapsed rows. */
    List<JsonNode> panels() {
        final List<JsonNode> panels = new ArrayList<>();
        json.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    List<JsonNode> variables() {
        final List<JsonNode> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    Set<String> variableNames() {
        final Set<String> names = new LinkedHashSet<>();
        variables().forEach(variable -> names.add(variable.path("name").asText()));
        return names;
    }

    /** Returns the PromQL of every panel target, variable query and annotation query. */
    List<Query> queries() {
        final List<Query> queries = new ArrayList<>();
        for (final JsonNode panel : panels()) {
            for (final JsonNode target : panel.path("targets")) {
                queries.add(new Query(name() + " panel " + panel.path("id").asInt() + " \"" + panel.path("title").asText()
                        + "\" target " + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        for (final JsonNode variable : variables()) {
            final JsonNode query = variable.path("query");
            final String text = query.isObject() ? query.path("query").asText() : query.asText();
            queries.add(new Query(name() + " variable " + variable.path("name").asText(), variableExpression(text)));
        }
        for (final JsonNode annotation : json.path("annotations").path("list")) {
            queries.add(new Query(name() + " annotation \"" + annotation.path("name").asText() + "\"",
                    annotation.path("expr").asText()));
        }
        return queries;
    }

    /**
     * Returns the PromQL inside a Grafana variable query: the selector of {@code label_values(selector, label)},
     * the expression of {@code query_result(expression)}, nothing for {@code label_values(label)}, else the text.
     */
    static String variableExpression(final String query) {
        if (LABEL_VALUES_ALL.matcher(query).matches()) {
            return "";
        }
        final Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            return labelValues.group(1).trim();
        }
        final Matcher queryResult = QUERY_RESULT.matcher(query);
        return queryResult.matches() ? queryResult.group(1).trim() : query;
    }

    /** Returns every {@code datasource} object or text in the dashboard, by its JSON pointer. */
    Map<String, JsonNode> datasources() {
        final Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        collectDatasources(json, "", found);
        return found;
    }

    private static void collectDatasources(final JsonNode node, final String pointer, final Map<String, JsonNode> found) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String child = pointer + "/" + field.getKey();
                if (field.getKey().equals("datasource")) {
                    found.put(child, field.getValue());
                } else {
                    collectDatasources(field.getValue(), child, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasources(node.get(i), pointer + "/" + i, found);
            }
        }
    }
}
