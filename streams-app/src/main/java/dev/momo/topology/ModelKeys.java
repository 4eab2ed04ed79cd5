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

    static Bytes bufferPrefix(final String modelVersionKey, final long windowId) {
        final byte[] prefix = modelVersionKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + 8)
                .put(prefix).put((byte) 0).putLong(windowId).array());
    }
}
