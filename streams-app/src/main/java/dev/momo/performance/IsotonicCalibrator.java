package dev.momo.performance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Isotonic calibration of scores into probabilities: the non-decreasing step fit of the observed 0/1
 * outcomes against the score, linear between its points. This is NannyML's {@code IsotonicCalibrator},
 * scikit-learn's {@code IsotonicRegression(out_of_bounds="clip", increasing=True)}, rebuilt from
 * scikit-learn 1.6.1's {@code sklearn/isotonic.py} and {@code _isotonic.pyx}:
 * <ol>
 *   <li>sort by score, then outcome, and merge scores closer than 1e-15 to the first score of their group
 *       ({@code numpy.finfo(float64).resolution}) into one point whose outcome is the mean of the group
 *       and whose weight is its size ({@code _make_unique});</li>
 *   <li>pool adjacent violators (PAVA): merge neighbouring points while a point's value is at least its
 *       successor's, each block taking the weighted mean of its points, as SciPy 1.17's
 *       {@code scipy.optimize.isotonic_regression} does;</li>
 *   <li>drop inner points whose value equals both neighbours' (they do not change the interpolation);</li>
 *   <li>calibrate a score by clipping it to [first point, last point] and interpolating linearly between
 *       the two points around it, as {@code scipy.interpolate.interp1d(kind="linear")} does; a fit of one
 *       point is a constant.</li>
 * </ol>
 * The fitted points are the state that a profile stores ({@link #scores()}, {@link #values()}).
 */
public final class IsotonicCalibrator {

    /** {@code numpy.finfo(numpy.float64).resolution}: scores closer than this count as one. */
    private static final double RESOLUTION = 1e-15;

    private final double[] scores;
    private final double[] values;

    private IsotonicCalibrator(final double[] scores, final double[] values) {
        this.scores = scores;
        this.values = values;
    }

    /**
     * Returns the calibrator with these fitted points.
     *
     * @throws IllegalArgumentException when the arrays are empty, differ in length, are not finite, the
     *     scores do not increase or the values decrease
     */
    public static IsotonicCalibrator of(final double[] scores, final double[] values) {
        if (scores.length == 0 || scores.length != values.length) {
            throw new IllegalArgumentException("an isotonic calibration needs as many values as scores, at least one;"
                    + " got " + scores.length + " scores and " + values.length + " values");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("isotonic calibration point " + i + " (" + scores[i] + ", "
                        + values[i] + ") is not finite");
            }
            if (i > 0 && (scores[i] <= scores[i - 1] || values[i] < values[i - 1])) {
                throw new IllegalArgumentException("isotonic calibration point " + i + " (" + scores[i] + ", "
                        + values[i] + ") does not follow (" + scores[i - 1] + ", " + values[i - 1]
                        + "); scores must increase and values must not decrease");
            }
        }
        return new IsotonicCalibrator(scores.clone(), values.clone());
    }

    /**
     * Fits the calibrator to scores and their outcomes.
     *
     * @param scores finite scores, one per row
     * @param outcomes 1 for a positive row, 0 otherwise
     * @throws IllegalArgumentException when the input is empty, the lengths differ or a score is not finite
     */
    public static IsotonicCalibrator fit(final double[] scores, final double[] outcomes) {
        if (scores.length == 0 || scores.length != outcomes.length) {
            throw new IllegalArgumentException("isotonic calibration needs as many outcomes as scores, at least one;"
                    + " got " + scores.length + " scores and " + outcomes.length + " outcomes");
        }
        final Points unique = uniquePoints(scores, outcomes);
        return trimmed(unique.scores, poolAdjacentViolators(unique.values, unique.weights));
    }

    /** Returns the scores of the fitted points, increasing. */
    public double[] scores() {
        return scores.clone();
    }

    /** Returns the calibrated probabilities at the fitted points, non-decreasing. */
    public double[] values() {
        return values.clone();
    }

    /** Returns the calibrated probability of a score. */
    public double calibrate(final double score) {
        if (scores.length == 1) {
            return values[0];
        }
        final double x = Math.min(Math.max(score, scores[0]), scores[scores.length - 1]);
        int hi = lowerBound(scores, x);
        hi = Math.min(Math.max(hi, 1), scores.length - 1);
        final int lo = hi - 1;
        final double slope = (values[hi] - values[lo]) / (scores[hi] - scores[lo]);
        return slope * (x - scores[lo]) + values[lo];
    }

    /** First index whose score is not below x ({@code numpy.searchsorted(side="left")}). */
    private static int lowerBound(final double[] sorted, final double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            final int middle = (low + high) >>> 1;
            if (sorted[middle] < x) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Distinct scores with the mean outcome and the row count of each. */
    private record Points(double[] scores, double[] values, double[] weights) {
    }

    private static Points uniquePoints(final double[] scores, final double[] outcomes) {
        for (final double score : scores) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score " + score + " cannot be calibrated; expected a finite number");
            }
        }
        final int[] order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).thenComparingDouble(i -> outcomes[i]))
                .mapToInt(Integer::intValue)
                .toArray();

        final double[] uniqueScores = new double[scores.length];
        final double[] uniqueValues = new double[scores.length];
        final double[] weights = new double[scores.length];
        int size = 0;
        double current = scores[order[0]];
        double sum = 0.0;
        double weight = 0.0;

        for (final int row : order) {
            if (scores[row] - current >= RESOLUTION) {
                uniqueScores[size] = current;
                uniqueValues[size] = sum / weight;
                weights[size] = weight;
                size++;
                current = scores[row];
                sum = 0.0;
                weight = 0.0;
            }
            sum += outcomes[row];
            weight += 1.0;
        }
        uniqueScores[size] = current;
        uniqueValues[size] = sum / weight;
        weights[size] = weight;
        size++;

        return new Points(Arrays.copyOf(uniqueScores, size), Arrays.copyOf(uniqueValues, size),
                Arrays.copyOf(weights, size));
    }

    /**
     * Returns the isotonic fit at each point: pools adjacent violators, merging a point into the block
     * before it while that block's mean is at least the point's value, each block keeping the weighted
     * mean of its points.
     */
    private static double[] poolAdjacentViolators(final double[] values, final double[] weights) {
        final int n = values.length;
        final double[] blockMeans = new double[n];
        final double[] blockWeights = new double[n];
        final double[] blockSums = new double[n];
        final int[] blockPoints = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            double sum = values[i] * weights[i];
            double weight = weights[i];
            int points = 1;
            double mean = values[i];
            while (blocks > 0 && blockMeans[blocks - 1] >= mean) {
                blocks--;
                sum += blockSums[blocks];
                weight += blockWeights[blocks];
                points += blockPoints[blocks];
                mean = sum / weight;
            }
            blockMeans[blocks] = mean;
            blockSums[blocks] = sum;
            blockWeights[blocks] = weight;
            blockPoints[blocks] = points;
            blocks++;
        }

        final double[] fitted = new double[n];
        int point = 0;
        for (int block = 0; block < blocks; block++) {
            for (int j = 0; j < blockPoints[block]; j++) {
                fitted[point++] = blockMeans[block];
            }
        }
        return fitted;
    }

    private static IsotonicCalibrator trimmed(final double[] uniqueScores, final double[] fitted) {
        final int n = fitted.length;
        final double[] keptScores = new double[n];
        final double[] keptValues = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            final boolean inner = i > 0 && i < n - 1;
            if (!inner || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1]) {
                keptScores[kept] = uniqueScores[i];
                keptValues[kept] = fitted[i];
                kept++;
            }
        }
        return new IsotonicCalibrator(Arrays.copyOf(keptScores, kept), Arrays.copyOf(keptValues, kept));
    }
}
