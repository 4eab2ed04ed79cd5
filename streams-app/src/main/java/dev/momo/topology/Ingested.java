package dev.momo.topology;

/**
 * Result of reading one input record: the decoded value, a flush request, or a rejection that goes to
 * the dead-letter topic with the original bytes.
 *
 * @param value the decoded record, null for flushes and rejections
 * @param flush true for a control record that asks to close every open window of the partition
 * @param rawKey original key bytes of a rejected record
 * @param rawValue original value bytes of a rejected record
 */
record Ingested<T>(T value, boolean flush, byte[] rawKey, byte[] rawValue) {

    static <T> Ingested<T> accepted(final T value) {
        return new Ingested<>(value, false, null, null);
    }

    static <T> Ingested<T> flushRequest() {
        return new Ingested<>(null, true, null, null);
    }

    static <T> Ingested<T> rejected(final byte[] rawKey, final byte[] rawValue) {
        return new Ingested<>(null, false, rawKey, rawValue);
    }

    boolean isRejected() {
        return value == null && !flush;
    }
}
