package dev.momo.http;

import java.util.Map;

/**
 * A request that matched a route.
 *
 * @param method HTTP method, upper case
 * @param path the request path as sent, still percent-encoded
 * @param pathVariables values of the route's {@code {name}} segments, percent-decoded
 * @param query the query parameters, percent-decoded
 */
public record ApiRequest(String method, String path, Map<String, String> pathVariables, QueryParameters query) {

    public ApiRequest {
        pathVariables = Map.copyOf(pathVariables);
    }

    /** Returns the value of the path variable {@code name}, never empty. */
    public String pathVariable(final String name) {
        final String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("route of " + path + " has no path variable {" + name + "}");
        }
        return value;
    }
}
