package dev.momo.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a profile sets the threshold of each distance and test statistic. Data-quality checks always use
 * their fixed thresholds.
 */
public enum ThresholdMode {
    /** The documented fixed level of each statistic (a p-value level for tests without a fixed scale). */
    FIXED,
    /** Tests flag when their p-value is at most alpha, after the profile's correction; distances stay fixed. */
    P_VALUE,
    /** Mean plus k population standard deviations of the statistic over reference chunks (NannyML's default). */
    REFERENCE;

    /** Command-line and JSON spelling: {@code fixed}, {@code p-value}, {@code reference}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static ThresholdMode fromId(final String id) {
        for (final ThresholdMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown threshold mode '" + id + "'; valid modes are "
                + Arrays.stream(values()).map(ThresholdMode::id).toList());
    }
}
