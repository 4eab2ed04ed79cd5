package dev.momo.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/** Store keys built from model id and version, separated by NUL so that no id can forge another's key. */
final class ModelKeys {

    private static final char SEPARATOR = '\u0000';

    private ModelKeys() {
    }

    static String modelVersion(final String modelId, final String modelVersion) {
        return modelId + SEPARATOR + modelVersion;
    }

    /** Buffer key: model-version key, NUL, window id, sequence; all rows of one window share the prefix. */
    static Bytes bufferKey(final String modelVersionKey, final long windowId, final long sequence) {
        final byte[] prefix = modelVersionKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + 16)
                .put(prefix).put((byte) 0).putLong(windowId).putLong(sequence).array());
    }

    /**
     * Buffer key of event {@code row} of the input record at {@code offset}: the window's prefix, then
     * the offset and the row, because one record may carry a batch of events.
     */
    static Bytes bufferKey(final String modelVersionKey, final long windowId, final long offset, final int row) {
        final byte[] prefix = modelVersionKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + 20)
                .put(prefix).put((byte) 0).putLong(windowId).putLong(offset).putInt(row).array());
    }

    static Bytes bufferPrefix(final String modelVersionKey, final long windowId) {
        final byte[] prefix = modelVersionKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + 8)
                .put(prefix).put((byte) 0).putLong(windowId).array());
    }
}
