package dev.momo.performance;

import java.util.List;

/**
 * The fitted state of confidence-based performance estimation (CBPE) for one model version, as stored in
 * its reference profile (JSON through Jackson): the classes and, per class, the calibration of its
 * predicted probability. Built by {@link CbpeFit}, used by {@link CbpeEstimator}.
 *
 * @param formatVersion version of this layout, {@value #FORMAT_VERSION} today
 * @param classes class names in {@link ClassLabels} order
 * @param positiveClass the positive class of a binary model, null for multiclass
 * @param calibrationMode how the calibration was decided
 * @param referenceRows labeled reference rows the calibration was fitted on
 * @param referenceSampled true when the reference held more rows than the window cap and the fit used a
 *     uniform sample of them
 * @param calibrations one entry for the positive class of a binary model, one per class for multiclass
 */
public record CbpeModel(
        int formatVersion,
        List<String> classes,
        String positiveClass,
        CalibrationMode calibrationMode,
        long referenceRows,
        boolean referenceSampled,
        List<ClassCalibration> calibrations) {

    public static final int FORMAT_VERSION = 1;

    public CbpeModel {
        classes = classes == null ? List.of() : List.copyOf(classes);
        calibrations = calibrations == null ? List.of() : List.copyOf(calibrations);
    }

    /**
     * Returns the classes of this model.
     *
     * @throws IllegalArgumentException when the stored classes or positive class are invalid
     */
    public ClassLabels classLabels() {
        final ClassLabels labels = ClassLabels.of(classes);
        if (!labels.names().equals(classes)) {
            throw new IllegalArgumentException("CBPE classes " + classes + " are not in canonical order "
                    + labels.names());
        }
        if (labels.isBinary() && positiveClass != null) {
            final int positive = labels.requireIndex(positiveClass, "CBPE positive class");
            return ClassLabels.binary(labels.name(1 - positive), labels.name(positive));
        }
        return labels;
    }
}
