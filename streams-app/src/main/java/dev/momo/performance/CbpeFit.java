package dev.momo.performance;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits CBPE on reference data with labels: decides per class whether to calibrate its predicted
 * probability and fits the isotonic calibration on all labeled reference rows, as NannyML's {@code CBPE.fit}
 * does ({@code nannyml/performance_estimation/confidence_based/cbpe.py}, commit
 * 075063087157cd27deafbf3b01688366699f34d1: {@code _fit_binary}, {@code _fit_calibrators}).
 *
 * <p>A binary model has one calibration, of the positive-class probability against "the label is the
 * positive class". A multiclass model has one per class, one-vs-rest; {@link CbpeEstimator} renormalizes
 * the calibrated probabilities of each row to add up to 1.
 */
public final class CbpeFit {

    private CbpeFit() {
    }

    /**
     * Fits CBPE on the labeled rows of a reference window.
     *
     * @throws IllegalArgumentException when the window has no probabilities or fewer than 2 labeled rows
     */
    public static CbpeModel fit(final ClassificationWindow reference, final CalibrationMode mode) {
        if (!reference.withProbabilities()) {
            throw new IllegalArgumentException("CBPE needs predicted probabilities, but the reference window has none");
        }
        final LabeledRows rows = LabeledRows.of(reference);
        if (rows.labels.length < 2) {
            throw new IllegalArgumentException("CBPE needs at least 2 labeled reference rows, got " + rows.labels.length);
        }

        final ClassLabels classes = reference.classes();
        final List<ClassCalibration> calibrations = new ArrayList<>();
        if (classes.isBinary()) {
            calibrations.add(calibrate(classes.positiveIndex(), 0, rows, classes, mode));
        } else {
            for (int c = 0; c < classes.size(); c++) {
                calibrations.add(calibrate(c, c, rows, classes, mode));
            }
        }
        return new CbpeModel(CbpeModel.FORMAT_VERSION, classes.names(),
                classes.isBinary() ? classes.name(classes.positiveIndex()) : null, mode, rows.labels.length,
                reference.rows().sampled(), calibrations);
    }

    private static ClassCalibration calibrate(final int classIndex, final int column, final LabeledRows rows,
                                              final ClassLabels classes, final CalibrationMode mode) {
        final double[] scores = rows.probabilities[column];
        final double[] outcomes = new double[rows.labels.length];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = rows.labels[i] == classIndex ? 1.0 : 0.0;
        }
        final CalibrationCheck.Decision decision = switch (mode) {
            case AUTO -> CalibrationCheck.decide(scores, outcomes);
            case ALWAYS -> new CalibrationCheck.Decision(true, "calibration mode is always", null, null);
            case NEVER -> new CalibrationCheck.Decision(false, "calibration mode is never", null, null);
        };
        final String name = classes.name(classIndex);
        if (!decision.calibrate()) {
            return new ClassCalibration(name, false, null, null, decision.reason(), decision.eceBefore(),
                    decision.eceAfter());
        }
        final IsotonicCalibrator calibrator = IsotonicCalibrator.fit(scores, outcomes);
        return new ClassCalibration(name, true, calibrator.scores(), calibrator.values(), decision.reason(),
                decision.eceBefore(), decision.eceAfter());
    }

    /** Labeled rows of a window's sample: true class and one probability column per stored width. */
    private record LabeledRows(int[] labels, double[][] probabilities) {

        static LabeledRows of(final ClassificationWindow window) {
            final ScoredRows rows = window.rows();
            final int size = rows.size();
            final List<Integer> labeled = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                if (rows.label(i) != ClassLabels.NO_LABEL) {
                    labeled.add(i);
                }
            }
            final int[] labels = new int[labeled.size()];
            final double[][] probabilities = new double[rows.width()][labeled.size()];
            for (int i = 0; i < labels.length; i++) {
                final int row = labeled.get(i);
                labels[i] = rows.label(row);
                for (int column = 0; column < rows.width(); column++) {
                    probabilities[column][i] = rows.probability(row, column);
                }
            }
            return new LabeledRows(labels, probabilities);
        }
    }
}
