package dev.momo.mapping;

/**
 * Record that does not match its input mapping: a path that the record lacks, or a value of the
 * wrong type. The message names the mapping file, the mapping key, the path and the record's position
 * ({@code topic-partition@offset}), but no value of the record. The ingest step sends the record to
 * the dead-letter topic with reason {@code mapping}.
 */
public final class MappingException extends RuntimeException {

    public MappingException(final String message) {
        super(message);
    }

    public MappingException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
