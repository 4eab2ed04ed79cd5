package dev.momo.profile;

import dev.momo.drift.Statistic;
import java.util.List;

/**
 * Which checks a profile runs on each window and how it judges them. Recorded in the profile, so that
 * every metric and alert can show why it fired.
 *
 * @param thresholdMode how distance and test thresholds are set
 * @param stdMultiplier k in "mean + k standard deviations over reference chunks"
 * @param alpha significance level of p-value thresholds, in (0, 1)
 * @param correction multiple-testing correction of p-value thresholds across the columns of a window
 * @param statistics ids of the distance and test statistics, in output order. The data-quality checks
 *     of {@link Statistic#quality()} always run as well
 * @param epsilon proportion that replaces an empty bin in PSI and KL divergence, which are infinite otherwise
 * @param chunkReference what each reference chunk is compared with when deriving thresholds
 */
public record CheckSettings(
        ThresholdMode thresholdMode,
        double stdMultiplier,
        double alpha,
        PValueCorrection correction,
        List<String> statistics,
        double epsilon,
        ChunkReference chunkReference) {

    public static final double DEFAULT_STD_MULTIPLIER = 3.0;
    public static final double DEFAULT_EPSILON = 1e-4;

    /**
     * Windows up to this many events count as small: in the fixed and p-value modes they get the tests,
     * larger ones the distances, because with more events a test rejects shifts too small to matter.
     * Evidently draws a similar line at 1000 rows, counted on the reference.
     */
    public static final int SMALL_WINDOW = 1000;

    /** The statistics of profiles written before the choice existed (format version 1). */
    static final List<String> VERSION_1_STATISTICS = List.of("jensen_shannon", "kolmogorov_smirnov", "psi", "chi2");

    public CheckSettings {
        if (thresholdMode == null) {
            thresholdMode = ThresholdMode.FIXED;
        }
        if (correction == null) {
            correction = PValueCorrection.NONE;
        }
        if (chunkReference == null) {
            chunkReference = ChunkReference.REST;
        }
        if (!(stdMultiplier >= 0) || Double.isInfinite(stdMultiplier)) {
            throw new IllegalArgumentException("threshold standard-deviation multiplier must be a finite number >= 0, got "
                    + stdMultiplier);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon must be between 0 and 1 (exclusive), got " + epsilon);
        }
        statistics = List.copyOf(statistics == null ? VERSION_1_STATISTICS : statistics);
        for (final String id : statistics) {
            if (Statistic.fromId(id).family() == Statistic.Family.QUALITY) {
                throw new IllegalArgumentException("statistic '" + id + "' is a data-quality check, which always runs;"
                        + " list only distances and tests");
            }
        }
    }

    /** Settings of a version-1 profile: reference thresholds with k = 3 and that version's statistics. */
    public static CheckSettings version1() {
        return new CheckSettings(ThresholdMode.REFERENCE, DEFAULT_STD_MULTIPLIER, Statistic.DEFAULT_ALPHA,
                PValueCorrection.NONE, VERSION_1_STATISTICS, DEFAULT_EPSILON, ChunkReference.REST);
    }

    /**
     * Returns the size-aware default statistics. In the fixed and p-value modes the window size decides: up to
     * {@link #SMALL_WINDOW} events the tests (Kolmogorov-Smirnov, chi-square) judged on their p-values,
     * above it the distances (normalized Wasserstein, Jensen-Shannon) judged on fixed levels, which do
     * not tighten as windows grow the way p-values do. With reference thresholds every statistic is
     * calibrated on chunks of the window size, so the default keeps NannyML's distances and tests.
     */
    public static List<String> defaultStatistics(final ThresholdMode mode, final int windowSize) {
        final List<Statistic> chosen;
        if (mode == ThresholdMode.REFERENCE) {
            chosen = List.of(Statistic.JENSEN_SHANNON, Statistic.KOLMOGOROV_SMIRNOV, Statistic.PSI,
                    Statistic.WASSERSTEIN_NORMALIZED, Statistic.CHI2, Statistic.L_INFINITY);
        } else if (windowSize <= SMALL_WINDOW) {
            chosen = List.of(Statistic.KOLMOGOROV_SMIRNOV, Statistic.CHI2);
        } else {
            chosen = List.of(Statistic.WASSERSTEIN_NORMALIZED, Statistic.JENSEN_SHANNON);
        }
        return chosen.stream().map(Statistic::id).toList();
    }

    /** Returns the chosen statistics that apply to a column of this kind, in output order. */
    public List<Statistic> statisticsFor(final ColumnKind kind) {
        return statistics.stream().map(Statistic::fromId).filter(s -> s.appliesTo(kind)).toList();
    }
}
