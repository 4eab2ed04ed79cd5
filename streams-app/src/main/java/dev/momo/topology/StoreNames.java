package dev.momo.topology;

/** State store and internal topic names: stable, because changelog topics are named after them. */
public final class StoreNames {

    /** Rows of open windows, one entry per event, on the input partition's task. */
    public static final String WINDOW_BUFFER = "momo-window-buffer";
    /** Open windows per model version on the input partition's task. */
    public static final String WINDOW_OPEN = "momo-window-open";
    /** Partial windows waiting for the other partitions. */
    public static final String WINDOW_MERGE = "momo-window-merge";
    /** Open alert per model version, feature and statistic. */
    public static final String ALERT_STATE = "momo-alert-state";
    /** Change detectors per model version and configured signal, on the input partition's task. */
    public static final String DETECTOR_STATE = "momo-detector-state";
    /** Predictions waiting for their label, and labels waiting for their prediction, by model and event id. */
    public static final String LABEL_PENDING = "momo-label-pending";
    /** Deadlines of the pending join entries, deadline first, for expiry by range scan. */
    public static final String LABEL_DEADLINES = "momo-label-deadlines";
    /** Joined predictions of open performance windows, one entry per prediction, on the input partition's task. */
    public static final String PERFORMANCE_BUFFER = "momo-performance-buffer";
    /** Window number and row count of each model version's open performance window. */
    public static final String PERFORMANCE_OPEN = "momo-performance-open";
    /** Open performance alert per model version and metric. */
    public static final String PERFORMANCE_ALERTS = "momo-performance-alerts";
    /** Latest record and recent history of every alert, by model and alert id, read back from the alerts topic. */
    public static final String ALERT_VIEW = "momo-alert-view";
    /** Latest and recent drift metrics of every check, by model, read back from the drift-metrics topic. */
    public static final String METRIC_VIEW = "momo-metric-view";
    /** Reference profiles, a global store fed by the references topic. */
    public static final String REFERENCES = "momo-references";
    /** Name of the repartition step that brings a window's partials together. */
    public static final String WINDOW_PARTIALS = "momo-window-partials";

    private StoreNames() {
    }
}
