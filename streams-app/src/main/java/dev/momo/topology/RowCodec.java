package dev.momo.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Binary form of one buffered event: event time, then each monitored value as name, type tag and
 * value. Tags: 0 null, 1 boolean, 2 long, 3 double, 4 string.
 */
final class RowCodec {

    private RowCodec() {
    }

    /** A decoded row. */
    record Row(long eventTime, Map<String, Object> values) {
    }

    static byte[] encode(final long eventTime, final Map<String, ?> values) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 24 * values.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(eventTime);
            out.writeInt(values.size());
            for (final Map.Entry<String, ?> entry : values.entrySet()) {
                out.writeUTF(entry.getKey());
                final Object value = entry.getValue();
                if (value == null) {
                    out.writeByte(0);
                } else if (value instanceof Boolean b) {
                    out.writeByte(1);
                    out.writeBoolean(b);
                } else if (value instanceof Long || value instanceof Integer) {
                    out.writeByte(2);
                    out.writeLong(((Number) value).longValue());
                } else if (value instanceof Number n) {
                    out.writeByte(3);
                    out.writeDouble(n.doubleValue());
                } else {
                    out.writeByte(4);
                    out.writeUTF(value.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Row decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final long eventTime = in.readLong();
            final int size = in.readInt();
            final Map<String, Object> values = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                final String name = in.readUTF();
                final byte tag = in.readByte();
                values.put(name, switch (tag) {
                    case 0 -> null;
                    case 1 -> in.readBoolean();
                    case 2 -> in.readLong();
                    case 3 -> in.readDouble();
                    case 4 -> in.readUTF();
                    default -> throw new IllegalArgumentException("unknown value tag " + tag + " in buffered row");
                });
            }
            return new Row(eventTime, values);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated buffered row of " + encoded.length + " bytes", e);
        }
    }
}
