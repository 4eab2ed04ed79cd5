package dev.momo.observability;

import com.sun.net.httpserver.HttpServer;
import dev.momo.app.ReferencePublisher;
import dev.momo.cli.MomoCommand;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.simulate.LoanModel;
import dev.momo.table.CsvTable;
import dev.momo.topology.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Momo instance started as {@code momo run} starts it, with the properties file a user would write, on the
 * embedded broker, after a scripted stream of the simulated loan model was published.
 *
 * <p>The script makes every metric family appear. Windows of 10 s hold 200 events each: clean, then drifting
 * (alerts open), clean again (alerts resolve) and drifting at the end. Labels follow most predictions by 2 s.
 * It adds a label without a prediction, a NaN probability, late events, a malformed record for the
 * dead-letter topic, and a webhook that receives the alerts. Event times end at the time of the start, so
 * that latencies are realistic. Stop the instance with {@link #close}, which interrupts the command as
 * Ctrl-C would.
 */
final class RunningMomo implements AutoCloseable {

    static final String MODEL = LoanModel.MODEL_ID;
    static final String VERSION = LoanModel.MODEL_VERSION;
    /** Windows 0 to 15 close, and window 16 contains the events that advance time past window 15. */
    static final int CLOSED_WINDOWS = 16;

    private static final String REGISTRY_SCOPE = "momo-observability-test";
    private static final String LABEL_COLUMN = "outcome";
    private static final long WINDOW_MILLIS = 10_000;
    private static final int EVENTS_PER_WINDOW = 200;
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final EmbeddedKafkaBroker broker;
    private final HttpServer webhook;
    private final AtomicInteger webhookCalls;
    private final Thread command;
    private final StringWriter output;
    private final int metricsPort;
    private final int apiPort;

    private RunningMomo(final EmbeddedKafkaBroker broker, final HttpServer webhook, final AtomicInteger webhookCalls,
                        final Thread command, final StringWriter output, final int metricsPort, final int apiPort) {
        this.broker = broker;
        this.webhook = webhook;
        this.webhookCalls = webhookCalls;
        this.command = command;
        this.output = output;
        this.metricsPort = metricsPort;
        this.apiPort = apiPort;
    }

    /** Publishes the script, starts {@code momo run} with its state under {@code dir}, and waits until it serves metrics. */
    static RunningMomo start(final Path dir) throws Exception {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        HttpServer webhook = null;
        try {
            final Topics topics = Topics.DEFAULTS;
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic, PARTITIONS, configs));
            ReferencePublisher.publish(broker.bootstrapServers(), topics, reference());
            publishScript(broker.bootstrapServers(), topics);

            final AtomicInteger calls = new AtomicInteger();
            webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            webhook.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            webhook.start();

            final int metricsPort = freePort();
            final int apiPort = freePort();
            final Path config = dir.resolve("momo.properties");
            Files.writeString(config, String.join("\n",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "schema.registry.url=" + SchemaRegistries.MOCK_SCHEME + REGISTRY_SCOPE,
                    "momo.application.id=observability-test",
                    "momo.state.dir=" + dir.resolve("state"),
                    "momo.window.mode=time",
                    "momo.window.duration=10s",
                    "momo.window.grace=2s",
                    "momo.labels.delay=30s",
                    "momo.metrics.host=127.0.0.1",
                    "momo.metrics.port=" + metricsPort,
                    "momo.http.host=127.0.0.1",
                    "momo.http.port=" + apiPort,
                    "momo.webhook.url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                    // One window of evidence opens an alert and two clean windows resolve it, so that both
                    // happen within the script. A quarter of the features drifting is data-set drift.
                    "momo.metrics.max-features=4",
                    "momo.alerts.open-after=1",
                    "momo.alerts.evidence-windows=1",
                    "momo.alerts.resolve-after=2",
                    "momo.alerts.cooldown=0",
                    "momo.alerts.dataset-share=0.25",
                    "commit.interval.ms=100"));

            final StringWriter output = new StringWriter();
            final Thread command = new Thread(() -> MomoCommand.execute(new PrintWriter(output, true),
                    new PrintWriter(output, true), "run", "--config", config.toString()), "momo-run-under-test");
            command.setDaemon(true);
            final RunningMomo momo = new RunningMomo(broker, webhook, calls, command, output, metricsPort,
                    apiPort);
            command.start();
            momo.awaitMetrics();
            return momo;
        } catch (Exception | AssertionError e) {
            if (webhook != null) {
                webhook.stop(0);
            }
            broker.close();
            SchemaRegistries.dropScope(REGISTRY_SCOPE);
            throw e;
        }
    }

    int metricsPort() {
        return metricsPort;
    }

    /** Returns the current text of {@code /metrics}. */
    String scrape() throws IOException, InterruptedException {
        final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics returned " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Returns the body of {@code GET /api/alerts?QUERY} of the instance's JSON API. */
    String alerts(final String query) throws IOException, InterruptedException {
        final HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + apiPort + "/api/alerts?" + query)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/alerts?" + query + " returned " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Waits until every closed window of the script was compared with the reference. */
    void awaitWindowsClosed(final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        double closed = 0;
        while (System.nanoTime() < deadline) {
            closed = MetricsText.parse(scrape()).value("momo_windows_closed_total", Map.of("model", MODEL,
                    "version", VERSION));
            if (closed >= CLOSED_WINDOWS) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + closed + " of " + CLOSED_WINDOWS + " windows closed within "
                + timeout.toSeconds() + " s; output of momo run:\n" + output);
    }

    /**
     * Waits until the scrape contains every name of {@code expected}, or until {@code timeout}, and returns the
     * last scrape. Some metrics appear only when the first label expires or the metrics binder refreshes.
     */
    MetricsText awaitNames(final Set<String> expected, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        MetricsText metrics = MetricsText.parse(scrape());
        while (!metrics.names().containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            metrics = MetricsText.parse(scrape());
        }
        return metrics;
    }

    /** Returns how many requests the webhook received. */
    int webhookCalls() {
        return webhookCalls.get();
    }

    /** Returns what the command printed, for failure messages. */
    String output() {
        return output.toString();
    }

    /** Stops the command as Ctrl-C would (its resources close in order), then the webhook and the broker. */
    @Override
    public void close() throws InterruptedException {
        try {
            command.interrupt();
            command.join(TIMEOUT.toMillis());
        } finally {
            webhook.stop(0);
            broker.close();
            SchemaRegistries.dropScope(REGISTRY_SCOPE);
        }
    }

    private void awaitMetrics() throws InterruptedException {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!command.isAlive()) {
                throw new IllegalStateException("momo run stopped before serving metrics:\n" + output);
            }
            try {
                scrape();
                return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("momo run did not serve /metrics on port " + metricsPort + " within "
                + TIMEOUT.toSeconds() + " s:\n" + output, last);
    }

    /** Builds the reference from 4,000 undrifted applicants with their outcomes, in chunks of one window. */
    private static ReferenceProfile reference() {
        final List<String> header = new ArrayList<>(LoanModel.NUMERIC);
        header.addAll(LoanModel.CATEGORICAL);
        header.addAll(List.of(LoanModel.PREDICTION, LoanModel.PROBABILITY, LABEL_COLUMN));
        final SplittableRandom random = new SplittableRandom(17);
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            final LoanModel.Applicant applicant = LoanModel.draw(random, false);
            final List<String> cells = new ArrayList<>();
            for (final String column : header.subList(0, header.size() - 3)) {
                cells.add(String.valueOf(applicant.features().get(column)));
            }
            cells.addAll(List.of(applicant.predictedClass(), String.valueOf(applicant.probability()), applicant.outcome()));
            rows.add(cells.toArray(String[]::new));
        }
        final ProfileOptions options = new ProfileOptions(MODEL, VERSION, null, LoanModel.PREDICTION,
                LoanModel.PROBABILITY, LABEL_COLUMN, Set.of(), Set.of(), Set.of(), EVENTS_PER_WINDOW,
                ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(options).build(CsvTable.of(Path.of("observability-reference.csv"), header, rows),
                chunk -> { });
    }

    private static void publishScript(final String bootstrap, final Topics topics) {
        final SchemaRegistryClient registry = SchemaRegistries.forUrl(SchemaRegistries.MOCK_SCHEME + REGISTRY_SCOPE);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final long start = (System.currentTimeMillis() / WINDOW_MILLIS - (CLOSED_WINDOWS + 1)) * WINDOW_MILLIS;
        final SplittableRandom random = new SplittableRandom(23);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> events = new AvroSerializer<>(registry);
             AvroSerializer<GroundTruth> labels = new AvroSerializer<>(registry)) {
            for (int window = 0; window <= CLOSED_WINDOWS; window++) {
                final boolean drifted = (window >= 4 && window < 8) || (window >= 12 && window < CLOSED_WINDOWS);
                for (int i = 0; i < EVENTS_PER_WINDOW; i++) {
                    final long time = start + window * WINDOW_MILLIS + i * (WINDOW_MILLIS / EVENTS_PER_WINDOW);
                    final LoanModel.Applicant applicant = LoanModel.draw(random, drifted);
                    final String eventId = "w" + window + "-e" + i;
                    // One probability of window 13 is NaN: a data-quality finding the detectors leave out.
                    final double probability = window == 13 && i == 7 ? Double.NaN : applicant.probability();
                    final int partition = i % PARTITIONS;
                    producer.send(new ProducerRecord<>(topics.inferences(), partition, time, MODEL,
                            events.serialize(topics.inferences(), event(eventId, time, applicant, probability))));
                    // Every tenth prediction never gets its label.
                    if (i % 10 != 9) {
                        final long labelTime = time + 2_000;
                        producer.send(new ProducerRecord<>(topics.labels(), partition, labelTime, MODEL,
                                labels.serialize(topics.labels(), label(eventId, labelTime, applicant.outcome()))));
                    }
                }
            }
            final long end = start + (CLOSED_WINDOWS + 1) * WINDOW_MILLIS;
            // A label whose prediction never comes: it expires once event time passes it by the label delay.
            producer.send(new ProducerRecord<>(topics.labels(), 0, start + 1_000, MODEL,
                    labels.serialize(topics.labels(), label("no-such-prediction", start + 1_000, "1"))));
            for (int i = 0; i < 3; i++) {
                final long late = start + WINDOW_MILLIS + i;
                producer.send(new ProducerRecord<>(topics.inferences(), 0, late, MODEL, events.serialize(
                        topics.inferences(), event("late-" + i, late, LoanModel.draw(random, false), 0.2))));
            }
            producer.send(new ProducerRecord<>(topics.inferences(), 0, end, MODEL,
                    "{\"eventId\": 1".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    private static InferenceEvent event(final String eventId, final long time, final LoanModel.Applicant applicant,
                                        final double probability) {
        return InferenceEvent.newBuilder()
                .setEventId(eventId)
                .setModelId(MODEL)
                .setModelVersion(VERSION)
                .setEventTime(Instant.ofEpochMilli(time))
                .setFeatures(applicant.features())
                .setPrediction(applicant.predictedClass())
                .setProbabilities(Map.of(LoanModel.PROBABILITY, probability))
                .setSegments(Map.of())
                .build();
    }

    private static GroundTruth label(final String eventId, final long time, final String outcome) {
        return GroundTruth.newBuilder().setEventId(eventId).setModelId(MODEL).setLabel(outcome)
                .setEventTime(Instant.ofEpochMilli(time)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
