package dev.momo.topology;

import dev.momo.drift.AbsentValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary form of one buffered event: event time, the number of values, then each value in profile
 * column order as a type tag and the value, then the number of new features (features the reference
 * lacks) and their names. Tags: 0 null, 1 boolean, 2 long, 3 double, 4 string (length-prefixed UTF-8),
 * 5 absent column. Column names are left out: the profile gives them, which keeps a row of 25 columns
 * near 250 bytes and its encoding off the hot path's profile. Rows buffered by the previous release end
 * after the values and read as having no new features.
 */
final class RowCodec {

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte ABSENT = 5;

    private RowCodec() {
    }

    /** A decoded row: event time in epoch ms, the values in profile column order, and the new features. */
    record Row(long eventTime, Object[] values, String[] newFeatures) {
    }

    static byte[] encode(final long eventTime, final Object[] values, final String[] newFeatures) {
        final byte[][] texts = new byte[values.length][];
        final byte[][] names = new byte[newFeatures.length][];
        int size = Long.BYTES + 2 * Integer.BYTES;
        for (int i = 0; i < newFeatures.length; i++) {
            names[i] = newFeatures[i].getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + names[i].length;
        }
        for (int i = 0; i < values.length; i++) {
            final Object value = values[i];
            if (value == null || value == AbsentValue.INSTANCE) {
                size += 1;
            } else if (value instanceof Boolean) {
                size += 2;
            } else if (value instanceof Number) {
                size += 1 + Long.BYTES;
            } else {
                texts[i] = value.toString().getBytes(StandardCharsets.UTF_8);
                size += 1 + Integer.BYTES + texts[i].length;
            }
        }
        final ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(eventTime);
        out.putInt(values.length);
        for (int i = 0; i < values.length; i++) {
            final Object value = values[i];
            if (value == null) {
                out.put(NULL);
            } else if (value == AbsentValue.INSTANCE) {
                out.put(ABSENT);
            } else if (value instanceof Boolean b) {
                out.put(BOOLEAN).put((byte) (b ? 1 : 0));
            } else if (value instanceof Long || value instanceof Integer) {
                out.put(LONG).putLong(((Number) value).longValue());
            } else if (value instanceof Number n) {
                out.put(DOUBLE).putDouble(n.doubleValue());
            } else {
                out.put(STRING).putInt(texts[i].length).put(texts[i]);
            }
        }
        out.putInt(names.length);
        for (final byte[] name : names) {
            out.putInt(name.length).put(name);
        }
        return out.array();
    }

    static Row decode(final byte[] encoded) {
        try {
            final ByteBuffer in = ByteBuffer.wrap(encoded);
            final long eventTime = in.getLong();
            final Object[] values = new Object[in.getInt()];
            for (int i = 0; i < values.length; i++) {
                final byte tag = in.get();
                values[i] = switch (tag) {
                    case NULL -> null;
                    case BOOLEAN -> in.get() != 0;
                    case LONG -> in.getLong();
                    case DOUBLE -> in.getDouble();
                    case STRING -> text(in);
                    case ABSENT -> AbsentValue.INSTANCE;
                    default -> throw new IllegalArgumentException("unknown value tag " + tag + " in buffered row");
                };
            }
            final String[] newFeatures = new String[in.hasRemaining() ? in.getInt() : 0];
            for (int i = 0; i < newFeatures.length; i++) {
                newFeatures[i] = text(in);
            }
            return new Row(eventTime, values, newFeatures);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated buffered row of " + encoded.length + " bytes", e);
        }
    }

    private static String text(final ByteBuffer in) {
        final byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
