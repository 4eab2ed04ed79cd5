package dev.momo.detectors;

/**
 * Big-endian reader of encoded detector state. Every read past the end, and every field outside
 * its range, raises an {@link InvalidDetectorStateException} that names the detector and the field.
 */
final class StateReader {

    private final byte[] bytes;
    private final String detector;
    private int position;

    /** Reads after the format byte, which {@link ChangeDetectors#decode(byte[])} has checked. */
    StateReader(final byte[] bytes, final String detector) {
        this.bytes = bytes;
        this.detector = detector;
        this.position = 1;
    }

    int getByte(final String field) {
        require(1, field);
        return bytes[position++] & 0xFF;
    }

    boolean getBoolean(final String field) {
        final int value = getByte(field);
        if (value > 1) {
            throw invalid(field + " is " + value + ", expected 0 or 1");
        }
        return value == 1;
    }

    int getInt(final String field) {
        require(4, field);
        final int value = (bytes[position] & 0xFF) << 24 | (bytes[position + 1] & 0xFF) << 16
                | (bytes[position + 2] & 0xFF) << 8 | bytes[position + 3] & 0xFF;
        position += 4;
        return value;
    }

    /** Reads an int and checks that it lies in {@code [min, max]}. */
    int getInt(final String field, final int min, final int max) {
        final int value = getInt(field);
        if (value < min || value > max) {
            throw invalid(field + " is " + value + ", outside [" + min + ", " + max + "]");
        }
        return value;
    }

    long getLong(final String field) {
        final long high = getInt(field);
        final long low = getInt(field) & 0xFFFFFFFFL;
        return high << 32 | low;
    }

    /** Reads a long and checks that it is not negative. */
    long getCount(final String field) {
        final long value = getLong(field);
        if (value < 0) {
            throw invalid(field + " is " + value + ", expected a count >= 0");
        }
        return value;
    }

    double getDouble(final String field) {
        return Double.longBitsToDouble(getLong(field));
    }

    DetectorState getState() {
        return getEnum("state", DetectorState.values());
    }

    /** Reads a constant written by {@link StateWriter#putEnum(Enum)}: one byte holding its ordinal. */
    <E extends Enum<E>> E getEnum(final String field, final E[] constants) {
        final int value = getByte(field);
        if (value >= constants.length) {
            throw invalid(field + " is " + value + ", expected 0 to " + (constants.length - 1));
        }
        return constants[value];
    }

    /** Fails when bytes are left over, which means the state was written by another format. */
    void expectEnd() {
        if (position != bytes.length) {
            throw invalid((bytes.length - position) + " unexpected bytes after the last field");
        }
    }

    /** Builds the exception for a field that decoded but contains an impossible value. */
    InvalidDetectorStateException invalid(final String problem) {
        return new InvalidDetectorStateException("invalid " + detector + " state: " + problem);
    }

    private void require(final int count, final String field) {
        if (position + count > bytes.length) {
            throw invalid("truncated at byte " + position + " of " + bytes.length + " while reading " + field);
        }
    }
}
