package dev.momo.performance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Realized performance of a classifier over the labeled rows of a {@link ClassificationWindow}, with
 * scikit-learn 1.6.1's definitions (read in {@code sklearn/metrics/_classification.py} and
 * {@code _ranking.py} of that release).
 *
 * <p>Binary models (positive class p, see {@link ClassLabels}): {@code accuracy}, {@code precision},
 * {@code recall}, {@code specificity}, {@code f1} as {@code average="binary"} with {@code pos_label=p};
 * the confusion-matrix cells {@code true_positive}, {@code false_positive}, {@code true_negative},
 * {@code false_negative} (counts); with probabilities also {@code roc_auc}, {@code average_precision} and
 * {@code log_loss} of the positive-class probability.
 *
 * <p>Multiclass models: {@code accuracy}; {@code precision}, {@code recall}, {@code specificity} and
 * {@code f1} with the suffixes {@code _macro} and {@code _weighted}; with probabilities
 * {@code roc_auc_macro} and {@code roc_auc_weighted} ({@code roc_auc_score(multi_class="ovr",
 * labels=classes)}), {@code average_precision_macro} and {@code average_precision_weighted}
 * ({@code average_precision_score} of the one-vs-rest indicator matrix of all classes) and
 * {@code log_loss} ({@code log_loss(labels=classes)}).
 *
 * <p>Edge cases, each as scikit-learn 1.6.1 returns it:
 * <ul>
 *   <li>a zero denominator in precision, recall, specificity or F1 gives 0 ({@code zero_division="warn"});</li>
 *   <li>macro averages of precision, recall, specificity and F1 run over the classes that occur as true
 *       or predicted class in the window ({@code labels=None}); weighted ones weight by true counts;</li>
 *   <li>ROC AUC of a class without positives or without negatives is NaN, so a binary window with one
 *       true class, or a multiclass window missing a class, has a NaN ROC AUC (macro); the weighted
 *       average gives such classes weight 0;</li>
 *   <li>average precision of a class without positives is 0, with only positives 1;</li>
 *   <li>log loss clips probabilities to [eps, 1 - eps], eps = 2^-52, without renormalizing rows, and uses
 *       the model's classes, so that one true class is enough;</li>
 *   <li>a window without labeled rows gives NaN everywhere (scikit-learn rejects empty input), and 0 for
 *       the confusion-matrix counts.</li>
 * </ul>
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /** Computes the realized metrics of the labeled rows of a window. */
    public static PerformanceMetrics compute(final ClassificationWindow window) {
        final ClassLabels classes = window.classes();
        final ConfusionMatrix matrix = ConfusionMatrix.ofCounts(window.confusionMatrix());
        final boolean empty = window.labeledCount() == 0;
        final Map<String, Double> values = new LinkedHashMap<>();

        values.put(MetricNames.ACCURACY, matrix.accuracy());
        if (classes.isBinary()) {
            putBinaryRates(values, matrix, classes.positiveIndex(), empty);
        } else {
            putAveragedRates(values, matrix, empty);
        }

        final ScoredRows rows = window.rows();
        if (window.withProbabilities()) {
            final LabeledScores scores = LabeledScores.of(window);
            if (classes.isBinary()) {
                values.put(MetricNames.ROC_AUC, empty ? Double.NaN : scores.rocAuc(classes.positiveIndex()));
                values.put(MetricNames.AVERAGE_PRECISION,
                        empty ? Double.NaN : scores.averagePrecision(classes.positiveIndex()));
            } else {
                putRankingAverages(values, scores, empty);
            }
            values.put(MetricNames.LOG_LOSS, empty ? Double.NaN : window.logLossSum() / window.labeledCount());
        }
        return new PerformanceMetrics(window.labeledCount(), rows.sampled(), values, matrix.counts());
    }

    private static void putBinaryRates(final Map<String, Double> values, final ConfusionMatrix matrix,
                                       final int positive, final boolean empty) {
        values.put(MetricNames.PRECISION, empty ? Double.NaN : matrix.precision(positive));
        values.put(MetricNames.RECALL, empty ? Double.NaN : matrix.recall(positive));
        values.put(MetricNames.SPECIFICITY, empty ? Double.NaN : matrix.specificity(positive));
        values.put(MetricNames.F1, empty ? Double.NaN : matrix.f1(positive));
        values.put(MetricNames.TRUE_POSITIVE, matrix.truePositives(positive));
        values.put(MetricNames.FALSE_POSITIVE, matrix.falsePositives(positive));
        values.put(MetricNames.TRUE_NEGATIVE, matrix.trueNegatives(positive));
        values.put(MetricNames.FALSE_NEGATIVE, matrix.falseNegatives(positive));
    }

    private static void putAveragedRates(final Map<String, Double> values, final ConfusionMatrix matrix,
                                         final boolean empty) {
        final Map<String, IntToDoubleFunction> rates = new LinkedHashMap<>();
        rates.put(MetricNames.PRECISION, matrix::precision);
        rates.put(MetricNames.RECALL, matrix::recall);
        rates.put(MetricNames.SPECIFICITY, matrix::specificity);
        rates.put(MetricNames.F1, matrix::f1);
        rates.forEach((name, rate) -> {
            values.put(name + MetricNames.MACRO, empty ? Double.NaN : matrix.macro(rate, true));
            values.put(name + MetricNames.WEIGHTED, empty ? Double.NaN : matrix.weighted(rate));
        });
    }

    private static void putRankingAverages(final Map<String, Double> values, final LabeledScores scores,
                                           final boolean empty) {
        final int k = scores.classCount();
        final double[] rocAuc = new double[k];
        final double[] averagePrecision = new double[k];
        for (int c = 0; c < k; c++) {
            rocAuc[c] = scores.rocAuc(c);
            averagePrecision[c] = scores.averagePrecision(c);
        }
        values.put(MetricNames.ROC_AUC + MetricNames.MACRO, empty ? Double.NaN : mean(rocAuc));
        values.put(MetricNames.ROC_AUC + MetricNames.WEIGHTED, empty ? Double.NaN : scores.supportWeighted(rocAuc));
        values.put(MetricNames.AVERAGE_PRECISION + MetricNames.MACRO, empty ? Double.NaN : mean(averagePrecision));
        values.put(MetricNames.AVERAGE_PRECISION + MetricNames.WEIGHTED,
                empty ? Double.NaN : scores.supportWeighted(averagePrecision));
    }

    /** Returns the plain mean, NaN when any value is NaN ({@code numpy.average}). */
    private static double mean(final double[] values) {
        double sum = 0.0;
        for (final double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
