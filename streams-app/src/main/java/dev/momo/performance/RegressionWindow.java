package dev.momo.performance;

/**
 * A mergeable window of a regressor's predictions and true values: the sums that MAE, MSE, RMSE, MAPE
 * and R² need, exact at any window size (no rows are kept). Partial windows merge with {@link #addAll};
 * {@link PerformanceWindowCodec} encodes them.
 *
 * <p>The sums use Neumaier's compensated summation, and the spread of the true values is kept as a mean
 * and a sum of squared deviations (M2), updated per value with Welford's method (Welford, Technometrics 4,
 * 1962) and merged with the pairwise formula of Chan, Golub and LeVeque (Stanford CS-TR-79-773, 1979),
 * which avoids the cancellation of a sum of squares minus a squared sum. A constant true value gives an
 * M2 of exactly 0.
 *
 * <p>Values must be finite: a NaN or infinite value throws {@link IllegalArgumentException} naming it and
 * changes nothing. Not thread-safe.
 */
public final class RegressionWindow {

    /** {@code numpy.finfo(numpy.float64).eps}, the floor of |y| in scikit-learn 1.6.1's MAPE. */
    static final double MAPE_EPSILON = Math.ulp(1.0);

    private final CompensatedSum absoluteErrors;
    private final CompensatedSum squaredErrors;
    private final CompensatedSum percentageErrors;
    private long count;
    private double trueMean;
    private double trueM2;

    public RegressionWindow() {
        this(0, new CompensatedSum(), new CompensatedSum(), new CompensatedSum(), 0.0, 0.0);
    }

    RegressionWindow(final long count, final CompensatedSum absoluteErrors, final CompensatedSum squaredErrors,
                     final CompensatedSum percentageErrors, final double trueMean, final double trueM2) {
        this.count = count;
        this.absoluteErrors = absoluteErrors;
        this.squaredErrors = squaredErrors;
        this.percentageErrors = percentageErrors;
        this.trueMean = trueMean;
        this.trueM2 = trueM2;
    }

    /**
     * Adds one prediction with its true value.
     *
     * @throws IllegalArgumentException when either value is NaN or infinite
     */
    public void add(final double trueValue, final double predictedValue) {
        if (!Double.isFinite(trueValue) || !Double.isFinite(predictedValue)) {
            throw new IllegalArgumentException("regression " + (Double.isFinite(trueValue)
                    ? "prediction " + predictedValue : "label " + trueValue) + " is invalid; expected a finite number");
        }
        final double error = predictedValue - trueValue;
        absoluteErrors.add(Math.abs(error));
        squaredErrors.add(error * error);
        percentageErrors.add(Math.abs(error) / Math.max(Math.abs(trueValue), MAPE_EPSILON));

        count++;
        final double delta = trueValue - trueMean;
        trueMean += delta / count;
        trueM2 += delta * (trueValue - trueMean);
    }

    /** Adds the sums of another window, for example another partition's part of the same window. */
    public void addAll(final RegressionWindow other) {
        if (other.count == 0) {
            return;
        }
        absoluteErrors.add(other.absoluteErrors);
        squaredErrors.add(other.squaredErrors);
        percentageErrors.add(other.percentageErrors);

        final long total = count + other.count;
        final double delta = other.trueMean - trueMean;
        trueM2 += other.trueM2 + delta * delta * ((double) count * other.count / total);
        trueMean += delta * ((double) other.count / total);
        count = total;
    }

    public long count() {
        return count;
    }

    double sumAbsoluteErrors() {
        return absoluteErrors.value();
    }

    double sumSquaredErrors() {
        return squaredErrors.value();
    }

    double sumPercentageErrors() {
        return percentageErrors.value();
    }

    /** Sum of squared deviations of the true values from their mean. */
    double trueSumOfSquares() {
        return trueM2;
    }

    double trueMean() {
        return trueMean;
    }

    CompensatedSum absoluteErrors() {
        return absoluteErrors;
    }

    CompensatedSum squaredErrors() {
        return squaredErrors;
    }

    CompensatedSum percentageErrors() {
        return percentageErrors;
    }
}
