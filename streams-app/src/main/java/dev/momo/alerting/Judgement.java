package dev.momo.alerting;

import dev.momo.drift.CheckResult;

/**
 * One window's verdict on one check, as the alert lifecycle reads it: from a drift check, a
 * performance metric or a streaming detector.
 *
 * @param feature the subject's name: a column, a signal, {@code performance} or {@code dataset}
 * @param check the statistic, metric or detector
 * @param value the check's value, NaN when the window had none (such windows are skipped)
 * @param threshold the warning level, on the scale that {@code thresholdSource} names
 * @param critical the critical level, NaN when the default applies
 * @param thresholdSource how the threshold was set
 * @param pValue p-value of a test, NaN otherwise
 * @param sampleSize values judged in the window
 * @param referenceSize values of the subject in the reference
 * @param drifted the verdict
 * @param isCritical whether the window passed the critical level
 */
public record Judgement(String feature, String check, double value, double threshold, double critical,
                        String thresholdSource, double pValue, long sampleSize, long referenceSize, boolean drifted,
                        boolean isCritical) {

    /** Returns the verdict of a check result, under the name {@code check}. */
    public static Judgement of(final CheckResult result, final String check) {
        return new Judgement(result.feature(), check, result.value(), result.threshold(), result.critical(),
                result.thresholdSource(), result.pValue(), result.sampleSize(), result.referenceSize(),
                result.drifted(), result.isCritical());
    }
}
