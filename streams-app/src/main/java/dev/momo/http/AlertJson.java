package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.alerting.AlertHistory;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.JsonRecordWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON of the alert routes. One alert is its latest record as {@link JsonRecordWriter} writes it, plus
 * {@code "history"} (the kept records, oldest first, the latest included) and {@code "historyOmitted"} (records
 * dropped between the first and the kept recent ones). A page is
 * {@code {"alerts": [...], "partial": false, "unavailable": []}}, where {@code unavailable} lists the
 * {@code host:port} of instances that sent no usable response, and {@code partial} is true when it is not empty.
 */
final class AlertJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Newest {@code updatedAt} first, then model id and alert id, so that every instance orders equal
     * alerts the same way.
     */
    static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing(AlertJson::updatedAt, Comparator.reverseOrder())
            .thenComparing(node -> node.path("modelId").asText())
            .thenComparing(node -> node.path("alertId").asText());

    /** The same order as {@link #NEWEST_FIRST}, on histories before they become JSON. */
    static final Comparator<AlertHistory> NEWEST_HISTORY_FIRST = Comparator
            .comparing((AlertHistory history) -> history.latest().getUpdatedAt(), Comparator.reverseOrder())
            .thenComparing(history -> history.latest().getModelId())
            .thenComparing(history -> history.latest().getAlertId());

    private AlertJson() {
    }

    /** Returns one alert as JSON. */
    static ObjectNode alert(final AlertHistory history) {
        final ObjectNode node = JsonRecordWriter.toJsonNode(history.latest());
        final ArrayNode records = node.putArray("history");
        for (final DriftAlert record : history.records()) {
            records.add(JsonRecordWriter.toJsonNode(record));
        }
        node.put("historyOmitted", history.omitted());
        return node;
    }

    /** Returns a page of alerts, partial when {@code unavailable} is not empty. */
    static ObjectNode page(final List<? extends JsonNode> alerts, final Collection<String> unavailable) {
        final ObjectNode page = NODES.objectNode();
        page.putArray("alerts").addAll(alerts);
        page.put("partial", !unavailable.isEmpty());
        final ArrayNode hosts = page.putArray("unavailable");
        unavailable.stream().sorted().forEach(hosts::add);
        return page;
    }

    /**
     * Merges alerts from several instances: one entry per model and alert id (the one with the newest
     * {@code updatedAt}, since an alert may be read on two instances while its partition moves), newest
     * first, at most {@code limit}.
     */
    static List<JsonNode> merge(final List<JsonNode> alerts, final int limit) {
        final Map<String, JsonNode> unique = new LinkedHashMap<>();
        for (final JsonNode alert : alerts) {
            final String key = alert.path("modelId").asText() + '\u0000' + alert.path("alertId").asText();
            unique.merge(key, alert, (kept, other) -> updatedAt(other).isAfter(updatedAt(kept)) ? other : kept);
        }
        final List<JsonNode> merged = new ArrayList<>(unique.values());
        merged.sort(NEWEST_FIRST);
        return merged.size() > limit ? merged.subList(0, limit) : merged;
    }

    /**
     * Returns the alerts array of a page that another instance sent.
     *
     * @throws IllegalArgumentException if the page has no alerts array
     */
    static List<JsonNode> alertsOf(final JsonNode page) {
        final JsonNode alerts = page.path("alerts");
        if (!alerts.isArray()) {
            throw new IllegalArgumentException("response has no \"alerts\" array");
        }
        final List<JsonNode> list = new ArrayList<>(alerts.size());
        alerts.forEach(list::add);
        return list;
    }

    private static Instant updatedAt(final JsonNode alert) {
        try {
            return Instant.parse(alert.path("updatedAt").asText());
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }
}
