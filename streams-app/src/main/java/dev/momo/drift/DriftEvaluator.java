package dev.momo.drift;

import dev.momo.profile.CheckSettings;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.PValueCorrection;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares a closed window with a reference profile and gives each check its verdict: the profile's
 * chosen statistics and the data-quality checks for every monitored column, in profile order, then one
 * {@link Statistic#NEW_FEATURE} check per feature that the events carried and the reference lacks.
 *
 * <p>Thresholds come from the profile ({@link StatisticThreshold}). Where it has none, the fixed
 * defaults of {@link Statistic} apply. P-value thresholds are corrected over all p-value checks of the
 * window (every test of every column) by the profile's {@link PValueCorrection}.
 */
public final class DriftEvaluator {

    private DriftEvaluator() {
    }

    public static List<CheckResult> evaluate(final ReferenceProfile profile, final WindowAggregate window) {
        final CheckSettings settings = profile.checks();
        final List<Pending> pending = new ArrayList<>();
        for (final ColumnProfile column : profile.columns()) {
            final FeatureWindow feature = window.features().get(column.name());
            for (final ColumnStatistics.Measurement measured : ColumnStatistics.measure(column,
                    feature == null ? FeatureWindow.empty(column.kind()) : feature, window.eventCount(),
                    settings.statisticsFor(column.kind()), settings.epsilon())) {
                pending.add(new Pending(column.name(), measured, threshold(column, measured.statistic()),
                        column.count()));
            }
        }
        for (final Map.Entry<String, Long> entry : window.newFeatures().entrySet()) {
            final double share = window.eventCount() == 0 ? Double.NaN : (double) entry.getValue() / window.eventCount();
            pending.add(new Pending(entry.getKey(),
                    new ColumnStatistics.Measurement(Statistic.NEW_FEATURE, share, Double.NaN, window.eventCount()),
                    fixed(Statistic.NEW_FEATURE.fixedWarning(), Statistic.NEW_FEATURE.fixedCritical()), 0));
        }
        return decide(pending, settings.correction());
    }

    /**
     * Judges one column alone: the chosen statistics and data-quality checks, with p-value thresholds
     * corrected over this column's tests only.
     */
    public static List<CheckResult> evaluateColumn(final ColumnProfile column, final FeatureWindow window,
                                                   final long eventCount, final CheckSettings settings) {
        final List<Pending> pending = new ArrayList<>();
        for (final ColumnStatistics.Measurement measured : ColumnStatistics.measure(column, window, eventCount,
                settings.statisticsFor(column.kind()), settings.epsilon())) {
            pending.add(new Pending(column.name(), measured, threshold(column, measured.statistic()), column.count()));
        }
        return decide(pending, settings.correction());
    }

    /**
     * Measures one column without verdicts, for deriving thresholds from reference chunks.
     *
     * @return value and p-value of each check, in output order
     */
    public static List<CheckResult> measureColumn(final ColumnProfile column, final FeatureWindow window,
                                                  final long eventCount, final CheckSettings settings) {
        final List<CheckResult> results = new ArrayList<>();
        for (final ColumnStatistics.Measurement measured : ColumnStatistics.measure(column, window, eventCount,
                settings.statisticsFor(column.kind()), settings.epsilon())) {
            results.add(new CheckResult(column.name(), measured.statistic(), measured.value(), Double.NaN, Double.NaN,
                    StatisticThreshold.SOURCE_FIXED, measured.pValue(), measured.sampleSize(), column.count(), false));
        }
        return results;
    }

    /** Number of column checks that {@link #evaluate} returns for each window of this profile, new features aside. */
    public static int checksPerWindow(final ReferenceProfile profile) {
        int checks = 0;
        for (final ColumnProfile column : profile.columns()) {
            checks += ColumnStatistics.measure(column, FeatureWindow.empty(column.kind()), 0,
                    profile.checks().statisticsFor(column.kind()), profile.checks().epsilon()).size();
        }
        return checks;
    }

    /**
     * Drift metric records that each window of this profile yields, new features aside: one per column
     * check, and the data-set drift share when the profile has features (see {@link DatasetDrift}).
     */
    public static int recordsPerWindow(final ReferenceProfile profile) {
        return checksPerWindow(profile) + (DatasetDrift.appliesTo(profile) ? 1 : 0);
    }

    /** Returns the profile's threshold of a check, or the fixed default when the profile has none usable. */
    static StatisticThreshold threshold(final ColumnProfile column, final Statistic statistic) {
        final StatisticThreshold configured = column.thresholds().get(statistic.id());
        if (configured != null && Double.isFinite(configured.threshold())) {
            return configured;
        }
        return fixedDefault(column, statistic);
    }

    /**
     * Returns the documented fixed default of a check on a column: the statistic's own levels, a p-value level
     * for tests without a fixed scale, Wasserstein-1 in reference standard deviations, and the missing
     * rate as an increase over the reference's own.
     */
    public static StatisticThreshold fixedDefault(final ColumnProfile column, final Statistic statistic) {
        final double warning = statistic.fixedWarning();
        final double critical = statistic.fixedCritical();
        if (Double.isNaN(warning)) {
            return new StatisticThreshold(Statistic.DEFAULT_ALPHA, Statistic.DEFAULT_CRITICAL_ALPHA,
                    StatisticThreshold.SOURCE_P_VALUE, Double.NaN, Double.NaN, new double[0]);
        }
        if (statistic == Statistic.WASSERSTEIN && column.kind() == ColumnKind.NUMERIC) {
            final double std = column.numeric().std();
            return fixed(warning * std, critical * std);
        }
        if (statistic == Statistic.MISSING_RATE) {
            final double rows = column.count() + column.missing();
            final double referenceRate = rows == 0 ? 0 : column.missing() / rows;
            return fixed(referenceRate + warning, referenceRate + critical);
        }
        return fixed(warning, critical);
    }

    private static StatisticThreshold fixed(final double warning, final double critical) {
        return new StatisticThreshold(warning, critical, StatisticThreshold.SOURCE_FIXED, Double.NaN, Double.NaN,
                new double[0]);
    }

    /** A measured check waiting for its verdict, which may depend on the window's other p-values. */
    private record Pending(String feature, ColumnStatistics.Measurement measured, StatisticThreshold threshold,
                           long referenceSize) {
        boolean onPValue() {
            return threshold.onPValue() && !Double.isNaN(measured.pValue());
        }
    }

    private static List<CheckResult> decide(final List<Pending> pending, final PValueCorrection correction) {
        final double[] pValues = pending.stream().filter(Pending::onPValue)
                .mapToDouble(p -> p.measured().pValue()).toArray();
        final List<CheckResult> results = new ArrayList<>(pending.size());
        for (final Pending check : pending) {
            final ColumnStatistics.Measurement measured = check.measured();
            final StatisticThreshold threshold = check.threshold();
            final double warning;
            final double critical;
            final boolean drifted;
            if (check.onPValue()) {
                warning = corrected(threshold.threshold(), pValues, correction);
                critical = corrected(Double.isNaN(threshold.critical()) ? threshold.threshold() / 5 : threshold.critical(),
                        pValues, correction);
                drifted = measured.pValue() <= warning;
            } else if (threshold.onPValue()) {
                // A test whose p-value is undefined (for example a single value on each side) cannot drift.
                warning = threshold.threshold();
                critical = threshold.critical();
                drifted = false;
            } else {
                warning = threshold.threshold();
                critical = threshold.critical();
                drifted = !Double.isNaN(measured.value()) && measured.value() > warning;
            }
            results.add(new CheckResult(check.feature(), measured.statistic(), measured.value(), warning, critical,
                    threshold.source(), measured.pValue(), measured.sampleSize(), check.referenceSize(), drifted));
        }
        return results;
    }

    /**
     * Returns the per-test significance level for nominal level {@code alpha} over the window's p-values:
     * alpha itself, alpha / m (Bonferroni), or the Benjamini-Hochberg cut-off {@code k alpha / m} for the
     * largest k with {@code p_(k) <= k alpha / m} (0 when there is none, so nothing is flagged).
     */
    static double corrected(final double alpha, final double[] pValues, final PValueCorrection correction) {
        final int m = pValues.length;
        if (m == 0) {
            return alpha;
        }
        return switch (correction) {
            case NONE -> alpha;
            case BONFERRONI -> alpha / m;
            case BENJAMINI_HOCHBERG -> {
                final double[] sorted = pValues.clone();
                Arrays.sort(sorted);
                double cutoff = 0;
                for (int k = 1; k <= m; k++) {
                    final double level = k * alpha / m;
                    if (sorted[k - 1] <= level) {
                        cutoff = level;
                    }
                }
                yield cutoff;
            }
        };
    }
}
