package dev.momo.registry;

import dev.momo.serde.SerdeException;

/**
 * Failed Schema Registry request: an error response, or no response at all after every retry.
 *
 * <p>The message names the registry URL, the request (method and path), the status, the Confluent error
 * code and message, and what to do. It never contains credentials.
 */
public class RegistryException extends SerdeException {

    /** Status of a request that got no HTTP response (connection refused, timed out, TLS failure). */
    public static final int NO_RESPONSE = 0;
    /** Error code of a response whose body carries none. */
    public static final int NO_ERROR_CODE = 0;

    private final int status;
    private final int errorCode;

    RegistryException(final String message, final int status, final int errorCode, final Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /**
     * Returns whether the registry failed to respond for reasons outside the record: no response, a
     * server error, a rate limit, or rejected credentials. Such a record is not bad and must not go to
     * the dead-letter topic; it is read again once the registry responds.
     */
    public boolean isOutage() {
        final int status = status();
        return status == NO_RESPONSE || status >= 500 || status == 401 || status == 403 || status == 408
                || status == 429;
    }

    /** Returns the HTTP status of the last response, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /**
     * Returns the {@code error_code} of the response body, such as 40401 (subject not found), or
     * {@link #NO_ERROR_CODE} when the body had none.
     */
    public int errorCode() {
        return errorCode;
    }
}
