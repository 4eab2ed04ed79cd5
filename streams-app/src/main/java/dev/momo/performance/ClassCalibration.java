package dev.momo.performance;

/**
 * The calibration that CBPE applies to one class's predicted probability: an isotonic map when
 * {@code calibrated}, else the identity.
 *
 * @param className the class whose probability this calibrates (the positive class of a binary model)
 * @param calibrated whether the isotonic map applies
 * @param scores increasing scores of the isotonic map's points; empty when not calibrated
 * @param probabilities calibrated probability at each point, non-decreasing; empty when not calibrated
 * @param reason why the class is or is not calibrated
 * @param eceBefore expected calibration error of the raw scores in the calibration check, or null
 * @param eceAfter expected calibration error after calibration in the check, or null
 */
public record ClassCalibration(
        String className,
        boolean calibrated,
        double[] scores,
        double[] probabilities,
        String reason,
        Double eceBefore,
        Double eceAfter) {

    public ClassCalibration {
        scores = scores == null ? new double[0] : scores;
        probabilities = probabilities == null ? new double[0] : probabilities;
    }

    /** Returns the calibrator of this class, or null when the scores are used as they are. */
    IsotonicCalibrator calibrator() {
        return calibrated ? IsotonicCalibrator.of(scores, probabilities) : null;
    }
}
