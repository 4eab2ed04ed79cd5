package dev.momo.performance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Whether CBPE calibrates a class's scores on the reference before estimating. */
public enum CalibrationMode {
    /** Calibrate when {@link CalibrationCheck} finds that it lowers the calibration error (NannyML's rule; default). */
    AUTO,
    /** Always fit an isotonic calibration. */
    ALWAYS,
    /** Use the scores as probabilities. */
    NEVER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CalibrationMode fromId(final String id) {
        for (final CalibrationMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown calibration mode '" + id + "'; valid values are "
                + Arrays.stream(values()).map(CalibrationMode::id).toList());
    }
}
