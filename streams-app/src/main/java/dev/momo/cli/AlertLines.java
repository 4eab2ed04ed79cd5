package dev.momo.cli;

import dev.momo.schema.DriftAlert;
import java.util.Locale;

/** One human-readable line per alert record. */
final class AlertLines {

    private AlertLines() {
    }

    static String format(final DriftAlert alert) {
        final String window = alert.getWindowStart() == null ? "window " + alert.getWindowIndex()
                : alert.getWindowStart() + " .. " + alert.getWindowEnd();
        final String pValue = alert.getPValue() == null ? "" : String.format(Locale.ROOT, ", p=%.3g", alert.getPValue());
        // Detectors decide by their own rule and may have no threshold to show.
        final String threshold = Double.isNaN(alert.getThreshold()) ? "no threshold"
                : String.format(Locale.ROOT, "threshold %.4f", alert.getThreshold());
        return String.format(Locale.ROOT, "ALERT %-8s %-8s %s v%s  %s %s = %.4f (%s%s, n=%d)  %s  [%s]",
                alert.getState(), alert.getSeverity(), alert.getModelId(), alert.getModelVersion(), alert.getFeature(),
                alert.getCheck(), alert.getValue(), threshold, pValue, alert.getSampleSize(), window,
                alert.getAlertId());
    }
}
