package dev.momo.profile;

/** A reference profile that cannot be read or used; the message names the reason and the fix. */
public final class InvalidProfileException extends RuntimeException {

    public InvalidProfileException(final String message) {
        super(message);
    }

    public InvalidProfileException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
