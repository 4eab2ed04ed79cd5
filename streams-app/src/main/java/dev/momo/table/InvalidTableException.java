package dev.momo.table;

/** An input table that cannot be read; the message names the file, the place and the problem. */
public final class InvalidTableException extends RuntimeException {

    public InvalidTableException(final String message) {
        super(message);
    }

    public InvalidTableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
