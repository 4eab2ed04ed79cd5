package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks of a window, by the snake-case names used in metrics, alerts, profiles and on the command
 * line. Three families:
 * <ul>
 *   <li>distances between the window and the reference distribution (no p-value);
 *   <li>two-sample tests, whose statistic comes with a p-value;
 *   <li>data-quality shares, always judged against fixed thresholds.
 * </ul>
 * The fixed defaults are the warning and critical levels used in the {@code fixed} threshold mode, and
 * whenever a profile has no usable threshold for a check. A test statistic has no scale that stays
 * valid across window sizes, so the fixed default of every test is a p-value level instead: the check flags
 * when {@code p <= 0.05} (critical at {@code p <= 0.01}).
 * {@code docs/statistics.md} gives each formula and its source.
 */
public enum Statistic {
    /** Jensen-Shannon distance, base 2, over the reference bins or categories; in [0, 1]. */
    JENSEN_SHANNON(Family.DISTANCE, true, true, 0.1, 0.2),
    /** Hellinger distance over the reference bins or categories; in [0, 1]. */
    HELLINGER(Family.DISTANCE, true, true, 0.1, 0.2),
    /** Population stability index; 0.1 to 0.25 reads as a moderate shift and above 0.25 as a major one in credit scoring. */
    PSI(Family.DISTANCE, true, true, 0.1, 0.25),
    /** Kullback-Leibler divergence KL(reference || window) in nats, over bins or categories, as Evidently's kl_div. */
    KL_DIVERGENCE(Family.DISTANCE, true, true, 0.1, 0.25),
    /** Wasserstein-1 distance between the samples, in the column's units; fixed default 0.1 reference standard deviations. */
    WASSERSTEIN(Family.DISTANCE, true, false, 0.1, 0.2),
    /** Wasserstein-1 distance divided by the reference's population standard deviation. */
    WASSERSTEIN_NORMALIZED(Family.DISTANCE, true, false, 0.1, 0.2),
    /** Largest absolute difference of category shares; in [0, 1]. */
    L_INFINITY(Family.DISTANCE, false, true, 0.1, 0.2),
    /** Two-sample Kolmogorov-Smirnov statistic D with its p-value. */
    KOLMOGOROV_SMIRNOV(Family.TEST, true, false, Double.NaN, Double.NaN),
    /** Two-sample Cramér-von Mises statistic T with its p-value. */
    CRAMER_VON_MISES(Family.TEST, true, false, Double.NaN, Double.NaN),
    /** k-sample Anderson-Darling statistic (k = 2) with its p-value, which SciPy's method caps to [0.001, 0.25]. */
    ANDERSON_DARLING(Family.TEST, true, false, Double.NaN, Double.NaN),
    /** Chi-square statistic of homogeneity with its p-value. */
    CHI2(Family.TEST, false, true, Double.NaN, Double.NaN),
    /** Pooled z-test for two proportions, reported as |z|; binary columns only (two reference categories). */
    Z_TEST(Family.TEST, false, true, Double.NaN, Double.NaN),
    /** Share of events whose value is null or empty while the feature is present. */
    MISSING_RATE(Family.QUALITY, true, true, 0.05, 0.2),
    /** Share of events that do not carry the feature at all. */
    ABSENT_RATE(Family.QUALITY, true, true, 0.01, 0.1),
    /** Share of events whose value has the wrong type: text where a number belongs. */
    TYPE_MISMATCH_RATE(Family.QUALITY, true, false, 0.01, 0.1),
    /** Share of events whose value is NaN or infinite (a NaN in a categorical column counts too). */
    NON_FINITE_RATE(Family.QUALITY, true, true, 0.01, 0.1),
    /** Share of finite values outside the reference range [min, max]. */
    OUT_OF_RANGE_SHARE(Family.QUALITY, true, false, 0.05, 0.2),
    /** Share of categorized values whose category the reference never saw. */
    UNSEEN_SHARE(Family.QUALITY, false, true, 0.05, 0.2),
    /**
     * Share of events carrying a feature that the reference lacks. There is one check per such feature, under its
     * name. Any share above 0 flags it, because the model never saw that input.
     */
    NEW_FEATURE(Family.QUALITY, false, false, 0.0, Double.NaN);

    /** Significance level of the fixed default for tests. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Significance level of the fixed critical default for tests. */
    public static final double DEFAULT_CRITICAL_ALPHA = 0.01;

    /** Kind of check, which decides how its threshold is set. */
    public enum Family { DISTANCE, TEST, QUALITY }

    private final Family family;
    private final boolean numeric;
    private final boolean categorical;
    private final double fixedWarning;
    private final double fixedCritical;

    Statistic(final Family family, final boolean numeric, final boolean categorical, final double fixedWarning,
              final double fixedCritical) {
        this.family = family;
        this.numeric = numeric;
        this.categorical = categorical;
        this.fixedWarning = fixedWarning;
        this.fixedCritical = fixedCritical;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Family family() {
        return family;
    }

    /** Returns whether the check comes with a p-value. */
    public boolean hasPValue() {
        return family == Family.TEST;
    }

    /**
     * Fixed warning level of the statistic itself, or NaN when the fixed default is the p-value level
     * {@link #DEFAULT_ALPHA}. {@link #WASSERSTEIN} and {@link #MISSING_RATE} are offsets that the
     * evaluator scales by the reference standard deviation or adds to the reference missing rate.
     */
    public double fixedWarning() {
        return fixedWarning;
    }

    /** Fixed critical level, same conventions as {@link #fixedWarning()}. */
    public double fixedCritical() {
        return fixedCritical;
    }

    public boolean appliesTo(final ColumnKind kind) {
        return kind == ColumnKind.NUMERIC ? numeric : categorical;
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

    /** Returns the data-quality checks, computed for every column whatever the chosen statistics. */
    public static List<Statistic> quality() {
        return Arrays.stream(values()).filter(s -> s.family == Family.QUALITY && s != NEW_FEATURE).toList();
    }
}
