package dev.momo.serde;

/**
 * Failure to serialize or deserialize a record, or to reach the schema registry. The message names
 * the topic or input, the problem and what to check.
 */
public class SerdeException extends RuntimeException {

    public SerdeException(String message) {
        super(message);
    }

    public SerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
