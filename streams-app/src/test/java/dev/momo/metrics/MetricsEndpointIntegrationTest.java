package dev.momo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.momo.performance.MetricNames;
import dev.momo.alerting.AlertSettings;
import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.notify.WebhookNotifier;
import dev.momo.notify.WebhookSettings;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.simulate.LoanModel;
import dev.momo.table.CsvTable;
import dev.momo.testing.PrometheusText;
import dev.momo.testing.TopicReader;
import dev.momo.topology.MomoTopology;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Momo application on the embedded broker with its {@code /metrics} endpoint on 127.0.0.1. It
 * processes fourteen count windows of the simulated loan model, five of them drifted, with a label for every
 * prediction 30 s after it, an event of a model without a profile, and a webhook that receives the
 * alerts. The scrape over HTTP must parse as the Prometheus text format and hold Momo's metrics with the
 * values the output topics imply, Kafka Streams' metrics from Micrometer's binder and client_java's JVM
 * metrics once. Then a second application on the same state directory counts the open alerts again from
 * its store. The sorted family names of the scrape go to {@code target/exposed-metrics.txt}, the scrape to
 * {@code target/metrics-scrape.txt}.
 */
class MetricsEndpointIntegrationTest {

    private static final String SCOPE = "metrics-endpoint-it";
    private static final Topics TOPICS = Topics.DEFAULTS;
    private static final String MODEL = LoanModel.MODEL_ID;
    private static final String VERSION = LoanModel.MODEL_VERSION;
    private static final int WINDOW = 400;
    /**
     * Windows 0 and 1 clean, 2 to 4 drifted, 5 to 11 clean, 12 and 13 drifted: the first alerts open and
     * resolve (after 3 clean windows, then 3 windows of cool-down), and new ones are open at the end.
     */
    private static final String PLAN = "..DDD.......DD";
    private static final int EVENTS = WINDOW * PLAN.length();
    private static final long EVENT_SPACING_MILLIS = 100;
    private static final long LABEL_DELAY_MILLIS = 30_000;
    /** Fewer than the model's 8 features, so the cap leaves 3 out of every window. */
    private static final int MAX_FEATURES = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tempDir;

