package dev.momo.detectors;

import java.util.Arrays;

/** Big-endian writer of encoded detector state into a growing byte array. */
final class StateWriter {

    private byte[] bytes;
    private int length;

    /** Starts the encoding with the format byte of {@code kind} at {@code version}. */
    StateWriter(final DetectorKind kind, final int version, final int expectedSize) {
        this.bytes = new byte[Math.max(16, expectedSize)];
        putByte(kind.formatByte(version));
    }

    void putByte(final int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void putBoolean(final boolean value) {
        putByte(value ? 1 : 0);
    }

    void putInt(final int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    void putLong(final long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /** Writes the IEEE 754 bits, so NaN, infinities and signed zeros round-trip exactly. */
    void putDouble(final double value) {
        putLong(Double.doubleToRawLongBits(value));
    }

    void putState(final DetectorState state) {
        putEnum(state);
    }

    /**
     * Writes an enum constant as one byte holding its ordinal. The ordinals are therefore part of
     * the format: new constants go at the end of their enum.
     */
    void putEnum(final Enum<?> constant) {
        putByte(constant.ordinal());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(final int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
