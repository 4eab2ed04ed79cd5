package dev.momo.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Momo's Prometheus metrics, one registry per application instance. Label values are model ids,
 * versions, feature names, statistic names and fixed reasons: never event ids or feature values.
 * Thread-safe (client_java metrics are).
 */
public final class MomoMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MomoMetrics.class);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter eventsProcessed;
    private final Counter eventsRejected;
    private final Counter lateEvents;
    private final Counter labelsReceived;
    private final Counter windowsClosed;
    private final Counter alertsRaised;
    private final Gauge driftValue;
    private final Gauge driftThreshold;
    private final Gauge driftDrifted;
    private final Gauge detectorEstimate;
    private final Counter detections;
    private final Counter detectorRejectedValues;
    private final Counter labelsJoined;
    private final Counter labelsUnmatched;
    private final Counter predictionsUnlabeled;
    private HTTPServer server;

    public MomoMetrics() {
        eventsProcessed = Counter.builder().name("momo_events_processed_total")
                .help("Inference events accepted into windows").labelNames("model").register(registry);
        eventsRejected = Counter.builder().name("momo_events_rejected_total")
                .help("Input records sent to the dead-letter topic, by topic and reason")
                .labelNames("topic", "reason").register(registry);
        lateEvents = Counter.builder().name("momo_late_events_total")
                .help("Events whose time window had closed (older than window end plus grace)")
                .labelNames("model").register(registry);
        labelsReceived = Counter.builder().name("momo_labels_received_total")
                .help("Ground-truth records read").labelNames("model").register(registry);
        windowsClosed = Counter.builder().name("momo_windows_closed_total")
                .help("Windows compared with the reference").labelNames("model", "version").register(registry);
        alertsRaised = Counter.builder().name("momo_alerts_raised_total")
                .help("Alerts opened").labelNames("model", "severity").register(registry);
        driftValue = Gauge.builder().name("momo_drift_value")
                .help("Latest value of a drift statistic").labelNames("model", "version", "feature", "statistic")
                .register(registry);
        driftThreshold = Gauge.builder().name("momo_drift_threshold")
                .help("Threshold of a drift statistic").labelNames("model", "version", "feature", "statistic")
                .register(registry);
        driftDrifted = Gauge.builder().name("momo_drift_drifted")
                .help("1 when the latest window drifted on the statistic, else 0")
                .labelNames("model", "version", "feature", "statistic").register(registry);
        detectorEstimate = Gauge.builder().name("momo_detector_estimate")
                .help("Current statistics of a change detector, such as ADWIN's width and mean or Page-Hinkley's statistic")
                .labelNames("model", "version", "detector", "signal", "name").register(registry);
        detections = Counter.builder().name("momo_detections_total")
                .help("Changes found by streaming change detectors").labelNames("model", "version", "detector", "signal")
                .register(registry);
        detectorRejectedValues = Counter.builder().name("momo_detector_rejected_values_total")
                .help("Values a change detector cannot take (NaN, infinities, text, values outside [0, 1] for"
                        + " the error-rate detectors), left out of the detector")
                .labelNames("model", "detector", "signal").register(registry);
        labelsJoined = Counter.builder().name("momo_labels_joined_total")
                .help("Labels joined to their prediction").labelNames("model").register(registry);
        labelsUnmatched = Counter.builder().name("momo_labels_unmatched_total")
                .help("Labels whose prediction did not arrive within the label delay").labelNames("model")
                .register(registry);
        predictionsUnlabeled = Counter.builder().name("momo_predictions_unlabeled_total")
                .help("Predictions whose label did not arrive within the label delay").labelNames("model")
                .register(registry);
    }

    /**
     * Serves {@code /metrics} over HTTP, with JVM metrics registered once.
     *
     * @param host address to bind, 127.0.0.1 unless the operator chose another
     * @param port TCP port, 0 for any free port
     * @return the bound port
     */
    public int serve(final String host, final int port) {
        JvmMetrics.builder().register(registry);
        try {
            server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port
                    + "; choose another port with --metrics-port", e);
        }
        LOG.info("Serving Prometheus metrics on http://{}:{}/metrics", host, server.getPort());
        return server.getPort();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void eventProcessed(final String model) {
        eventsProcessed.labelValues(model).inc();
    }

    public void eventRejected(final String topic, final String reason) {
        eventsRejected.labelValues(topic, reason).inc();
    }

    public void lateEvents(final String model, final long count) {
        lateEvents.labelValues(model).inc(count);
    }

    public void labelReceived(final String model) {
        labelsReceived.labelValues(model).inc();
    }

    public void windowClosed(final String model, final String version) {
        windowsClosed.labelValues(model, version).inc();
    }

    public void alertRaised(final String model, final String severity) {
        alertsRaised.labelValues(model, severity).inc();
    }

    public void drift(final String model, final String version, final String feature, final String statistic,
                      final double value, final double threshold, final boolean drifted) {
        driftValue.labelValues(model, version, feature, statistic).set(value);
        driftThreshold.labelValues(model, version, feature, statistic).set(threshold);
        driftDrifted.labelValues(model, version, feature, statistic).set(drifted ? 1 : 0);
    }

    /** Sets the detector's current statistics; non-finite values are left as they were. */
    public void detectorEstimate(final String model, final String version, final String detector, final String signal,
                                 final Map<String, Double> estimate) {
        estimate.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                detectorEstimate.labelValues(model, version, detector, signal, name).set(value);
            }
        });
    }

    public void detection(final String model, final String version, final String detector, final String signal) {
        detections.labelValues(model, version, detector, signal).inc();
    }

    public void detectorValueRejected(final String model, final String detector, final String signal) {
        detectorRejectedValues.labelValues(model, detector, signal).inc();
    }

    public void labelJoined(final String model) {
        labelsJoined.labelValues(model).inc();
    }

    public void labelUnmatched(final String model) {
        labelsUnmatched.labelValues(model).inc();
    }

    public void predictionUnlabeled(final String model) {
        predictionsUnlabeled.labelValues(model).inc();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