    @Test
    void scrape_holdsMomoKafkaStreamsAndJvmMetrics() throws Exception {
        final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + SCOPE);
        final ReferenceProfile profile = profile();
        final long start = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        final HttpServer receiver = receiver();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MomoMetrics metrics = new MomoMetrics(MAX_FEATURES);
             WebhookNotifier webhook = new WebhookNotifier(webhookSettings(receiver), tempDir.resolve("dead.jsonl"))) {
            TOPICS.configs().forEach((topic, configs) -> broker.createTopic(topic, 1, configs));
            ReferencePublisher.publish(broker.bootstrapServers(), TOPICS, profile);
            final int port = metrics.serve("127.0.0.1", 0);
            metrics.bindWebhooks(List.of(webhook));
            send(broker, registry, start);

            final List<DriftAlert> alerts;
            try (MomoApplication app = app(broker, registry, metrics, webhook)) {
                app.start(Duration.ofSeconds(60));
                await("every window judged and every label joined", () -> {
                    final PrometheusText scrape = PrometheusText.scrape(metrics.registry());
                    return sum(scrape, "momo_windows_closed_total") == PLAN.length()
                            && sum(scrape, "momo_labels_joined_total") == EVENTS;
                });
                alerts = TopicReader.read(broker.bootstrapServers(), TOPICS.alerts(), 1,
                        new AvroDeserializer<>(DriftAlert.class, registry), 1, TIMEOUT, Duration.ofSeconds(3));
                assertThat(alerts).as("alert records").isNotEmpty();
                final Map<List<String>, Double> expectedOpen = open(alerts);
                assertThat(expectedOpen).as("alerts open at the end of the plan").isNotEmpty();
                // The webhook's default filter sends OPENED and RESOLVED records.
                final long sent = alerts.stream().filter(alert -> alert.getState() != AlertState.UPDATED).count();
                await("the alert view and the webhook to take every alert record", () -> {
                    final PrometheusText scrape = PrometheusText.scrape(metrics.registry());
                    return openAlerts(scrape).equals(expectedOpen) && webhook.delivered() == sent
                            && !scrape.samples("kafka_stream_thread_process_latency_avg").isEmpty();
                });
                final List<DriftMetric> driftMetrics = TopicReader.read(broker.bootstrapServers(),
                        TOPICS.driftMetrics(), 1, new AvroDeserializer<>(DriftMetric.class, registry), 1, TIMEOUT,
                        Duration.ofSeconds(1));

                final long before = System.currentTimeMillis();
                final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(20)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                final long after = System.currentTimeMillis();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
                final PrometheusText scrape = PrometheusText.parse(response.body());
                writeScrape(scrape, response.body());

                assertCounters(scrape, alerts);
                assertDriftGauges(scrape, driftMetrics);
                assertPerformance(scrape, driftMetrics, profile);
                assertLags(scrape, profile, start, before, after);
                assertThat(openAlerts(scrape)).isEqualTo(expectedOpen);
                assertThat(scrape.value("momo_webhook_deliveries_total", "webhook", "pager", "outcome", "delivered"))
                        .isEqualTo(sent);
                assertThat(scrape.value("momo_webhook_deliveries_total", "webhook", "pager", "outcome", "failed"))
                        .isZero();
                assertKafkaStreamsMetrics(scrape);
                assertJvmMetrics(scrape);
            }

            assertOpenAlertsAfterRestart(broker, registry, open(alerts));
        } finally {
            receiver.stop(0);
            SchemaRegistries.dropScope(SCOPE);
        }
    }

    private static void assertCounters(final PrometheusText scrape, final List<DriftAlert> alerts) {
        assertThat(scrape.value("momo_events_processed_total", "model", MODEL)).isEqualTo(EVENTS);
        assertThat(scrape.value("momo_events_rejected_total", "topic", TOPICS.inferences(), "reason",
                "no_reference_profile")).isEqualTo(1.0);
        assertThat(scrape.value("momo_windows_closed_total", "model", MODEL, "version", VERSION))
                .isEqualTo(PLAN.length());
        assertThat(scrape.value("momo_labels_received_total", "model", MODEL)).isEqualTo(EVENTS);
        assertThat(scrape.value("momo_labels_joined_total", "model", MODEL)).isEqualTo(EVENTS);

        final Map<String, Double> opened = new TreeMap<>();
        final Map<String, Double> resolved = new TreeMap<>();
        for (final DriftAlert alert : alerts) {
            final String severity = alert.getSeverity().name().toLowerCase(Locale.ROOT);
            if (alert.getState() == AlertState.OPENED) {
                opened.merge(severity, 1.0, Double::sum);
            } else if (alert.getState() == AlertState.RESOLVED) {
                resolved.merge(severity, 1.0, Double::sum);
            }
        }
        assertThat(resolved).as("resolved alerts in the plan").isNotEmpty();
        assertThat(bySeverity(scrape, "momo_alerts_raised_total")).isEqualTo(opened);
        assertThat(bySeverity(scrape, "momo_alerts_resolved_total")).isEqualTo(resolved);

        // A label 30 s after its prediction falls in the bucket of 60 s, not in that of 10 s.
        assertThat(scrape.value("momo_label_join_delay_seconds_count", "model", MODEL)).isEqualTo(EVENTS);
        assertThat(scrape.value("momo_label_join_delay_seconds_sum", "model", MODEL))
                .isCloseTo(EVENTS * LABEL_DELAY_MILLIS / 1000.0, within(1e-6));
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", MODEL, "le", "10.0")).isZero();
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", MODEL, "le", "60.0"))
                .isEqualTo(EVENTS);
    }

    /** Checks the drift gauges: the cap keeps 5 of the 8 features plus the prediction and probability columns. */
    private static void assertDriftGauges(final PrometheusText scrape, final List<DriftMetric> records) {
        final Set<String> features = new TreeSet<>();
        for (final PrometheusText.Sample sample : scrape.samples("momo_drift_value", "model", MODEL, "version",
                VERSION)) {
            features.add(sample.labels().get("feature"));
        }
        features.remove("dataset");
        features.remove("performance");
        assertThat(features).hasSize(MAX_FEATURES + 2).contains(LoanModel.PREDICTION, LoanModel.PROBABILITY);
        assertThat(scrape.value("momo_metrics_features_dropped_total", "model", MODEL))
                .isEqualTo(PLAN.length() * (LoanModel.NUMERIC.size() + LoanModel.CATEGORICAL.size() - MAX_FEATURES));

        final Map<List<String>, DriftMetric> latest = latest(records);
        int compared = 0;
        for (final PrometheusText.Sample sample : scrape.samples("momo_drift_value", "model", MODEL)) {
            final DriftMetric record = latest.get(List.of(sample.labels().get("feature"),
                    sample.labels().get("statistic")));
            assertThat(record).as("drift metric record of %s", sample.labels()).isNotNull();
            assertThat(Double.valueOf(sample.value())).as("momo_drift_value%s", sample.labels())
                    .isEqualTo(Double.valueOf(record.getValue()));
            assertThat(Double.valueOf(scrape.value("momo_drift_threshold", "model", MODEL, "feature",
                    record.getFeature(), "statistic", record.getStatistic())))
                    .isEqualTo(Double.valueOf(record.getThreshold()));
            assertThat(scrape.value("momo_drift_drifted", "model", MODEL, "feature", record.getFeature(),
                    "statistic", record.getStatistic())).isEqualTo(record.getDrifted() ? 1.0 : 0.0);
            if (record.getCriticalThreshold() != null) {
                assertThat(Double.valueOf(scrape.value("momo_drift_critical_threshold", "model", MODEL, "feature",
                        record.getFeature(), "statistic", record.getStatistic())))
                        .isEqualTo(Double.valueOf(record.getCriticalThreshold()));
            }
            if (StatisticThreshold.SOURCE_P_VALUE.equals(record.getThresholdSource())) {
                assertThat(Double.valueOf(scrape.value("momo_drift_p_value", "model", MODEL, "feature",
                        record.getFeature(), "statistic", record.getStatistic())))
                        .isEqualTo(Double.valueOf(record.getPValue()));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(MAX_FEATURES + 2);
        assertThat(scrape.value("momo_drift_value", "model", MODEL, "feature", "dataset", "statistic",
                "drifted_feature_share")).isBetween(0.0, 1.0);
    }

    private static void assertPerformance(final PrometheusText scrape, final List<DriftMetric> records,
                                          final ReferenceProfile profile) {
        final Map<List<String>, DriftMetric> latest = latest(records);
        final Map<String, StatisticThreshold> realized = profile.performance().thresholds();
        final Map<String, StatisticThreshold> estimated = profile.performance().estimatedThresholds();
        assertThat(realized).isNotEmpty();
        assertThat(estimated).isNotEmpty();
        for (final Map.Entry<String, String> kind : Map.of(MomoMetrics.REALIZED, "", MomoMetrics.ESTIMATED, "")
                .entrySet()) {
            final Map<String, StatisticThreshold> thresholds = kind.getKey().equals(MomoMetrics.REALIZED) ? realized
                    : estimated;
            for (final Map.Entry<String, StatisticThreshold> metric : thresholds.entrySet()) {
                // Estimates carry the realized metric's name in the label, and the kind label distinguishes them.
                final String[] labels = {"model", MODEL, "version", VERSION, "metric",
                        MetricNames.realized(metric.getKey()), "kind", kind.getKey()};
                final DriftMetric record = latest.get(List.of("performance", metric.getKey()));
                assertThat(record).as("performance record of %s", metric.getKey()).isNotNull();
                assertThat(Double.valueOf(scrape.value("momo_performance_value", labels))).as(metric.getKey())
                        .isEqualTo(Double.valueOf(record.getValue()));
                assertThat(Double.valueOf(scrape.value("momo_performance_threshold", labels))).as(metric.getKey())
                        .isEqualTo(Double.valueOf(metric.getValue().threshold()));
                assertThat(Double.valueOf(scrape.value("momo_performance_reference", labels))).as(metric.getKey())
                        .isEqualTo(Double.valueOf(metric.getValue().chunkMean()));
            }
        }
    }

    private static void assertLags(final PrometheusText scrape, final ReferenceProfile profile, final long start,
                                   final long before, final long after) {
        // The last count window ends at its last event; it was judged after the test started.
        final long lastEvent = start + (EVENTS - 1) * EVENT_SPACING_MILLIS;
        assertThat(scrape.value("momo_window_close_lag_seconds", "model", MODEL, "version", VERSION))
                .isBetween((start + Duration.ofMinutes(10).toMillis() - lastEvent) / 1000.0,
                        (after - lastEvent) / 1000.0);
        assertThat(scrape.value("momo_reference_profile_age_seconds", "model", MODEL, "version", VERSION))
                .isBetween((before - profile.createdAt().toEpochMilli()) / 1000.0,
                        (after - profile.createdAt().toEpochMilli()) / 1000.0);
    }

    private static void assertKafkaStreamsMetrics(final PrometheusText scrape) {
        for (final String family : List.of("kafka_stream_thread_process_latency_avg",
                "kafka_stream_thread_commit_latency_avg", "kafka_stream_task_dropped_records_total",
                "kafka_stream_processor_node_record_e2e_latency_avg", "kafka_stream_state_block_cache_usage",
                "kafka_stream_thread_process_total")) {
            assertThat(scrape.families()).as(family).containsKey(family);
        }
    }

    private static void assertJvmMetrics(final PrometheusText scrape) {
        // The parser rejects a second TYPE line for a family, so each family below appears once.
        for (final String family : List.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds",
                "process_cpu_seconds_total")) {
            assertThat(scrape.families()).as(family).containsKey(family);
        }
        assertThat(scrape.samples("jvm_threads_current")).hasSize(1);
    }

    /** A second application on the same state directory counts the open alerts from its restored store. */
    private void assertOpenAlertsAfterRestart(final EmbeddedKafkaBroker broker, final SchemaRegistryClient registry,
                                              final Map<List<String>, Double> expectedOpen) {
        try (MomoMetrics metrics = new MomoMetrics(MAX_FEATURES);
             MomoApplication app = app(broker, registry, metrics, alert -> { })) {
            app.start(Duration.ofSeconds(60));
            await("the restarted application to count open alerts", () ->
                    openAlerts(PrometheusText.scrape(metrics.registry())).equals(expectedOpen));
        }
    }

    private MomoApplication app(final EmbeddedKafkaBroker broker, final SchemaRegistryClient registry,
                                final MomoMetrics metrics, final Consumer<DriftAlert> listener) {
        final StreamsSettings settings = new StreamsSettings(SCOPE, broker.bootstrapServers(), tempDir.resolve("state"),
                1, Map.of("commit.interval.ms", "100"));
        return new MomoApplication(settings, TOPICS, WindowSettings.count(WINDOW), 1, registry, metrics,
                MomoTopology.DEFAULT_LABEL_DELAY, AlertSettings.DEFAULTS, null, listener, null);
    }

    /** Builds the loan model's reference with its outcome as label column, so realized performance and CBPE run. */
    private static ReferenceProfile profile() {
        final List<String> header = new ArrayList<>(LoanModel.NUMERIC);
        header.addAll(LoanModel.CATEGORICAL);
        header.addAll(List.of(LoanModel.PREDICTION, LoanModel.PROBABILITY, "outcome"));
        final SplittableRandom random = new SplittableRandom(5);
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 10 * WINDOW; i++) {
            final LoanModel.Applicant applicant = LoanModel.draw(random, false);
            final String[] cells = new String[header.size()];
            for (int c = 0; c < header.size() - 3; c++) {
                cells[c] = String.valueOf(applicant.features().get(header.get(c)));
            }
            cells[header.size() - 3] = applicant.predictedClass();
            cells[header.size() - 2] = String.valueOf(applicant.probability());
            cells[header.size() - 1] = applicant.outcome();
            rows.add(cells);
        }
        return new ProfileBuilder(new ProfileOptions(MODEL, VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY,
                "outcome", Set.of(), Set.of(), Set.of(), WINDOW, ProfileOptions.DEFAULT_BINS, 2000,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER))
                .build(CsvTable.of(Path.of("loan-reference.csv"), header, rows), chunk -> { });
    }

    /** Sends the plan's events, a label 30 s after each, and one event of a model without a profile. */
    private static void send(final EmbeddedKafkaBroker broker, final SchemaRegistryClient registry, final long start) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> events = new AvroSerializer<>(registry);
             AvroSerializer<GroundTruth> labels = new AvroSerializer<>(registry)) {
            final SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < EVENTS; i++) {
                final LoanModel.Applicant applicant = LoanModel.draw(random, PLAN.charAt(i / WINDOW) == 'D');
                final long time = start + i * EVENT_SPACING_MILLIS;
                producer.send(new ProducerRecord<>(TOPICS.inferences(), MODEL, events.serialize(TOPICS.inferences(),
                        event("e" + i, MODEL, time, applicant))));
                producer.send(new ProducerRecord<>(TOPICS.labels(), MODEL, labels.serialize(TOPICS.labels(),
                        GroundTruth.newBuilder().setEventId("e" + i).setModelId(MODEL).setLabel(applicant.outcome())
                                .setEventTime(Instant.ofEpochMilli(time + LABEL_DELAY_MILLIS)).build())));
            }
            producer.send(new ProducerRecord<>(TOPICS.inferences(), "unprofiled", events.serialize(TOPICS.inferences(),
                    event("x1", "unprofiled", start, LoanModel.draw(random, false)))));
            producer.flush();
        }
    }

    private static InferenceEvent event(final String id, final String model, final long time,
                                        final LoanModel.Applicant applicant) {
        return InferenceEvent.newBuilder().setEventId(id).setModelId(model).setModelVersion(VERSION)
                .setEventTime(Instant.ofEpochMilli(time)).setFeatures(applicant.features())
                .setPrediction(applicant.predictedClass())
                .setProbabilities(Map.of(LoanModel.PROBABILITY, applicant.probability())).build();
    }

    /** Starts a webhook receiver on 127.0.0.1 that accepts every request with 204. */
    private static HttpServer receiver() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static WebhookSettings webhookSettings(final HttpServer receiver) {
        return WebhookSettings.parse(Map.of("momo.webhooks", "pager", "momo.webhook.pager.url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks")).get(0);
    }

    /** Counts the open alerts by model and severity: alerts whose latest record in the topic is not RESOLVED. */
    private static Map<List<String>, Double> open(final List<DriftAlert> alerts) {
        final Map<String, DriftAlert> latest = new LinkedHashMap<>();
        alerts.forEach(alert -> latest.put(alert.getModelId() + '\u0000' + alert.getAlertId(), alert));
        final Map<List<String>, Double> open = new TreeMap<>(MetricsEndpointIntegrationTest::compare);
        for (final DriftAlert alert : latest.values()) {
            if (alert.getState() != AlertState.RESOLVED) {
                open.merge(List.of(alert.getModelId(), alert.getSeverity().name().toLowerCase(Locale.ROOT)), 1.0,
                        Double::sum);
            }
        }
        return open;
    }

    /** Returns the non-zero series of momo_alerts_open by model and severity. */
    private static Map<List<String>, Double> openAlerts(final PrometheusText scrape) {
        final Map<List<String>, Double> open = new TreeMap<>(MetricsEndpointIntegrationTest::compare);
        for (final PrometheusText.Sample sample : scrape.samples("momo_alerts_open")) {
            if (sample.value() != 0) {
                open.put(List.of(sample.labels().get("model"), sample.labels().get("severity")), sample.value());
            }
        }
        return open;
    }

    private static Map<String, Double> bySeverity(final PrometheusText scrape, final String counter) {
        final Map<String, Double> counts = new TreeMap<>();
        scrape.samples(counter, "model", MODEL).forEach(sample ->
                counts.put(sample.labels().get("severity"), sample.value()));
        return counts;
    }

    /** Returns the record of the latest window per feature and statistic. */
    private static Map<List<String>, DriftMetric> latest(final List<DriftMetric> records) {
        final Map<List<String>, DriftMetric> latest = new HashMap<>();
        for (final DriftMetric record : records) {
            latest.merge(List.of(record.getFeature(), record.getStatistic()), record,
                    (kept, next) -> next.getWindowIndex() >= kept.getWindowIndex() ? next : kept);
        }
        return latest;
    }

    private static double sum(final PrometheusText scrape, final String sampleName) {
        return scrape.samples(sampleName).stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    /** Writes the sorted family names, and the scrape itself for tools such as {@code promtool check metrics}. */
    private static void writeScrape(final PrometheusText scrape, final String body) throws IOException {
        final Path directory = Files.createDirectories(Path.of("target"));
        Files.write(directory.resolve("exposed-metrics.txt"), new TreeSet<>(scrape.families().keySet()),
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("metrics-scrape.txt"), body, StandardCharsets.UTF_8);
    }

    private static int compare(final List<String> a, final List<String> b) {
        final int first = a.get(0).compareTo(b.get(0));
        return first != 0 ? first : a.get(1).compareTo(b.get(1));
    }

    private static void await(final String condition, final BooleanSupplier check) {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + condition, e);
            }
        }
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + condition);
    }
}
