package dev.momo.topology;

import dev.momo.drift.CheckResult;
import dev.momo.drift.Statistic;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.StatisticThreshold;

/** Verdicts of performance metrics, realized or estimated, against their reference thresholds. */
final class PerformanceChecks {

    /** Feature name of performance metrics and alerts. */
    static final String FEATURE = "performance";

    private PerformanceChecks() {
    }

    /**
     * Judges one metric: below the threshold drifts for the metrics that get worse downwards
     * ({@value PerformanceProfile#SOURCE_REFERENCE_CHUNKS_LOWER}), above it for the others. The result's
     * statistic is a placeholder, because {@link CheckResult} names drift statistics; the metric name
     * travels beside it into the record and the alert.
     */
    static CheckResult judge(final double value, final long rows, final StatisticThreshold threshold,
                             final long referenceRows) {
        final boolean lower = PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER.equals(threshold.source());
        final boolean drifted = !Double.isNaN(value) && !Double.isNaN(threshold.threshold())
                && (lower ? value < threshold.threshold() : value > threshold.threshold());
        return new CheckResult(FEATURE, Statistic.JENSEN_SHANNON, value, threshold.threshold(), threshold.critical(),
                threshold.source(), Double.NaN, rows, referenceRows, drifted);
    }
}
