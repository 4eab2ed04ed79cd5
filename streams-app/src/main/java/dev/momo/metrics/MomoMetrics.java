package dev.momo.metrics;

import dev.momo.drift.CheckResult;
import dev.momo.notify.WebhookNotifier;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Momo's Prometheus metrics, one registry per application instance, served on {@code /metrics} by
 * {@link #serve}. The registry also carries client_java's JVM metrics (once, from {@link #serve}) and Kafka
 * Streams' own metrics (from {@link #bindStreams}). Momo's own names start with {@code momo_}, use base
 * units (seconds) and end counters in {@code _total}; {@code docs/observability.md} lists them.
 *
 * <p>Label values are model ids, versions, feature names, statistic and metric names, severities, webhook
 * names and fixed reasons: never event ids or feature values. The per-feature drift gauges export at most
 * {@code maxFeatures} features per model version, the most drifted first (see {@link DriftGauges}).
 * Thread-safe (client_java metrics are, and the state kept here is concurrent).
 */
public final class MomoMetrics implements AutoCloseable {

    /** The setting that caps the features per model version in the drift gauges. */
    public static final String MAX_FEATURES_KEY = "momo.metrics.max-features";
    /** Default of {@value #MAX_FEATURES_KEY}. */
    public static final int DEFAULT_MAX_FEATURES = 50;
    /** Upper bound of {@value #MAX_FEATURES_KEY}. */
    public static final int MAX_FEATURES_LIMIT = 10_000;
    /** The {@code kind} label of performance measured on joined labels. */
    public static final String REALIZED = "realized";
    /** The {@code kind} label of performance estimated from predicted probabilities (CBPE). */
    public static final String ESTIMATED = "estimated";

    private static final Logger LOG = LoggerFactory.getLogger(MomoMetrics.class);
    /**
     * Upper bounds of the label delay histogram, in seconds: 1 s, 10 s, 1 min, 5 min, 15 min, 1 h, 3 h,
     * 6 h, 12 h, 1 d, 2 d, 4 d, 7 d, 14 d, 30 d. Labels arrive from seconds to weeks after their prediction.
     */
    private static final double[] LABEL_DELAY_BOUNDS = {1, 10, 60, 300, 900, 3_600, 10_800, 21_600, 43_200,
            86_400, 172_800, 345_600, 604_800, 1_209_600, 2_592_000};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter eventsProcessed;
    private final Counter eventsRejected;
    private final Counter lateEvents;
    private final Counter labelsReceived;
    private final Counter windowsClosed;
    private final Counter alertsRaised;
    private final Counter alertsResolved;
    private final DriftGauges drift;
    private final Gauge performanceValue;
    private final Gauge performanceThreshold;
    private final Gauge performanceReference;
    private final Gauge windowCloseLag;
    private final Gauge detectorEstimate;
    private final Counter detections;
    private final Counter detectorRejectedValues;
    private final Counter labelsJoined;
    private final Counter labelsUnmatched;
    private final Counter predictionsUnlabeled;
    private final Histogram labelJoinDelay;
    private final OpenAlertCounts openAlerts;
    private final ReferenceAges referenceAges;
    private final WebhookDeliveries webhookDeliveries;
    private final List<StreamsBinding> bindings = new CopyOnWriteArrayList<>();
    private final AtomicInteger bindingCount = new AtomicInteger();
    private KafkaStreamsBridge bridge;
    private HTTPServer server;
    private boolean jvmMetricsRegistered;

    /** Metrics with the default feature cap, {@value #DEFAULT_MAX_FEATURES}. */
    public MomoMetrics() {
        this(DEFAULT_MAX_FEATURES);
    }

    /**
     * @param maxFeatures features exported per model version in the drift gauges
     *     ({@value #MAX_FEATURES_KEY}), 0 to {@value #MAX_FEATURES_LIMIT}
     * @throws IllegalArgumentException naming the value when it is out of range
     */
    public MomoMetrics(final int maxFeatures) {
        if (maxFeatures < 0 || maxFeatures > MAX_FEATURES_LIMIT) {
            throw new IllegalArgumentException(MAX_FEATURES_KEY + " must be between 0 and " + MAX_FEATURES_LIMIT
                    + ", got " + maxFeatures);
        }
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
        alertsResolved = Counter.builder().name("momo_alerts_resolved_total")
                .help("Alerts resolved, by the severity of their last record").labelNames("model", "severity")
                .register(registry);
        drift = new DriftGauges(registry, maxFeatures);
        final String[] performanceLabels = {"model", "version", "metric", "kind"};
        performanceValue = Gauge.builder().name("momo_performance_value")
                .help("Performance metric of the latest judged window, realized (from labels) or estimated (CBPE)")
                .labelNames(performanceLabels).register(registry);
        performanceThreshold = Gauge.builder().name("momo_performance_threshold")
                .help("Threshold of a performance metric; the window drifts past it").labelNames(performanceLabels)
                .register(registry);
        performanceReference = Gauge.builder().name("momo_performance_reference")
                .help("Mean of a performance metric over the reference chunks").labelNames(performanceLabels)
                .register(registry);
        windowCloseLag = Gauge.builder().name("momo_window_close_lag_seconds")
                .help("Wall-clock time when the latest window was judged minus the window's end in event time")
                .labelNames("model", "version").register(registry);
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
        labelJoinDelay = Histogram.builder().name("momo_label_join_delay_seconds")
                .help("Label time minus prediction time of the predictions joined with their label")
                .labelNames("model").classicOnly().classicUpperBounds(LABEL_DELAY_BOUNDS).register(registry);
        openAlerts = new OpenAlertCounts(registry);
        referenceAges = new ReferenceAges(registry, Clock.systemUTC());
        webhookDeliveries = new WebhookDeliveries(registry);
    }

    /**
     * Serves {@code /metrics} over HTTP, with client_java's JVM metrics registered once: a second set of JVM
     * collectors on the registry would make every scrape fail.
     *
     * @param host address to bind, 127.0.0.1 unless the operator chose another
     * @param port TCP port, 0 for any free port
     * @return the bound port
     * @throws IllegalStateException if the metrics are served already
     */
    public synchronized int serve(final String host, final int port) {
        if (server != null) {
            throw new IllegalStateException("metrics are served already on port " + server.getPort());
        }
        if (!jvmMetricsRegistered) {
            JvmMetrics.builder().register(registry);
            jvmMetricsRegistered = true;
        }
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

    public void alertResolved(final String model, final String severity) {
        alertsResolved.labelValues(model, severity).inc();
    }

    /**
     * Sets the drift gauges of the column checks of one judged window, under the feature cap.
     *
     * @param results every column check of the window
     * @param pinned columns exported whatever the cap, such as the prediction
     */
    public void columnDrift(final String model, final String version, final List<CheckResult> results,
                            final Predicate<String> pinned) {
        drift.window(model, version, results, pinned);
    }

    /**
     * Sets the drift gauges of one check whose subject is the model version (data-set drift, a performance
     * metric), outside the feature cap.
     *
     * @param statistic the statistic label: the check's, or the performance metric's name
     */
    public void drift(final String model, final String version, final String statistic, final CheckResult result) {
        drift.set(model, version, statistic, result);
    }

    /**
     * Sets the performance gauges of a judged window.
     *
     * @param kind {@link #REALIZED} or {@link #ESTIMATED}
     * @param reference mean of the metric over the reference chunks, NaN when unknown
     */
    public void performance(final String model, final String version, final String metric, final String kind,
                            final double value, final double threshold, final double reference) {
        performanceValue.labelValues(model, version, metric, kind).set(value);
        performanceThreshold.labelValues(model, version, metric, kind).set(threshold);
        performanceReference.labelValues(model, version, metric, kind).set(reference);
    }

    /** Sets the close lag of a window: judging time minus its end in event time, both epoch milliseconds. */
    public void windowCloseLag(final String model, final String version, final long judgedAt, final long windowEnd) {
        windowCloseLag.labelValues(model, version).set((judgedAt - windowEnd) / 1000.0);
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

    /**
     * Counts a joined label and observes its delay. A label timed before its prediction counts as no delay.
     *
     * @param delayMillis label time minus prediction time
     */
    public void labelJoined(final String model, final long delayMillis) {
        labelsJoined.labelValues(model).inc();
        labelJoinDelay.labelValues(model).observe(Math.max(0, delayMillis) / 1000.0);
    }

    public void labelUnmatched(final String model) {
        labelsUnmatched.labelValues(model).inc();
    }

    public void predictionUnlabeled(final String model) {
        predictionsUnlabeled.labelValues(model).inc();
    }

    /**
     * Starts the open-alert counts of one task of the alert view. Close them when the task closes.
     *
     * @param task application id and task id, unique within the JVM
     */
    public OpenAlertCounts.TaskCounts openAlerts(final String task) {
        return openAlerts.start(task);
    }

    /**
     * Bridges a Kafka Streams instance's own metrics into the registry (see {@link KafkaStreamsBridge}) and
     * reports the age of the profiles in its reference store. Call it once the instance is created and
     * close the returned binding after the instance closes.
     */
    public synchronized StreamsBinding bindStreams(final KafkaStreams streams) {
        if (bridge == null) {
            bridge = new KafkaStreamsBridge(registry);
        }
        final Runnable unbind = bridge.bind(streams, String.valueOf(bindingCount.incrementAndGet()));
        referenceAges.add(streams);
        final StreamsBinding binding = new StreamsBinding(streams, unbind);
        bindings.add(binding);
        return binding;
    }

    /** Reports the delivery counts of the notifiers in {@code momo_webhook_deliveries_total}. */
    public void bindWebhooks(final Collection<WebhookNotifier> notifiers) {
        webhookDeliveries.add(notifiers);
    }

    /** Stops serving and unbinds every Kafka Streams instance still bound. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        bindings.forEach(StreamsBinding::close);
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    /** A Kafka Streams instance bound by {@link #bindStreams}. Closing it a second time does nothing. */
    public final class StreamsBinding implements AutoCloseable {

        private final KafkaStreams streams;
        private final Runnable unbind;
        private final AtomicBoolean closed = new AtomicBoolean();

        private StreamsBinding(final KafkaStreams streams, final Runnable unbind) {
            this.streams = streams;
            this.unbind = unbind;
        }

        /** Removes the instance's Kafka metrics and reference ages from the registry. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                referenceAges.remove(streams);
                unbind.run();
                bindings.remove(this);
            }
        }
    }
}
