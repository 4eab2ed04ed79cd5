package dev.momo.drift;

import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.StatisticThreshold;

/**
 * One check of one column (or of the whole window, for {@link Statistic#NEW_FEATURE}) over one window,
 * with its verdict.
 *
 * <p>When {@code thresholdSource} is {@value StatisticThreshold#SOURCE_P_VALUE}, the threshold and the
 * critical level apply to the p-value (after the profile's multiple-testing correction): the window
 * drifts when {@code pValue <= threshold}. Otherwise they apply to the value: it drifts when
 * {@code value > threshold}, except for the source
 * {@value PerformanceProfile#SOURCE_REFERENCE_CHUNKS_LOWER} of performance metrics, which drift when
 * {@code value < threshold}.
 *
 * @param feature column name, or the new feature's name
 * @param statistic the check
 * @param value its value, or NaN when the window has no comparable value
 * @param threshold the warning level
 * @param critical the critical level, or NaN when the alerting default applies (twice the warning level
 *     of a value, a fifth of the level of a p-value)
 * @param thresholdSource {@code reference_chunks}, {@code fixed} or {@code p_value}
 * @param pValue p-value of the test, NaN where the statistic defines none
 * @param sampleSize comparable values of the column in the window (events, for rates)
 * @param referenceSize comparable values of the column in the reference
 * @param drifted the verdict
 */
public record CheckResult(
        String feature,
        Statistic statistic,
        double value,
        double threshold,
        double critical,
        String thresholdSource,
        double pValue,
        long sampleSize,
        long referenceSize,
        boolean drifted) {

    /** Factor between the warning and the default critical level of a value. */
    public static final double DEFAULT_CRITICAL_FACTOR = 2.0;

    /** Whether the check passes its critical level, which implies that it drifted. */
    public boolean isCritical() {
        if (!drifted) {
            return false;
        }
        if (PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER.equals(thresholdSource)) {
            return !Double.isNaN(critical) && value < critical;
        }
        if (StatisticThreshold.SOURCE_P_VALUE.equals(thresholdSource)) {
            return pValue <= (Double.isNaN(critical) ? threshold / 5 : critical);
        }
        return value > (Double.isNaN(critical) ? DEFAULT_CRITICAL_FACTOR * threshold : critical);
    }
}
