package dev.momo.performance;

import java.util.List;

/**
 * Snake-case names of the performance metrics, as they appear as the statistic of a drift metric record.
 * Binary classifiers use the plain names; multiclass classifiers add the averaging as a suffix
 * ({@code f1_macro}, {@code roc_auc_weighted}), except for accuracy and log loss. Estimated metrics carry
 * the prefix {@value #ESTIMATED_PREFIX}.
 */
public final class MetricNames {

    public static final String ACCURACY = "accuracy";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String SPECIFICITY = "specificity";
    public static final String F1 = "f1";
    public static final String ROC_AUC = "roc_auc";
    public static final String AVERAGE_PRECISION = "average_precision";
    public static final String LOG_LOSS = "log_loss";
    public static final String TRUE_POSITIVE = "true_positive";
    public static final String FALSE_POSITIVE = "false_positive";
    public static final String TRUE_NEGATIVE = "true_negative";
    public static final String FALSE_NEGATIVE = "false_negative";

    public static final String MAE = "mae";
    public static final String MSE = "mse";
    public static final String RMSE = "rmse";
    public static final String MAPE = "mape";
    public static final String R2 = "r2";

    /** Suffix of the unweighted mean over classes. */
    public static final String MACRO = "_macro";
    /** Suffix of the mean over classes weighted by their number of true instances (support). */
    public static final String WEIGHTED = "_weighted";
    /** Prefix of the metrics that CBPE estimates without labels. */
    public static final String ESTIMATED_PREFIX = "estimated_";

    /** Metrics whose lower values are worse (all but the losses, errors and confusion-matrix counts). */
    private static final List<String> LOWER_IS_WORSE = List.of(ACCURACY, PRECISION, RECALL, SPECIFICITY, F1,
            ROC_AUC, AVERAGE_PRECISION, R2);

    private MetricNames() {
    }

    /** Returns the name of the estimate of a metric, such as {@code estimated_roc_auc}. */
    public static String estimated(final String metric) {
        return ESTIMATED_PREFIX + metric;
    }

    /** Returns the realized metric that an estimated one estimates, or the name itself when it is not estimated. */
    public static String realized(final String metric) {
        return metric.startsWith(ESTIMATED_PREFIX) ? metric.substring(ESTIMATED_PREFIX.length()) : metric;
    }

    /**
     * Returns whether a drop of the metric means worse performance, so that its threshold is a lower bound.
     * This is true for scores such as accuracy, F1, ROC AUC and R². It is false for log loss and the
     * regression errors, which are worse when higher, and for the confusion-matrix counts.
     */
    public static boolean lowerIsWorse(final String metric) {
        final String base = realized(metric).replace(MACRO, "").replace(WEIGHTED, "");
        return LOWER_IS_WORSE.contains(base);
    }
}
