package dev.momo.detectors;

import java.util.Arrays;

/**
 * ADWIN's exponential histogram: row {@code r} holds up to {@code maxBuckets} buckets, each
 * summarizing {@code 2^r} consecutive values by their total and their variance (sum of squared
 * deviations from the bucket mean). New values enter row 0; when a row reaches
 * {@code maxBuckets + 1} buckets its two oldest merge into one bucket of the next row. A window of
 * W values therefore needs about {@code maxBuckets * log2(W / maxBuckets)} buckets.
 *
 * <p>Within a row, index 0 is the oldest bucket; row {@code rows() - 1} contains the oldest values.
 * The merge rule follows Bifet and Gavaldà, "Learning from time-changing data with adaptive
 * windowing" (SIAM SDM 2007), with the variance of the union from Babcock et al. (PODS 2003).
 */
final class AdwinBuckets {

    private final int maxBuckets;
    private final AdwinParameters.Flavor flavor;
    private double[][] totals;
    private double[][] variances;
    private int[] sizes;
    private int rows;

    AdwinBuckets(final int maxBuckets, final AdwinParameters.Flavor flavor) {
        this.maxBuckets = maxBuckets;
        this.flavor = flavor;
        this.totals = new double[4][];
        this.variances = new double[4][];
        this.sizes = new int[4];
        this.rows = 0;
        addRow();
    }

    int rows() {
        return rows;
    }

    int size(final int row) {
        return sizes[row];
    }

    double total(final int row, final int index) {
        return totals[row][index];
    }

    double variance(final int row, final int index) {
        return variances[row][index];
    }

    /** Returns the number of values a bucket of {@code row} summarizes, {@code 2^row}. */
    static double bucketSize(final int row) {
        return (double) (1L << row);
    }

    /** Appends one value as a bucket of row 0, then merges every row that overflowed. */
    void insert(final double value) {
        append(0, value, 0.0);
        int row = 0;
        while (sizes[row] == maxBuckets + 1) {
            if (row + 1 == rows) {
                addRow();
            }
            final double n = bucketSize(row);
            final double total0 = totals[row][0];
            final double total1 = totals[row][1];
            final double mean0 = total0 / n;
            final double mean1 = total1 / n;
            final double merged = mergedVariance(n, mean0, mean1, variances[row][0], variances[row][1]);
            append(row + 1, total0 + total1, merged);
            removeFirst(row, 2);
            row++;
        }
    }

    /** Removes the oldest bucket (the first of the last row) and drops the last row when it empties. */
    void removeOldest() {
        final int last = rows - 1;
        removeFirst(last, 1);
        if (sizes[last] == 0 && last > 0) {
            rows--;
        }
    }

    /** Empties the histogram, keeping its arrays. */
    void clear() {
        Arrays.fill(sizes, 0);
        rows = 1;
    }

    /** Replaces the content of {@code row} (which may be one past the last) with decoded buckets. */
    void restoreRow(final int row, final double[] rowTotals, final double[] rowVariances) {
        while (row >= rows) {
            addRow();
        }
        System.arraycopy(rowTotals, 0, totals[row], 0, rowTotals.length);
        System.arraycopy(rowVariances, 0, variances[row], 0, rowVariances.length);
        sizes[row] = rowTotals.length;
    }

    /**
     * Variance (sum of squared deviations) of two merged buckets of {@code n} values each. River
     * writes the cross term as {@code n/2 (m0 - m1)^2}, MOA as {@code n n (m0 - m1)^2 / (n + n)};
     * scikit-multiflow 0.5 drops the first bucket's variance. The rounding of each form is kept.
     */
    private double mergedVariance(final double n, final double mean0, final double mean1, final double variance0,
            final double variance1) {
        final double difference = mean0 - mean1;
        return switch (flavor) {
            case RIVER -> variance0 + variance1 + n * 0.5 * difference * difference;
            case MOA -> variance0 + variance1 + n * n * difference * difference / (n + n);
            case SCIKIT_MULTIFLOW -> variance1 + n * n * (difference * difference) / (n + n);
        };
    }

    private void append(final int row, final double total, final double variance) {
        final int index = sizes[row];
        totals[row][index] = total;
        variances[row][index] = variance;
        sizes[row] = index + 1;
    }

    private void removeFirst(final int row, final int count) {
        final int remaining = sizes[row] - count;
        System.arraycopy(totals[row], count, totals[row], 0, remaining);
        System.arraycopy(variances[row], count, variances[row], 0, remaining);
        sizes[row] = remaining;
    }

    private void addRow() {
        if (rows == totals.length) {
            totals = Arrays.copyOf(totals, rows * 2);
            variances = Arrays.copyOf(variances, rows * 2);
            sizes = Arrays.copyOf(sizes, rows * 2);
        }
        if (totals[rows] == null) {
            totals[rows] = new double[maxBuckets + 1];
            variances[rows] = new double[maxBuckets + 1];
        }
        sizes[rows] = 0;
        rows++;
    }
}
