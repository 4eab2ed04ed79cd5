package dev.momo.profile;

import dev.momo.detectors.ChangeDetectors;
import dev.momo.detectors.DetectorKind;
import dev.momo.detectors.DetectorParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One streaming change detector watching one signal of a model's events, as a profile records it.
 *
 * <p>Signals: {@code COLUMN} is the value of a numeric monitored column (a feature, the prediction or
 * a probability); {@code COLUMN=CATEGORY} is 1 when a categorical column takes that category and 0
 * otherwise, so that a detector watches the share of a predicted class. Once labels arrive,
 * {@value #ERROR_SIGNAL} is 1 when the predicted class differs from the label and 0 when it equals it,
 * and {@value #LOSS_SIGNAL} is the absolute error of a numeric prediction.
 *
 * @param detector detector name, as {@code momo detect --detector} takes it ({@code adwin}, {@code page-hinkley}, ...)
 * @param signal the watched signal
 * @param parameters detector parameters by name; those left out take the detector's defaults
 */
public record DetectorSpec(String detector, String signal, Map<String, String> parameters) {

    /** Signal of misclassified predictions, read from predictions joined with their labels. */
    public static final String ERROR_SIGNAL = "error";
    /** Signal of the absolute error of numeric predictions, read from predictions joined with their labels. */
    public static final String LOSS_SIGNAL = "loss";

    public DetectorSpec {
        if (detector == null || detector.isBlank()) {
            throw new IllegalArgumentException("detector name is missing");
        }
        if (signal == null || signal.isBlank()) {
            throw new IllegalArgumentException("signal of detector '" + detector + "' is missing; name a column,"
                    + " or COLUMN=CATEGORY for the share of a category");
        }
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        // Validates the name and every parameter now, with the detector library's messages.
        ChangeDetectors.parameters(detector, parameters);
    }

    /**
     * Reads {@code NAME:SIGNAL[:KEY=VALUE,...]}, for example {@code adwin:y_pred_proba} or
     * {@code page-hinkley:income:delta=0.01,threshold=40}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static DetectorSpec parse(final String text) {
        final String[] parts = text.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("invalid detector '" + text + "'; expected NAME:SIGNAL[:KEY=VALUE,...],"
                    + " for example adwin:y_pred_proba");
        }
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (parts.length == 3 && !parts[2].isBlank()) {
            for (final String pair : parts[2].split(",")) {
                final int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("invalid detector parameter '" + pair + "' in '" + text
                            + "'; expected KEY=VALUE");
                }
                parameters.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return new DetectorSpec(parts[0].trim(), parts[1].trim(), parameters);
    }

    /**
     * Checks the signal against the profile's columns. A value needs a numeric column, and a share a
     * categorical column and one of its reference categories. The error-rate detectors (DDM, EDDM, HDDM)
     * need a signal in [0, 1], and EDDM one of 0 and 1 only.
     *
     * @throws IllegalArgumentException naming the detector, the signal and the fix
     */
    public void checkAgainst(final List<ColumnProfile> columns) {
        if (labelSignal()) {
            return;
        }
        final ColumnProfile column = columns.stream().filter(c -> c.name().equals(column())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("detector " + detector + " watches '" + column()
                        + "', which is not a monitored column; monitored columns are "
                        + columns.stream().map(ColumnProfile::name).toList()));
        if (category() == null && column.kind() != ColumnKind.NUMERIC) {
            throw new IllegalArgumentException("detector " + detector + " watches categorical column '" + column()
                    + "' as a number; watch the share of one category with " + column() + "=CATEGORY");
        }
        if (category() != null && column.kind() != ColumnKind.CATEGORICAL) {
            throw new IllegalArgumentException("detector " + detector + " watches category '" + category()
                    + "' of numeric column '" + column() + "'; watch the column itself");
        }
        if (category() != null && !column.categorical().categories().contains(category())) {
            throw new IllegalArgumentException("detector " + detector + " watches category '" + category() + "' of '"
                    + column() + "', which the reference never saw; its categories are "
                    + column.categorical().categories());
        }
        final DetectorKind kind = detectorParameters().kind();
        final boolean errorRate = kind == DetectorKind.DDM || kind == DetectorKind.EDDM || kind == DetectorKind.HDDM_A
                || kind == DetectorKind.HDDM_W;
        if (errorRate && category() == null && (kind == DetectorKind.EDDM
                || column.numeric().min() < 0 || column.numeric().max() > 1)) {
            throw new IllegalArgumentException("detector " + detector + " reads error rates ("
                    + (kind == DetectorKind.EDDM ? "0 or 1" : "values in [0, 1]") + ") but '" + column()
                    + "' ranges over [" + column.numeric().min() + ", " + column.numeric().max() + "]; watch a"
                    + " category share (COLUMN=CATEGORY) or the error signal, or use adwin or page-hinkley");
        }
    }

    /** Returns the validated parameters, which build fresh detectors. */
    public DetectorParameters detectorParameters() {
        return ChangeDetectors.parameters(detector, parameters);
    }

    /** Statistic name of this detector's drift metrics: the detector name in snake case, such as {@code page_hinkley}. */
    public String statistic() {
        return detectorParameters().kind().externalName().replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** Returns whether the signal comes from labels ({@value #ERROR_SIGNAL} or {@value #LOSS_SIGNAL}) rather than a column. */
    public boolean labelSignal() {
        return ERROR_SIGNAL.equals(signal) || LOSS_SIGNAL.equals(signal);
    }

    /** Returns the monitored column the signal reads. */
    public String column() {
        final int equals = signal.indexOf('=');
        return equals < 0 ? signal : signal.substring(0, equals);
    }

    /** Returns the category whose share the signal is, or null for a numeric signal. */
    public String category() {
        final int equals = signal.indexOf('=');
        return equals < 0 ? null : signal.substring(equals + 1);
    }
}
