package dev.momo.http;

/**
 * Failure of a request, which the API returns as an error status with the body {@code {"error": message}}.
 * The message names the bad value and what to do.
 */
public final class ApiException extends RuntimeException {

    /** Seconds a client should wait before it retries after a 503, an estimate of one rebalance of a small group. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final int status;

    public ApiException(final int status, final String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 400 to 599, got " + status);
        }
        this.status = status;
    }

    /** Returns a 400 Bad Request error. */
    public static ApiException badRequest(final String message) {
        return new ApiException(400, message);
    }

    /** Returns a 404 Not Found error. */
    public static ApiException notFound(final String message) {
        return new ApiException(404, message);
    }

    /** Returns a 503 Service Unavailable error, which the server sends with a Retry-After header. */
    public static ApiException unavailable(final String message) {
        return new ApiException(503, message);
    }

    public int status() {
        return status;
    }
}
