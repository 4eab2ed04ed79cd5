package dev.momo.detectors;

/**
 * Encoded detector state that cannot be decoded: an unknown format byte, a version this build does
 * not read, missing or extra bytes, or fields outside their allowed range. A caller that stores state
 * should rebuild the detector from its parameters and log the message.
 */
public final class InvalidDetectorStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidDetectorStateException(final String message) {
        super(message);
    }

    public InvalidDetectorStateException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
