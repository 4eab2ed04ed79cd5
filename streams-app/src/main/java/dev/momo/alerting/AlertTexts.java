package dev.momo.alerting;

import dev.momo.schema.AlertContributor;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The human side of an alert record: the one-sentence summary that notifications show, and the link to
 * the console view of its subject. Both are English; the console translates what it shows itself.
 *
 * <p>Console links use the console's hash routes: {@code #/models/M/versions/V} for data-set drift,
 * {@code .../performance} for performance metrics and {@code .../features/F} otherwise, each path
 * segment URL-encoded.
 */
public final class AlertTexts {

    /** Subject of data-set drift alerts. */
    public static final String DATASET = "dataset";
    /** Subject of performance metric alerts and of detectors on the error or loss. */
    public static final String PERFORMANCE = "performance";

    private static final String DETECTOR = "detector";

    private AlertTexts() {
    }

    /** Sets the summary and the console link of a record whose other fields are final. */
    public static DriftAlert complete(final DriftAlert alert, final String consoleUrl) {
        alert.setConsoleUrl(consoleUrl(consoleUrl, alert));
        alert.setSummary(summary(alert));
        return alert;
    }

    static String consoleUrl(final String base, final DriftAlert alert) {
        final String version = base + "/#/models/" + segment(alert.getModelId()) + "/versions/"
                + segment(alert.getModelVersion());
        if (DATASET.equals(alert.getSubject())) {
            return version;
        }
        if (PERFORMANCE.equals(alert.getSubject()) && PERFORMANCE.equals(alert.getFeature())) {
            return version + "/performance";
        }
        return version + "/features/" + segment(alert.getFeature());
    }

    /**
     * For example: "Feature 'car_value' of model car-loan version 1 drifted: jensen_shannon 0.2310 above
     * 0.1000 (fixed) in 2 of the last 3 windows, in the window 2019-04-01T00:00:00Z to
     * 2019-04-30T23:51:00Z, 5000 values; largest moves: [12000, 15000) 8.0% to 21.0%."
     */
    static String summary(final DriftAlert alert) {
        final String what = subject(alert) + " of model " + alert.getModelId() + " version " + alert.getModelVersion();
        final boolean detector = DETECTOR.equals(alert.getThresholdSource());
        if (alert.getState() == AlertState.RESOLVED) {
            final String check = alert.getSubject() != null && what.contains("'" + alert.getCheck() + "'") ? ""
                    : " (" + alert.getCheck() + ")";
            final String quiet = detector ? " found no new change in " + plural(alert.getCleanWindows(), "chunk")
                    + " of values in a row"
                    : " showed no drift in " + plural(alert.getCleanWindows(), "window") + " in a row";
            return "Resolved: " + what + check + quiet + "; latest value " + number(alert.getValue()) + ", "
                    + where(alert) + ".";
        }
        final StringBuilder text = new StringBuilder();
        text.append(alert.getState() == AlertState.OPENED ? "" : "Still: ").append(what)
                .append(alert.getSeverity() == AlertSeverity.CRITICAL ? " drifted critically: " : " drifted: ")
                .append(comparison(alert));
        if (alert.getDriftedWindows() != null && alert.getEvidenceWindows() != null && alert.getEvidenceWindows() > 1) {
            text.append(" in ").append(alert.getDriftedWindows()).append(" of the last ")
                    .append(alert.getEvidenceWindows()).append(" windows");
        }
        text.append(detector ? " " : ", ").append(where(alert)).append(", ").append(alert.getSampleSize())
                .append(detector ? " values since its previous detection" : " values");
        if (!alert.getDriftedFeatures().isEmpty()) {
            text.append("; drifted features: ").append(String.join(", ", alert.getDriftedFeatures()));
        }
        if (!alert.getContributors().isEmpty()) {
            text.append("; largest moves: ");
            for (int i = 0; i < Math.min(3, alert.getContributors().size()); i++) {
                final AlertContributor moved = alert.getContributors().get(i);
                text.append(i == 0 ? "" : ", ").append(label(moved.getLabel())).append(' ')
                        .append(percent(moved.getReferenceShare())).append(" to ").append(percent(moved.getCurrentShare()));
            }
        }
        return text.append('.').toString();
    }

    /**
     * Returns where the record's evidence comes from: a detector's value position (per input partition),
     * the window's event-time span, or the window number when the span is unknown.
     */
    private static String where(final DriftAlert alert) {
        if (DETECTOR.equals(alert.getThresholdSource())) {
            return "at value " + alert.getWindowIndex()
                    + (alert.getInputPartition() == null ? "" : " of input partition " + alert.getInputPartition());
        }
        if (alert.getWindowStart() != null && alert.getWindowEnd() != null) {
            return "in the window " + alert.getWindowStart() + " to " + alert.getWindowEnd();
        }
        return "window " + alert.getWindowIndex();
    }

    /** Returns a bin label as it is, and a category in quotes, so that "1" reads as a category. */
    private static String label(final String label) {
        return label.startsWith("[") || label.startsWith("< ") || label.startsWith("> ") ? label : "'" + label + "'";
    }

    private static String plural(final Integer count, final String noun) {
        final int n = count == null ? 0 : count;
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String subject(final DriftAlert alert) {
        if (DATASET.equals(alert.getSubject())) {
            return "The data set";
        }
        if (PERFORMANCE.equals(alert.getSubject()) && PERFORMANCE.equals(alert.getFeature())) {
            return "Performance metric '" + alert.getCheck() + "'";
        }
        final String kind = alert.getSubject() == null ? "Feature"
                : alert.getSubject().substring(0, 1).toUpperCase(Locale.ROOT) + alert.getSubject().substring(1);
        return kind.replace("Performance", "Signal") + " '" + alert.getFeature() + "'";
    }

    /** Returns the value against its threshold, on the scale the threshold source names. */
    private static String comparison(final DriftAlert alert) {
        final String source = alert.getThresholdSource() == null ? "" : " (" + alert.getThresholdSource() + ")";
        if (DETECTOR.equals(alert.getThresholdSource())) {
            return "detector " + alert.getCheck() + " found a change";
        }
        if ("p_value".equals(alert.getThresholdSource()) && alert.getPValue() != null) {
            return alert.getCheck() + " p-value " + number(alert.getPValue()) + " at most " + number(alert.getThreshold())
                    + source;
        }
        final String direction = "reference_chunks_lower".equals(alert.getThresholdSource()) ? " below " : " above ";
        final String critical = alert.getSeverity() == AlertSeverity.CRITICAL && alert.getCriticalThreshold() != null
                ? " (critical level " + number(alert.getCriticalThreshold()) + ")" : "";
        return alert.getCheck() + ' ' + number(alert.getValue()) + direction + number(alert.getThreshold()) + source
                + critical;
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String percent(final double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String segment(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
