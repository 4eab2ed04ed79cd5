package dev.momo.performance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Performance metrics of one window, by the names of {@link MetricNames}, in a stable order. A metric that
 * the window cannot define (no labeled rows, a single class where two are needed) is NaN; metrics that
 * need probabilities are absent from windows without them.
 *
 * @param rowCount rows the metrics describe: labeled rows for realized metrics, all rows for estimates
 * @param sampled true when the window held more rows than its cap, so that the rank-based metrics (ROC
 *     AUC, average precision) and the CBPE estimates come from a uniform sample of {@code cap} rows; the
 *     confusion-matrix metrics, log loss and the regression errors are exact in any case
 * @param values metric values by name
 * @param confusionMatrix counts by true class (row) and predicted class (column), in the order of the
 *     window's {@link ClassLabels}; expected counts for estimates; null for regression
 */
public record PerformanceMetrics(long rowCount, boolean sampled, Map<String, Double> values,
                                 double[][] confusionMatrix) {

    public PerformanceMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Returns a metric's value.
     *
     * @throws IllegalArgumentException naming the metrics there are when this one is absent
     */
    public double value(final String name) {
        final Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("metric '" + name + "' is not defined for this window; its metrics are "
                    + values.keySet());
        }
        return value;
    }
}
