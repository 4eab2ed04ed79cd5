package dev.momo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON response of the API.
 *
 * @param status HTTP status code
 * @param body JSON body, sent as {@code application/json; charset=utf-8}
 */
public record ApiResponse(int status, JsonNode body) {

    /** Returns a 200 OK response. */
    public static ApiResponse ok(final JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** Returns an error response with the body {@code {"error": message}}. */
    public static ApiResponse error(final int status, final String message) {
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", message);
        return new ApiResponse(status, body);
    }
}
