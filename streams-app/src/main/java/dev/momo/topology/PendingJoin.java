package dev.momo.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a label join waiting for the other: a prediction waiting for its label, or (rarely) a
 * label that arrived before its prediction, with the time after which it is given up.
 *
 * <p>Encoding, version 1: version byte, side byte ({@code P} or {@code L}), deadline (epoch ms), then
 * for a prediction its model version, event time, the prediction as a one-value {@link RowCodec} row
 * and its probabilities (count, then name and value each); for a label the label as a one-value row
 * and its time.
 */
record PendingJoin(char side, long deadline, String modelVersion, long time, Object value,
                   Map<String, Double> probabilities) {

    private static final byte VERSION = 1;
    static final char PREDICTION = 'P';
    static final char LABEL = 'L';

    static PendingJoin prediction(final long deadline, final String modelVersion, final long eventTime,
                                  final Object prediction, final Map<String, Double> probabilities) {
        return new PendingJoin(PREDICTION, deadline, modelVersion, eventTime, prediction, probabilities);
    }

    static PendingJoin label(final long deadline, final long labelTime, final Object label) {
        return new PendingJoin(LABEL, deadline, "", labelTime, label, Map.of());
    }

    boolean isPrediction() {
        return side == PREDICTION;
    }

    byte[] encode() {
        final byte[] version = modelVersion.getBytes(StandardCharsets.UTF_8);
        final byte[] row = RowCodec.encode(time, new Object[] {value}, new String[0]);
        int size = 2 + Long.BYTES + Integer.BYTES + version.length + Integer.BYTES + row.length + Integer.BYTES;
        final byte[][] names = new byte[probabilities.size()][];
        int i = 0;
        for (final String name : probabilities.keySet()) {
            names[i] = name.getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + names[i].length + Double.BYTES;
            i++;
        }
        final ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).put((byte) side).putLong(deadline);
        out.putInt(version.length).put(version);
        out.putInt(row.length).put(row);
        out.putInt(names.length);
        i = 0;
        for (final double probability : probabilities.values()) {
            out.putInt(names[i].length).put(names[i]).putDouble(probability);
            i++;
        }
        return out.array();
    }

    static PendingJoin decode(final byte[] encoded) {
        try {
            final ByteBuffer in = ByteBuffer.wrap(encoded);
            final byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("pending join encoding version " + version
                        + " is not supported; expected " + VERSION);
            }
            final char side = (char) in.get();
            final long deadline = in.getLong();
            final String modelVersion = new String(bytes(in, in.getInt()), StandardCharsets.UTF_8);
            final RowCodec.Row row = RowCodec.decode(bytes(in, in.getInt()));
            final int count = in.getInt();
            final Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                probabilities.put(new String(bytes(in, in.getInt()), StandardCharsets.UTF_8), in.getDouble());
            }
            return new PendingJoin(side, deadline, modelVersion, row.eventTime(), row.values()[0], probabilities);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated pending join of " + encoded.length + " bytes", e);
        }
    }

    private static byte[] bytes(final ByteBuffer in, final int length) {
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
