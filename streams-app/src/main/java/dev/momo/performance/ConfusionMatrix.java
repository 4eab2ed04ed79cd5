package dev.momo.performance;

import java.util.function.IntToDoubleFunction;

/**
 * Per-class (one-vs-rest) rates of a confusion matrix of counts, realized or expected: row i is the true
 * class i, column j the predicted class j.
 *
 * <p>Definitions follow scikit-learn 1.6.1 ({@code sklearn/metrics/_classification.py}: {@code
 * precision_recall_fscore_support}, {@code _prf_divide}, {@code multilabel_confusion_matrix}). With
 * TP, FP, FN, TN the one-vs-rest counts of class k:
 * <ul>
 *   <li>precision = TP / (TP + FP), recall = TP / (TP + FN), specificity = TN / (TN + FP),
 *       F1 = 2 TP / (2 TP + FP + FN);</li>
 *   <li>a zero denominator gives 0, scikit-learn's value for its default {@code zero_division="warn"};</li>
 *   <li>accuracy = trace / total, NaN for an empty matrix (scikit-learn rejects empty input);</li>
 *   <li>macro average: the unweighted mean over the classes counted; weighted average: the mean weighted
 *       by the support (row sum) of each class.</li>
 * </ul>
 * Specificity is not a scikit-learn function; it is the recall of the negative side, with the same
 * zero-division rule and averaging as recall.
 */
final class ConfusionMatrix {

    private final double[][] counts;
    private final int size;
    private final double[] rowSums;
    private final double[] columnSums;
    private final double total;

    ConfusionMatrix(final double[][] counts) {
        this.counts = counts;
        this.size = counts.length;
        this.rowSums = new double[size];
        this.columnSums = new double[size];
        double sum = 0.0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                rowSums[i] += counts[i][j];
                columnSums[j] += counts[i][j];
                sum += counts[i][j];
            }
        }
        this.total = sum;
    }

    static ConfusionMatrix ofCounts(final long[][] counts) {
        final double[][] values = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            values[i] = new double[counts[i].length];
            for (int j = 0; j < counts[i].length; j++) {
                values[i][j] = counts[i][j];
            }
        }
        return new ConfusionMatrix(values);
    }

    double[][] counts() {
        final double[][] copy = new double[size][];
        for (int i = 0; i < size; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    double total() {
        return total;
    }

    double accuracy() {
        if (total == 0.0) {
            return Double.NaN;
        }
        double trace = 0.0;
        for (int i = 0; i < size; i++) {
            trace += counts[i][i];
        }
        return trace / total;
    }

    double truePositives(final int k) {
        return counts[k][k];
    }

    double falsePositives(final int k) {
        return columnSums[k] - counts[k][k];
    }

    double falseNegatives(final int k) {
        return rowSums[k] - counts[k][k];
    }

    double trueNegatives(final int k) {
        return total - rowSums[k] - columnSums[k] + counts[k][k];
    }

    /** Number of true instances of class k. */
    double support(final int k) {
        return rowSums[k];
    }

    /** Returns whether class k occurs as a true or a predicted class, which makes scikit-learn's default label set. */
    boolean present(final int k) {
        return rowSums[k] > 0.0 || columnSums[k] > 0.0;
    }

    double precision(final int k) {
        return divide(truePositives(k), truePositives(k) + falsePositives(k));
    }

    double recall(final int k) {
        return divide(truePositives(k), truePositives(k) + falseNegatives(k));
    }

    double specificity(final int k) {
        return divide(trueNegatives(k), trueNegatives(k) + falsePositives(k));
    }

    double f1(final int k) {
        return divide(2.0 * truePositives(k), 2.0 * truePositives(k) + falsePositives(k) + falseNegatives(k));
    }

    /**
     * Returns the unweighted mean of a per-class metric over the classes present in the matrix
     * ({@code presentOnly}, scikit-learn's default) or over all classes (NannyML's CBPE); NaN when no class
     * counts.
     */
    double macro(final IntToDoubleFunction metric, final boolean presentOnly) {
        double sum = 0.0;
        int counted = 0;
        for (int k = 0; k < size; k++) {
            if (!presentOnly || present(k)) {
                sum += metric.applyAsDouble(k);
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** Returns the mean of a per-class metric weighted by class support; NaN when no class has support. */
    double weighted(final IntToDoubleFunction metric) {
        double sum = 0.0;
        double weights = 0.0;
        for (int k = 0; k < size; k++) {
            if (rowSums[k] > 0.0) {
                sum += rowSums[k] * metric.applyAsDouble(k);
                weights += rowSums[k];
            }
        }
        return weights == 0.0 ? Double.NaN : sum / weights;
    }

    private static double divide(final double numerator, final double denominator) {
        return denominator == 0.0 ? 0.0 : numerator / denominator;
    }
}
