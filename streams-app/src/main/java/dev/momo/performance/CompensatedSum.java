package dev.momo.performance;

/**
 * A running sum with Neumaier's compensation (Neumaier, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54, 1974), whose error does not grow with the number of terms. Two
 * sums merge by adding both parts, so partial windows merge without losing the compensation. A sum
 * that overflows stays infinite. Not thread-safe.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    CompensatedSum() {
    }

    CompensatedSum(final double sum, final double compensation) {
        this.sum = sum;
        this.compensation = compensation;
    }

    void add(final double value) {
        final double total = sum + value;
        if (!Double.isFinite(total)) {
            // Overflow: the compensation no longer means anything, and the infinite sum is the result.
            sum = total;
            return;
        }
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - total) + value;
        } else {
            compensation += (value - total) + sum;
        }
        sum = total;
    }

    void add(final CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
    }

    /** Returns the compensated value of the sum. */
    double value() {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }

    double rawSum() {
        return sum;
    }

    double compensation() {
        return compensation;
    }
}
