package dev.momo.performance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confidence-based performance estimation (CBPE): the performance a classifier is expected to have on a
 * window without labels, from its calibrated probabilities. Rebuilt from NannyML's implementation
 * ({@code nannyml/performance_estimation/confidence_based/metrics.py}, commit
 * ba5d2636dd8c7561729587d6bbdfdc99e21bf92d, and {@code cbpe.py}, commit
 * 075063087157cd27deafbf3b01688366699f34d1).
 *
 * <p>Idea: if the calibrated probability c of the positive class is right, a row predicted positive is a
 * true positive with probability c and a false positive with probability 1 - c; a row predicted negative
 * is a false negative with probability c and a true negative with probability 1 - c. Summing over the
 * window gives the expected confusion matrix, and the metrics follow from it:
 * <ul>
 *   <li>accuracy = (TP + TN) / n; precision = TP / (TP + FP); recall = TP / (TP + FN); specificity =
 *       TN / (TN + FP); F1 = TP / (TP + (FP + FN) / 2); a zero denominator gives 0, as in NannyML;</li>
 *   <li>ROC AUC: rows sorted by the raw score, each contributing c to the true positives and 1 - c to the
 *       false positives, area under that expected ROC curve (see {@link RankingMetrics});</li>
 *   <li>multiclass, one-vs-rest: class k's calibrated probabilities are renormalized per row to add up
 *       to 1 (uniform when they add up to 0); each class gets the binary estimates above with "predicted
 *       k" as the positive prediction and the macro average is their mean over all classes; accuracy is
 *       the mean calibrated probability of the predicted class; the expected confusion matrix has
 *       E[i][j] = sum, over rows predicted j, of the calibrated probability of class i.</li>
 * </ul>
 * Names: {@code estimated_accuracy}, {@code estimated_precision}, {@code estimated_recall},
 * {@code estimated_specificity}, {@code estimated_f1}, {@code estimated_roc_auc} and the expected counts
 * {@code estimated_true_positive} (and the other three cells) for binary models; the same rates with
 * {@code _macro} for multiclass models. An empty window gives NaN.
 *
 * <p>CBPE assumes that the relation between the model's scores and the truth is the one calibrated on
 * the reference (no concept drift). It tracks performance changes caused by shifts in the inputs, not
 * those caused by a changed relation between inputs and outcome.
 */
public final class CbpeEstimator {

    private final CbpeModel model;
    private final ClassLabels classes;
    private final IsotonicCalibrator[] calibrators;

    /**
     * Prepares estimation with a fitted model.
     *
     * @throws IllegalArgumentException when the model is inconsistent (classes, calibrations)
     */
    public CbpeEstimator(final CbpeModel model) {
        this.model = model;
        this.classes = model.classLabels();
        final List<ClassCalibration> calibrations = model.calibrations();
        final int expected = classes.isBinary() ? 1 : classes.size();
        if (calibrations.size() != expected) {
            throw new IllegalArgumentException("CBPE model of classes " + classes + " has " + calibrations.size()
                    + " calibrations; expected " + expected);
        }
        this.calibrators = new IsotonicCalibrator[expected];
        for (int i = 0; i < expected; i++) {
            calibrators[i] = calibrations.get(i).calibrator();
        }
    }

    public CbpeModel model() {
        return model;
    }

    /**
     * Estimates the performance of every row of a window, labeled or not; labels are ignored.
     *
     * @throws IllegalArgumentException when the window has other classes than the model, or no probabilities
     */
    public PerformanceMetrics estimate(final ClassificationWindow window) {
        if (!window.classes().equals(classes)) {
            throw new IllegalArgumentException("cannot estimate a window of classes " + window.classes()
                    + " with a CBPE model of classes " + classes);
        }
        if (!window.withProbabilities()) {
            throw new IllegalArgumentException("CBPE needs predicted probabilities, but the window has none");
        }
        final ScoredRows rows = window.rows();
        final int n = rows.size();
        final Map<String, Double> values = new LinkedHashMap<>();
        final double[][] expected;
        if (classes.isBinary()) {
            expected = estimateBinary(rows, n, values);
        } else {
            expected = estimateMulticlass(rows, n, values);
        }
        return new PerformanceMetrics(n, rows.sampled(), values, expected);
    }

    private double[][] estimateBinary(final ScoredRows rows, final int n, final Map<String, Double> values) {
        final int positive = classes.positiveIndex();
        final double[] scores = new double[n];
        final double[] calibrated = new double[n];
        final boolean[] predictedPositive = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rows.probability(i, 0);
            calibrated[i] = calibrate(0, scores[i]);
            predictedPositive[i] = rows.prediction(i) == positive;
        }
        final ExpectedCounts counts = ExpectedCounts.of(calibrated, predictedPositive);

