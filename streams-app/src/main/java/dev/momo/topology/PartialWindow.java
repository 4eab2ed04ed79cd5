package dev.momo.topology;

import dev.momo.drift.WindowAggregate;
import dev.momo.drift.WindowAggregateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One input partition's part of a closed window, sent keyed by model id to the merge step.
 *
 * @param modelId model
 * @param modelVersion model version
 * @param mode count or time window
 * @param windowId count window number on its partition, or time window start divided by its length
 * @param sourcePartition input partition the part comes from
 * @param windowStart start bound of a time window, epoch ms; for count windows the earliest event
 * @param windowEnd exclusive end bound of a time window, epoch ms; for count windows the latest event
 * @param aggregate the partition's values
 * @param predictions the partition's predictions with their probabilities, without labels, for CBPE:
 *     a {@code PerformanceWindowCodec} encoding, or an empty array when the profile has no CBPE model
 */
record PartialWindow(
        String modelId,
        String modelVersion,
        WindowSettings.Mode mode,
        long windowId,
        int sourcePartition,
        long windowStart,
        long windowEnd,
        WindowAggregate aggregate,
        byte[] predictions) {

    /** Version 2 added the predictions; version 1 parts, from before an upgrade, decode without them. */
    private static final byte VERSION = 2;
    private static final byte VERSION_1 = 1;

    PartialWindow {
        predictions = predictions == null ? new byte[0] : predictions;
    }

    /** Key under which the parts of one window meet in {@link StoreNames#WINDOW_MERGE}. */
    String mergeKey() {
        final String partition = mode == WindowSettings.Mode.COUNT ? String.valueOf(sourcePartition) : "*";
        return ModelKeys.modelVersion(modelId, modelVersion) + '\u0000' + mode + '\u0000' + windowId
                + '\u0000' + partition;
    }

    byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(modelId);
            out.writeUTF(modelVersion);
            out.writeByte(mode.ordinal());
            out.writeLong(windowId);
            out.writeInt(sourcePartition);
            out.writeLong(windowStart);
            out.writeLong(windowEnd);
            final byte[] aggregateBytes = WindowAggregateCodec.encode(aggregate);
            out.writeInt(aggregateBytes.length);
            out.write(aggregateBytes);
            out.writeInt(predictions.length);
            out.write(predictions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PartialWindow decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final byte version = in.readByte();
            if (version != VERSION && version != VERSION_1) {
                throw new IllegalArgumentException("partial window encoding version " + version
                        + " is not supported; expected " + VERSION_1 + " or " + VERSION);
            }
            final String modelId = in.readUTF();
            final String modelVersion = in.readUTF();
            final WindowSettings.Mode mode = WindowSettings.Mode.values()[in.readByte()];
            final long windowId = in.readLong();
            final int sourcePartition = in.readInt();
            final long windowStart = in.readLong();
            final long windowEnd = in.readLong();
            final byte[] aggregateBytes = new byte[in.readInt()];
            in.readFully(aggregateBytes);
            final byte[] predictions = new byte[version == VERSION_1 ? 0 : in.readInt()];
            in.readFully(predictions);
            return new PartialWindow(modelId, modelVersion, mode, windowId, sourcePartition,
                    windowStart, windowEnd, WindowAggregateCodec.decode(aggregateBytes), predictions);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated partial window of " + encoded.length + " bytes", e);
        }
    }
}
