package dev.momo.detectors;

/** Guard checks for detector parameters and input values, with messages that show the bad value and the allowed range. */
final class Checks {

    private Checks() {
    }

    /** Rejects NaN and infinities. */
    static void requireFinite(final double value, final DetectorKind kind) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("invalid value " + value + " for " + kind.externalName()
                    + ": values must be finite numbers");
        }
    }

    /** Rejects values outside [0, 1], NaN included. */
    static void requireUnitInterval(final double value, final DetectorKind kind) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("invalid value " + value + " for " + kind.externalName()
                    + ": values must be between 0 and 1, such as 1 for an error and 0 for a correct prediction");
        }
    }

    /** Rejects everything but 0 and 1. */
    static void requireBit(final double value, final DetectorKind kind) {
        if (value != 0.0 && value != 1.0) {
            throw new IllegalArgumentException("invalid value " + value + " for " + kind.externalName()
                    + ": values must be 0 or 1, such as 1 for an error and 0 for a correct prediction");
        }
    }

    static void requireInRange(final DetectorKind kind, final String name, final int value, final int min,
            final int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(kind.externalName() + " " + name + " must be between " + min
                    + " and " + max + ", got " + value);
        }
    }

    /** Requires {@code min < value < max}. */
    static void requireOpenInterval(final DetectorKind kind, final String name, final double value,
            final double min, final double max) {
        if (!(value > min && value < max)) {
            throw new IllegalArgumentException(kind.externalName() + " " + name + " must be in (" + min + ", "
                    + max + "), got " + value);
        }
    }

    /** Requires {@code min <= value <= max}. */
    static void requireClosedInterval(final DetectorKind kind, final String name, final double value,
            final double min, final double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(kind.externalName() + " " + name + " must be in [" + min + ", "
                    + max + "], got " + value);
        }
    }

    /** Requires {@code min < value <= max}. */
    static void requireLeftOpenInterval(final DetectorKind kind, final String name, final double value,
            final double min, final double max) {
        if (!(value > min && value <= max)) {
            throw new IllegalArgumentException(kind.externalName() + " " + name + " must be in (" + min + ", "
                    + max + "], got " + value);
        }
    }

    /** Requires a finite {@code value > 0}. */
    static void requirePositive(final DetectorKind kind, final String name, final double value) {
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(kind.externalName() + " " + name
                    + " must be a finite number > 0, got " + value);
        }
    }

    /** Requires a finite {@code value >= 0}. */
    static void requireNonNegative(final DetectorKind kind, final String name, final double value) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(kind.externalName() + " " + name
                    + " must be a finite number >= 0, got " + value);
        }
    }

    static <T> T requireNonNull(final DetectorKind kind, final String name, final T value) {
        if (value == null) {
            throw new IllegalArgumentException(kind.externalName() + " " + name + " is missing");
        }
        return value;
    }
}
