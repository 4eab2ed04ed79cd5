package dev.momo.mapping;

/**
 * Input mapping file that cannot be used: unreadable, not JSON, or with an unknown key, a missing key
 * or a value of the wrong type. The message names the file and the key. Thrown at start, before any
 * record is read.
 */
public final class InvalidMappingException extends IllegalArgumentException {

    public InvalidMappingException(final String message) {
        super(message);
    }

    public InvalidMappingException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
