package dev.momo.http;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of the alert routes, validated: {@code state=open|resolved|all} (default open),
 * {@code severity=warning|critical} (default both), {@code model=ID} (only on {@code /api/alerts}),
 * {@code limit=N} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code scope=local}, the
 * marker of a request forwarded by another instance, which requests the alerts of local stores only.
 *
 * @param state which alerts by their latest state
 * @param severity the latest severity to keep, or null for both
 * @param model the model id, or null for every model
 * @param limit maximum number of alerts in the response, newest {@code updatedAt} first
 * @param localScope whether to read this instance's stores only
 */
public record AlertFilter(StateFilter state, AlertSeverity severity, String model, int limit, boolean localScope) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Value of {@code scope} that marks a forwarded request. */
    public static final String LOCAL_SCOPE = "local";

    private static final Set<String> PARAMETERS = Set.of("state", "severity", "model", "limit", "scope");
    private static final Set<String> MODEL_PATH_PARAMETERS = Set.of("state", "severity", "limit", "scope");

    /** Filter on the latest state of an alert. */
    public enum StateFilter {
        /** Alerts whose latest record is OPENED or UPDATED. */
        OPEN,
        /** Alerts whose latest record is RESOLVED. */
        RESOLVED,
        /** Every alert still in the store. */
        ALL
    }

    public AlertFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /**
     * Parses the parameters of {@code /api/alerts}, where {@code model} is allowed.
     *
     * @throws ApiException 400 naming the bad parameter and its allowed values
     */
    public static AlertFilter forAllModels(final QueryParameters query) {
        query.requireOnly(PARAMETERS);
        final String model = query.get("model").orElse(null);
        if (model != null && model.isEmpty()) {
            throw ApiException.badRequest("query parameter model is empty; give a model id or leave it out");
        }
        return parse(query, model);
    }

    /**
     * Parses the parameters of {@code /api/models/{model}/alerts}, where the model comes from the path.
     *
     * @throws ApiException 400 naming the bad parameter and its allowed values
     */
    public static AlertFilter forModel(final QueryParameters query, final String model) {
        query.requireOnly(MODEL_PATH_PARAMETERS);
        return parse(query, model);
    }

    private static AlertFilter parse(final QueryParameters query, final String model) {
        final String stateText = query.get("state").orElse("open");
        final StateFilter state = switch (stateText.toLowerCase(Locale.ROOT)) {
            case "open" -> StateFilter.OPEN;
            case "resolved" -> StateFilter.RESOLVED;
            case "all" -> StateFilter.ALL;
            default -> throw ApiException.badRequest("invalid state '" + stateText + "'; use open, resolved or all");
        };

        final AlertSeverity severity = query.get("severity").map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "warning" -> AlertSeverity.WARNING;
            case "critical" -> AlertSeverity.CRITICAL;
            default -> throw ApiException.badRequest("invalid severity '" + text + "'; use warning or critical,"
                    + " or leave it out for both");
        }).orElse(null);

        final int limit = query.get("limit").map(AlertFilter::parseLimit).orElse(DEFAULT_LIMIT);

        final String scope = query.get("scope").orElse(null);
        if (scope != null && !scope.equals(LOCAL_SCOPE)) {
            throw ApiException.badRequest("invalid scope '" + scope + "'; use scope=" + LOCAL_SCOPE
                    + " to ask for this instance's alerts only, or leave it out");
        }
        return new AlertFilter(state, severity, model, limit, scope != null);
    }

    private static int parseLimit(final String text) {
        final int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid limit '" + text + "'; use a whole number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid limit '" + text + "'; use a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /** Returns whether an alert whose latest record is {@code latest} passes the state and severity filters. */
    public boolean matches(final DriftAlert latest) {
        final boolean resolved = latest.getState() == AlertState.RESOLVED;
        final boolean stateMatches = switch (state) {
            case OPEN -> !resolved;
            case RESOLVED -> resolved;
            case ALL -> true;
        };
        return stateMatches && (severity == null || latest.getSeverity() == severity);
    }

    /**
     * Returns the query string of a request to another instance for the same alerts from its own stores.
     * It contains the state, severity and limit of this filter and {@code scope=local}, without the model.
     */
    public String localQuery() {
        final StringBuilder query = new StringBuilder("state=").append(state.name().toLowerCase(Locale.ROOT));
        if (severity != null) {
            query.append("&severity=").append(severity.name().toLowerCase(Locale.ROOT));
        }
        return query.append("&limit=").append(limit).append("&scope=").append(LOCAL_SCOPE).toString();
    }
}
