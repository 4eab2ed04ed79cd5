package dev.momo.http;

import java.util.Locale;

/**
 * One route of the JSON API: a method, a path template such as {@code /api/models/{model}/alerts}, and the
 * handler of its requests.
 */
public record ApiRoute(String method, PathTemplate path, Handler handler) {

    /**
     * Handles a request. A handler throws {@link ApiException} for an error response. Any other exception
     * becomes a 500 response and is logged.
     */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    public ApiRoute {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** Returns a GET route. */
    public static ApiRoute get(final String template, final Handler handler) {
        return new ApiRoute("GET", PathTemplate.parse(template), handler);
    }
}
