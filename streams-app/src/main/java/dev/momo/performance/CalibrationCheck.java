package dev.momo.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Decides whether a model's scores for one class benefit from isotonic calibration, following NannyML's
 * {@code needs_calibration} ({@code nannyml/calibration.py}, commit
 * 022b8fa6b1cb5d86b66f428d52847001889f099c):
 * <ol>
 *   <li>no when the reference has a single class, or when the ROC AUC of the scores exceeds 0.999;</li>
 *   <li>otherwise draw {@value #SPLITS} stratified shuffle splits with 10 % test rows (ceil(0.1 n)), fit
 *       an {@link IsotonicCalibrator} on each training part and calibrate its test part;</li>
 *   <li>pool the test parts, sort them by score and cut them into {@value #BINS} bins of equal row count
 *       ({@code _get_bin_index_edges}: width n // 10, the last bin taking the rest);</li>
 *   <li>the expected calibration error, ECE = sum over bins of (bin rows / n) |mean score - mean outcome|,
 *       is computed before and after calibration (the calibrated ECE sorts by calibrated score); calibrate
 *       when the ECE before is greater than after.</li>
 * </ol>
 * The folds differ from NannyML's: NannyML uses scikit-learn's {@code StratifiedShuffleSplit} with
 * {@code random_state=42}, whose NumPy random stream this class does not reproduce; it draws its own
 * stratified folds from {@link Random} seeded with {@value #SEED}, with the same sizes up to rounding of the
 * per-class counts. Rows with tied scores keep their pooled order when sorted (NumPy's default sort does
 * not promise an order). The decision therefore matches NannyML's when the two ECEs are not close.
 */
final class CalibrationCheck {

    static final int SPLITS = 10;
    static final int BINS = 10;
    static final long SEED = 42L;
    private static final double TEST_SHARE = 0.1;
    private static final double SEPARABLE_ROC_AUC = 0.999;

    /**
     * Outcome of the check.
     *
     * @param calibrate whether to calibrate
     * @param reason why, in a short phrase for logs and profiles
     * @param eceBefore ECE of the raw test scores, null when the folds were not drawn
     * @param eceAfter ECE of the calibrated test scores, null when the folds were not drawn
     */
    record Decision(boolean calibrate, String reason, Double eceBefore, Double eceAfter) {
    }

    private CalibrationCheck() {
    }

    /** Decides for scores and 0/1 outcomes of the reference. */
    static Decision decide(final double[] scores, final double[] outcomes) {
        final int positives = (int) Arrays.stream(outcomes).filter(outcome -> outcome == 1.0).count();
        if (positives == 0 || positives == outcomes.length) {
            return new Decision(false, "the reference has a single class", null, null);
        }
        final double rocAuc = RankingMetrics.rocAuc(scores, outcomes, false);
        if (rocAuc > SEPARABLE_ROC_AUC) {
            return new Decision(false, "reference ROC AUC " + rocAuc + " is above 0.999", null, null);
        }

        final List<Double> testScores = new ArrayList<>();
        final List<Double> testOutcomes = new ArrayList<>();
        final List<Double> testCalibrated = new ArrayList<>();
        final Random random = new Random(SEED);
        for (int split = 0; split < SPLITS; split++) {
            final boolean[] inTest = stratifiedTestRows(outcomes, positives, random);
            final int trainSize = outcomes.length - count(inTest);
            final double[] trainScores = new double[trainSize];
            final double[] trainOutcomes = new double[trainSize];
            int next = 0;
            for (int row = 0; row < outcomes.length; row++) {
                if (!inTest[row]) {
                    trainScores[next] = scores[row];
                    trainOutcomes[next] = outcomes[row];
                    next++;
                }
            }
            final IsotonicCalibrator calibrator = IsotonicCalibrator.fit(trainScores, trainOutcomes);
            for (int row = 0; row < outcomes.length; row++) {
                if (inTest[row]) {
                    testScores.add(scores[row]);
                    testOutcomes.add(outcomes[row]);
                    testCalibrated.add(calibrator.calibrate(scores[row]));
                }
            }
        }

        final double before = expectedCalibrationError(toArray(testScores), toArray(testOutcomes));
        final double after = expectedCalibrationError(toArray(testCalibrated), toArray(testOutcomes));
        return before > after
                ? new Decision(true, "calibration lowers the ECE from " + before + " to " + after, before, after)
                : new Decision(false, "calibration does not lower the ECE of " + before + " (" + after + " after)",
                        before, after);
    }

    /** Returns the ECE of probabilities against 0/1 outcomes over {@value #BINS} bins of equal row count. */
    static double expectedCalibrationError(final double[] probabilities, final double[] outcomes) {
        final int n = probabilities.length;
        int bins = BINS;
        if (n <= 2 * bins) {
            bins = n / 2;
            if (bins < 2) {
                throw new IllegalArgumentException("cannot check calibration on " + n
                        + " test rows; at least 4 are needed for 2 bins, so the reference needs more rows");
            }
        }
        final int width = n / bins;
        final List<Integer> edges = new ArrayList<>();
        for (int edge = 0; edge <= n; edge += width) {
            edges.add(edge);
        }
        edges.set(edges.size() - 1, n);

        final int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(row -> probabilities[row]))
                .mapToInt(Integer::intValue)
                .toArray();
        double error = 0.0;
        for (int bin = 0; bin + 1 < edges.size(); bin++) {
            final int from = edges.get(bin);
            final int to = edges.get(bin + 1);
            double probabilitySum = 0.0;
            double outcomeSum = 0.0;
            for (int i = from; i < to; i++) {
                probabilitySum += probabilities[order[i]];
                outcomeSum += outcomes[order[i]];
            }
            final int rows = to - from;
            error += ((double) rows / n) * Math.abs(probabilitySum / rows - outcomeSum / rows);
        }
        return error;
    }

    /**
     * Marks ceil(10 %) of the rows as test rows, split between positives and negatives in proportion to their
     * counts (the remainder to the class with the larger fractional share), each drawn uniformly.
     */
    private static boolean[] stratifiedTestRows(final double[] outcomes, final int positives, final Random random) {
        final int n = outcomes.length;
        final int testSize = (int) Math.ceil(TEST_SHARE * n);
        final double positiveShare = (double) testSize * positives / n;
        final double negativeShare = (double) testSize * (n - positives) / n;
        int positiveTest = (int) Math.floor(positiveShare);
        int negativeTest = (int) Math.floor(negativeShare);
        if (positiveTest + negativeTest < testSize) {
            if (positiveShare - positiveTest >= negativeShare - negativeTest) {
                positiveTest++;
            } else {
                negativeTest++;
            }
        }

        final List<Integer> positiveRows = new ArrayList<>();
        final List<Integer> negativeRows = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            (outcomes[row] == 1.0 ? positiveRows : negativeRows).add(row);
        }
        Collections.shuffle(positiveRows, random);
        Collections.shuffle(negativeRows, random);
        final boolean[] inTest = new boolean[n];
        positiveRows.subList(0, positiveTest).forEach(row -> inTest[row] = true);
        negativeRows.subList(0, negativeTest).forEach(row -> inTest[row] = true);
        return inTest;
    }

    private static int count(final boolean[] flags) {
        int count = 0;
        for (final boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    private static double[] toArray(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
