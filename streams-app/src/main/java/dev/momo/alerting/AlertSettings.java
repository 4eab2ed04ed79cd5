package dev.momo.alerting;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the alert lifecycle: when alerts open, resolve and stay quiet, each with its property.
 *
 * <p>An alert on a check opens when {@code openAfter} of the last {@code evidenceWindows} judged windows
 * drifted, or at once when one window passes the check's critical level and {@code openOnCritical} is
 * set. It resolves after {@code resolveAfter} windows in a row without drift. After a resolution, the
 * next {@code cooldown} windows cannot open a new alert on the same check, which keeps a statistic that
 * hovers around its threshold from paging on every crossing. Data-set drift is the share of features
 * with a drifted distribution check in a window; above {@code datasetShare} the window counts as
 * drifted, above {@code datasetCriticalShare} as critical.
 *
 * @param openAfter drifted windows among the last {@code evidenceWindows} that open an alert (k of n),
 *     property {@code momo.alerts.open-after}, default 2
 * @param evidenceWindows windows of evidence (n of k of n), {@code momo.alerts.evidence-windows}, default 3
 * @param resolveAfter windows in a row without drift that resolve an open alert,
 *     {@code momo.alerts.resolve-after}, default 3
 * @param cooldown windows after a resolution in which no new alert opens on the same check,
 *     {@code momo.alerts.cooldown}, default 3
 * @param openOnCritical whether one window past the critical level opens an alert by itself,
 *     {@code momo.alerts.open-on-critical}, default true
 * @param datasetShare share of drifted features above which a window shows data-set drift,
 *     {@code momo.alerts.dataset-share}, default 0.5
 * @param datasetCriticalShare share above which data-set drift is critical,
 *     {@code momo.alerts.dataset-critical-share}, default 0.75
 * @param consoleUrl base address of the web console that alert links point to, {@code momo.console.url},
 *     default {@code http://127.0.0.1:8080}
 */
public record AlertSettings(int openAfter, int evidenceWindows, int resolveAfter, int cooldown,
                            boolean openOnCritical, double datasetShare, double datasetCriticalShare,
                            String consoleUrl) {

    /** Maximum evidence history, because the state keeps one bit per window in a long. */
    public static final int MAX_EVIDENCE_WINDOWS = 63;

    public static final AlertSettings DEFAULTS = new AlertSettings(2, 3, 3, 3, true, 0.5, 0.75,
            "http://127.0.0.1:8080");

    /** Property names, all under {@code momo.alerts.} except the console address. */
    public static final Set<String> KEYS = Set.of("momo.alerts.open-after", "momo.alerts.evidence-windows",
            "momo.alerts.resolve-after", "momo.alerts.cooldown", "momo.alerts.open-on-critical",
            "momo.alerts.dataset-share", "momo.alerts.dataset-critical-share", "momo.console.url");

    public AlertSettings {
        if (evidenceWindows < 1 || evidenceWindows > MAX_EVIDENCE_WINDOWS) {
            throw new IllegalArgumentException("momo.alerts.evidence-windows must be between 1 and "
                    + MAX_EVIDENCE_WINDOWS + ", got " + evidenceWindows);
        }
        if (openAfter < 1 || openAfter > evidenceWindows) {
            throw new IllegalArgumentException("momo.alerts.open-after must be between 1 and momo.alerts.evidence-windows ("
                    + evidenceWindows + "), got " + openAfter);
        }
        if (resolveAfter < 1) {
            throw new IllegalArgumentException("momo.alerts.resolve-after must be at least 1 window, got " + resolveAfter);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("momo.alerts.cooldown must be 0 or more windows, got " + cooldown);
        }
        if (!(datasetShare >= 0 && datasetShare < 1)) {
            throw new IllegalArgumentException("momo.alerts.dataset-share must be in [0, 1), got " + datasetShare);
        }
        if (!(datasetCriticalShare >= datasetShare && datasetCriticalShare <= 1)) {
            throw new IllegalArgumentException("momo.alerts.dataset-critical-share must be in [dataset-share ("
                    + datasetShare + "), 1], got " + datasetCriticalShare);
        }
        if (consoleUrl == null || !(consoleUrl.startsWith("http://") || consoleUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("momo.console.url must be an http:// or https:// address, got '"
                    + consoleUrl + "'");
        }
        consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
    }

    /**
     * Reads the settings from properties; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the key and the value that is not valid
     */
    public static AlertSettings from(final Map<String, String> properties) {
        final AlertSettings d = DEFAULTS;
        return new AlertSettings(
                integer(properties, "momo.alerts.open-after", d.openAfter()),
                integer(properties, "momo.alerts.evidence-windows", d.evidenceWindows()),
                integer(properties, "momo.alerts.resolve-after", d.resolveAfter()),
                integer(properties, "momo.alerts.cooldown", d.cooldown()),
                flag(properties, "momo.alerts.open-on-critical", d.openOnCritical()),
                share(properties, "momo.alerts.dataset-share", d.datasetShare()),
                share(properties, "momo.alerts.dataset-critical-share", d.datasetCriticalShare()),
                properties.getOrDefault("momo.console.url", d.consoleUrl()).trim());
    }

    /** Returns these settings with another console address, for example the port the demo picked. */
    public AlertSettings withConsoleUrl(final String url) {
        return new AlertSettings(openAfter, evidenceWindows, resolveAfter, cooldown, openOnCritical, datasetShare,
                datasetCriticalShare, url);
    }

    /**
     * The lifecycle of streaming detector alerts: one detection opens, and the windows are profile chunks
     * of values (see {@code DetectorProcessor}).
     */
    public AlertSettings forDetectors() {
        return new AlertSettings(1, 1, resolveAfter, cooldown, openOnCritical, datasetShare, datasetCriticalShare,
                consoleUrl);
    }

    private static int integer(final Map<String, String> properties, final String key, final int fallback) {
        final String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of windows, got '" + value + "'", e);
        }
    }

    private static double share(final Map<String, String> properties, final String key, final double fallback) {
        final String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a share between 0 and 1 such as 0.5, got '" + value + "'",
                    e);
        }
    }

    private static boolean flag(final Map<String, String> properties, final String key, final boolean fallback) {
        final String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }
}
