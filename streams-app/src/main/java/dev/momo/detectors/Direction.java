package dev.momo.detectors;

/** Direction of the mean changes that a one- or two-sided test watches. */
public enum Direction {
    /** Increases only. */
    UP("up"),
    /** Decreases only. */
    DOWN("down"),
    /** Increases and decreases. */
    BOTH("both");

    private final String externalName;

    Direction(final String externalName) {
        this.externalName = externalName;
    }

    public String externalName() {
        return externalName;
    }

    boolean watchesIncrease() {
        return this != DOWN;
    }

    boolean watchesDecrease() {
        return this != UP;
    }

    static java.util.Map<String, Direction> byName() {
        return java.util.Map.of(UP.externalName, UP, DOWN.externalName, DOWN, BOTH.externalName, BOTH);
    }
}
