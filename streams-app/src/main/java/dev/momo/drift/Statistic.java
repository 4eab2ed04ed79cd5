package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The drift statistics, by the snake-case names used in metrics, alerts and profiles. A window drifts
 * when the statistic is greater than its threshold: the reference-derived one from the profile or,
 * without enough reference chunks, {@link #defaultThreshold}.
 */
public enum Statistic {
    /** Jensen-Shannon distance, base 2, over reference bins or categories; in [0, 1]. */
    JENSEN_SHANNON(0.1, true, true),
    /** Two-sample Kolmogorov-Smirnov statistic D with its p-value; numeric columns only. */
    KOLMOGOROV_SMIRNOV(0.1, true, false),
    /** Population stability index; 0.1 to 0.25 is read as a moderate shift and above 0.25 as a major one in credit scoring. */
    PSI(0.2, true, true),
    /** Chi-square statistic of homogeneity with its p-value; categorical columns only. */
    CHI2(Double.NaN, false, true);

    private final double defaultThreshold;
    private final boolean numeric;
    private final boolean categorical;

    Statistic(final double defaultThreshold, final boolean numeric, final boolean categorical) {
        this.defaultThreshold = defaultThreshold;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Fixed threshold used when the profile has none for this statistic. NaN for {@link #CHI2}, whose
     * default is the critical value at p = 0.05 for the window's degrees of freedom.
     */
    public double defaultThreshold() {
        return defaultThreshold;
    }

    public boolean appliesTo(final ColumnKind kind) {
        return kind == ColumnKind.NUMERIC ? numeric : categorical;
    }

    /** Lists the statistics computed for a column of that kind, in output order. */
    public static List<Statistic> forKind(final ColumnKind kind) {
        return Arrays.stream(values()).filter(s -> s.appliesTo(kind)).toList();
    }

    /** Statistic by its snake-case id, or an {@link IllegalArgumentException} listing the valid ids. */
    public static Statistic fromId(final String id) {
        for (final Statistic statistic : values()) {
            if (statistic.id().equals(id)) {
                return statistic;
            }
        }
        throw new IllegalArgumentException("unknown statistic '" + id + "'; valid statistics are "
                + Arrays.stream(values()).map(Statistic::id).toList());
    }
}
