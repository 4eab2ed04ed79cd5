package dev.momo.drift;

/**
 * One statistic of one column over one window.
 *
 * @param feature column name
 * @param statistic the statistic
 * @param value its value; NaN when the window has no comparable value
 * @param threshold the window drifts when value is greater
 * @param thresholdSource {@code reference_chunks} or {@code default}
 * @param pValue p-value of the test, NaN where the statistic defines none
 * @param sampleSize comparable values of the column in the window
 * @param referenceSize comparable values of the column in the reference
 */
public record CheckResult(
        String feature,
        Statistic statistic,
        double value,
        double threshold,
        String thresholdSource,
        double pValue,
        long sampleSize,
        long referenceSize) {

    public boolean drifted() {
        return !Double.isNaN(value) && value > threshold;
    }
}
