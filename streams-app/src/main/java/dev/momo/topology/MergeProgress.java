package dev.momo.topology;

import java.nio.ByteBuffer;

/**
 * Merge bookkeeping of one model version's time windows.
 *
 * @param lastCompletedWindow highest window id already compared, {@link Long#MIN_VALUE} before the first
 */
record MergeProgress(long lastCompletedWindow) {

    static final MergeProgress NONE = new MergeProgress(Long.MIN_VALUE);

    MergeProgress withCompleted(final long windowId) {
        return new MergeProgress(Math.max(lastCompletedWindow, windowId));
    }

    byte[] encode() {
        return ByteBuffer.allocate(Long.BYTES).putLong(lastCompletedWindow).array();
    }

    static MergeProgress decode(final byte[] encoded) {
        if (encoded.length != Long.BYTES) {
            throw new IllegalArgumentException("merge progress of " + encoded.length + " bytes; expected " + Long.BYTES);
        }
        return new MergeProgress(ByteBuffer.wrap(encoded).getLong());
    }
}
