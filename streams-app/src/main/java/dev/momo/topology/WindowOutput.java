package dev.momo.topology;

/**
 * Output of the window step: an encoded {@link PartialWindow} for the merge step, or a rejected event's
 * original bytes for the dead-letter topic.
 *
 * @param bytes encoded partial window, or the rejected event's original value
 * @param rawKey original key of a rejected event, null for partials
 * @param rejected true for an event that goes to the dead-letter topic (late, or without a profile)
 */
record WindowOutput(byte[] bytes, byte[] rawKey, boolean rejected) {

    static WindowOutput partial(final byte[] encoded) {
        return new WindowOutput(encoded, null, false);
    }

    static WindowOutput rejected(final byte[] rawKey, final byte[] rawValue) {
        return new WindowOutput(rawValue, rawKey, true);
    }

    boolean isRejected() {
        return rejected;
    }
}
