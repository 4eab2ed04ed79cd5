package dev.momo.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Multiple-testing correction over the p-value checks of one window of one model version (every test
 * of every column). Without one, a model of 50 features tested at 0.05 flags about 2.5 features per
 * window on data that did not change.
 */
public enum PValueCorrection {
    /** Each test at alpha. */
    NONE,
    /** Each of m tests at alpha / m: controls the family-wise error rate. */
    BONFERRONI,
    /**
     * Benjamini and Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1): with sorted
     * p-values p_(1) &lt;= ... &lt;= p_(m), flag the tests up to the largest i with p_(i) &lt;= i alpha / m.
     */
    BENJAMINI_HOCHBERG;

    /** Command-line and JSON spelling: {@code none}, {@code bonferroni}, {@code benjamini-hochberg}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static PValueCorrection fromId(final String id) {
        for (final PValueCorrection correction : values()) {
            if (correction.id().equals(id)) {
                return correction;
            }
        }
        throw new IllegalArgumentException("unknown p-value correction '" + id + "'; valid corrections are "
                + Arrays.stream(values()).map(PValueCorrection::id).toList());
    }
}
