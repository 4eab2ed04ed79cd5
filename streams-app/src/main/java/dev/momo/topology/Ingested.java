package dev.momo.topology;

/**
 * Result of reading one input record: the decoded value, a flush request, or a rejection that goes to
 * the dead-letter topic with the original bytes. Accepted records keep their original bytes too, so
 * that a later step (the window of a late event) can still send them to the dead-letter topic.
 *
 * @param value the decoded record, null for flushes and rejections
 * @param flush true for a control record that requests closing every open window of the partition
 * @param rawKey original key bytes
 * @param rawValue original value bytes
 */
record Ingested<T>(T value, boolean flush, byte[] rawKey, byte[] rawValue) {

    static <T> Ingested<T> accepted(final T value, final byte[] rawKey, final byte[] rawValue) {
        return new Ingested<>(value, false, rawKey, rawValue);
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
