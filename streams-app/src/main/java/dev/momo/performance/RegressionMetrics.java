package dev.momo.performance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realized performance of a regressor over a {@link RegressionWindow}, with scikit-learn 1.6.1's
 * definitions ({@code sklearn/metrics/_regression.py} of that release), e = prediction - true value:
 * <ul>
 *   <li>{@code mae} = mean |e| ({@code mean_absolute_error});</li>
 *   <li>{@code mse} = mean e² ({@code mean_squared_error}), {@code rmse} = √mse
 *       ({@code root_mean_squared_error});</li>
 *   <li>{@code mape} = mean |e| / max(|y|, eps), eps = 2^-52 ({@code mean_absolute_percentage_error}), a
 *       fraction, not a percentage: a true value of 0 with an error gives a huge term, as there;</li>
 *   <li>{@code r2} = 1 - SSE / SST with SST the sum of squared deviations of y ({@code r2_score},
 *       {@code force_finite=True}): NaN for fewer than 2 rows; 1 when SSE is 0; 0 when SST is 0 and SSE
 *       is not.</li>
 * </ul>
 * An empty window gives NaN everywhere.
 *
 * <p>One departure: for a constant true value whose mean NumPy cannot represent exactly (0.1 repeated),
 * scikit-learn computes a tiny non-zero SST from the rounded mean and returns a huge negative R², while
 * the M2 here is exactly 0 and R² is 0.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    public static PerformanceMetrics compute(final RegressionWindow window) {
        final long n = window.count();
        final Map<String, Double> values = new LinkedHashMap<>();
        if (n == 0) {
            for (final String name : new String[] {MetricNames.MAE, MetricNames.MSE, MetricNames.RMSE,
                    MetricNames.MAPE, MetricNames.R2}) {
                values.put(name, Double.NaN);
            }
            return new PerformanceMetrics(0, false, values, null);
        }

        final double mse = window.sumSquaredErrors() / n;
        values.put(MetricNames.MAE, window.sumAbsoluteErrors() / n);
        values.put(MetricNames.MSE, mse);
        values.put(MetricNames.RMSE, Math.sqrt(mse));
        values.put(MetricNames.MAPE, window.sumPercentageErrors() / n);
        values.put(MetricNames.R2, r2(n, window.sumSquaredErrors(), window.trueSumOfSquares()));
        return new PerformanceMetrics(n, false, values, null);
    }

    private static double r2(final long n, final double sse, final double sst) {
        if (n < 2) {
            return Double.NaN;
        }
        if (sse == 0.0) {
            return 1.0;
        }
        if (sst == 0.0) {
            return 0.0;
        }
        return 1.0 - sse / sst;
    }
}