        putRates(values, counts, n);
        values.put(MetricNames.estimated(MetricNames.ROC_AUC), RankingMetrics.rocAuc(scores, calibrated, true));
        values.put(MetricNames.estimated(MetricNames.TRUE_POSITIVE), counts.truePositives());
        values.put(MetricNames.estimated(MetricNames.FALSE_POSITIVE), counts.falsePositives());
        values.put(MetricNames.estimated(MetricNames.TRUE_NEGATIVE), counts.trueNegatives());
        values.put(MetricNames.estimated(MetricNames.FALSE_NEGATIVE), counts.falseNegatives());

        final double[][] matrix = new double[2][2];
        matrix[positive][positive] = counts.truePositives();
        matrix[1 - positive][positive] = counts.falsePositives();
        matrix[positive][1 - positive] = counts.falseNegatives();
        matrix[1 - positive][1 - positive] = counts.trueNegatives();
        return matrix;
    }

    private double[][] estimateMulticlass(final ScoredRows rows, final int n, final Map<String, Double> values) {
        final int k = classes.size();
        final double[][] calibrated = calibratedMulticlass(rows, n);

        final double[] precision = new double[k];
        final double[] recall = new double[k];
        final double[] specificity = new double[k];
        final double[] f1 = new double[k];
        final double[] rocAuc = new double[k];
        final double[][] matrix = new double[k][k];
        for (int c = 0; c < k; c++) {
            final double[] scores = new double[n];
            final boolean[] predicted = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rows.probability(i, c);
                predicted[i] = rows.prediction(i) == c;
            }
            final ExpectedCounts counts = ExpectedCounts.of(calibrated[c], predicted);
            precision[c] = counts.precision();
            recall[c] = counts.recall();
            specificity[c] = counts.specificity();
            f1[c] = counts.f1();
            rocAuc[c] = RankingMetrics.rocAuc(scores, calibrated[c], true);
            for (int i = 0; i < n; i++) {
                matrix[c][rows.prediction(i)] += calibrated[c][i];
            }
        }

        final CompensatedSum accuracy = new CompensatedSum();
        for (int i = 0; i < n; i++) {
            accuracy.add(calibrated[rows.prediction(i)][i]);
        }
        values.put(MetricNames.estimated(MetricNames.ACCURACY), n == 0 ? Double.NaN : accuracy.value() / n);
        values.put(MetricNames.estimated(MetricNames.PRECISION + MetricNames.MACRO), mean(precision, n));
        values.put(MetricNames.estimated(MetricNames.RECALL + MetricNames.MACRO), mean(recall, n));
        values.put(MetricNames.estimated(MetricNames.SPECIFICITY + MetricNames.MACRO), mean(specificity, n));
        values.put(MetricNames.estimated(MetricNames.F1 + MetricNames.MACRO), mean(f1, n));
        values.put(MetricNames.estimated(MetricNames.ROC_AUC + MetricNames.MACRO), mean(rocAuc, n));
        return matrix;
    }

    /** Calibrated probabilities by class, then row, renormalized per row as NannyML does. */
    private double[][] calibratedMulticlass(final ScoredRows rows, final int n) {
        final int k = classes.size();
        final double[][] calibrated = new double[k][n];
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int c = 0; c < k; c++) {
                calibrated[c][i] = calibrate(c, rows.probability(i, c));
                sum += calibrated[c][i];
            }
            for (int c = 0; c < k; c++) {
                calibrated[c][i] = sum == 0.0 ? 1.0 / k : calibrated[c][i] / sum;
            }
        }
        return calibrated;
    }

    private double calibrate(final int calibration, final double score) {
        final IsotonicCalibrator calibrator = calibrators[calibration];
        return calibrator == null ? score : calibrator.calibrate(score);
    }

    private static void putRates(final Map<String, Double> values, final ExpectedCounts counts, final int n) {
        values.put(MetricNames.estimated(MetricNames.ACCURACY), n == 0 ? Double.NaN : counts.accuracy());
        values.put(MetricNames.estimated(MetricNames.PRECISION), n == 0 ? Double.NaN : counts.precision());
        values.put(MetricNames.estimated(MetricNames.RECALL), n == 0 ? Double.NaN : counts.recall());
        values.put(MetricNames.estimated(MetricNames.SPECIFICITY), n == 0 ? Double.NaN : counts.specificity());
        values.put(MetricNames.estimated(MetricNames.F1), n == 0 ? Double.NaN : counts.f1());
    }

    private static double mean(final double[] values, final int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (final double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
