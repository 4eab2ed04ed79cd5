package dev.momo.cli;

import dev.momo.alerting.AlertSettings;
import dev.momo.app.Directories;
import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.http.HttpSettings;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.simulate.LoanModel;
import dev.momo.simulate.ModelServerSimulator;
import dev.momo.topology.MomoTopology;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code momo demo}: broker, in-process schema registry, topology and a simulated model server in one
 * process, printing a line per alert.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run broker, topology and a drifting simulated model in one process.",
                "Starts an in-process Kafka broker on 127.0.0.1, an in-memory schema registry, the Momo topology",
                "and a simulated model server whose inputs drift after a while. Prints a line per alert opened",
                "or resolved. Stops on Ctrl-C or after --duration."})
public final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final String REGISTRY_SCOPE = "momo-demo";
    private static final int INFERENCE_PARTITIONS = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 90s or 5m (default: run until Ctrl-C).")
    private Duration duration;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the in-process broker on 127.0.0.1; 0 picks a free one; a busy port falls back to a free one (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of the Prometheus /metrics endpoint on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int metricsPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the web console and JSON API on 127.0.0.1; 0 or a busy port picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--rate", paramLabel = "EVENTS", defaultValue = "200",
            description = "Events per second of the simulated model server (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Length of the event-time windows (default: ${DEFAULT-VALUE}).")
    private Duration window;

    @Option(names = "--drift-after", paramLabel = "DURATION", defaultValue = "40s", converter = DurationConverter.class,
            description = "When the simulated population starts to drift (default: ${DEFAULT-VALUE}).")
    private Duration driftAfter;

    @Option(names = "--label-delay", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long after a prediction its label is published (default: ${DEFAULT-VALUE}).")
    private Duration labelDelay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed of the simulation (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignal shutdown = new ShutdownSignal("momo-demo-shutdown")) {
            run(out, shutdown);
        }
        return 0;
    }

    private void run(final PrintWriter out, final ShutdownSignal shutdown) throws Exception {
        final Path stateDir = Files.createTempDirectory("momo-demo-state-");
        final SchemaRegistryClient registry = SchemaRegistries.forUrl(SchemaRegistries.MOCK_SCHEME + REGISTRY_SCOPE);
        final Topics topics = Topics.DEFAULTS;
        final Duration grace = Duration.ofSeconds(2);
        try (EmbeddedKafkaBroker broker = startBroker();
             MomoMetrics metrics = new MomoMetrics()) {
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic,
                    // Labels meet their predictions on the partition of the model id: same partition count.
                    topic.equals(topics.inferences()) || topic.equals(topics.labels()) ? INFERENCE_PARTITIONS : 1,
                    configs));
            final ReferenceProfile profile = buildReference();
            ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
            final int boundMetricsPort = metrics.serve("127.0.0.1", metricsPort);

            final StreamsSettings settings = new StreamsSettings("momo-demo", broker.bootstrapServers(), stateDir, 1,
                    Map.of("commit.interval.ms", "200"));
            // One instance reads only its own stores, so a free port needs no advertised address.
            final HttpSettings http = new HttpSettings("127.0.0.1", portOrFree(httpPort), null);
            final AlertSettings alerts = AlertSettings.DEFAULTS.withConsoleUrl("http://127.0.0.1:" + http.port());
            try (MomoApplication app = new MomoApplication(settings, topics, WindowSettings.time(window, grace),
                    INFERENCE_PARTITIONS, registry, metrics, MomoTopology.DEFAULT_LABEL_DELAY, alerts, http, alert -> { }, null);
                 ModelServerSimulator simulator = new ModelServerSimulator(broker.bootstrapServers(), topics, registry,
                         INFERENCE_PARTITIONS, rate, driftAfter, labelDelay, seed);
                 AlertPrinter printer = new AlertPrinter(broker.bootstrapServers(), topics.alerts(), registry, out)) {
                app.start(Duration.ofSeconds(60));
                out.println("Momo demo is running.");
                out.println("  Kafka bootstrap servers: " + broker.bootstrapServers()
                        + "  (publish to " + topics.inferences() + ", read " + topics.driftMetrics() + " and " + topics.alerts() + ")");
                out.println("  Prometheus metrics:      http://127.0.0.1:" + boundMetricsPort + "/metrics");
                out.println("  Web console:             http://127.0.0.1:" + app.apiPort() + "/");
                out.println("  JSON API:                http://127.0.0.1:" + app.apiPort() + "/api/models  (described by /api/openapi.json)");
                out.println("  Model " + LoanModel.MODEL_ID + " version " + LoanModel.MODEL_VERSION + ": " + rate
                        + " events/s, windows of " + window.toSeconds() + " s, drift starts after " + driftAfter.toSeconds() + " s");
                out.println("Alerts appear below as windows close. Stop with Ctrl-C"
                        + (duration == null ? "." : " or wait " + duration.toSeconds() + " s."));
                out.flush();
                printer.start();
                // A window that starts half empty holds too few events for the reference thresholds.
                final long untilBoundary = window.toMillis() - System.currentTimeMillis() % window.toMillis();
                out.println("The simulated model server starts at the next window boundary, in "
                        + (untilBoundary + 999) / 1000 + " s.");
                out.flush();
                shutdown.await(Duration.ofMillis(untilBoundary));
                simulator.start();
                shutdown.await(duration);
                out.println("Stopping after " + simulator.published() + " events and " + printer.printed() + " alert records.");
                out.flush();
            }
        } finally {
            SchemaRegistries.dropScope(REGISTRY_SCOPE);
            Directories.deleteRecursively(stateDir);
        }
    }

    private void validate() {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("--window must be at least 1s, got " + window);
        }
        if (driftAfter.isNegative()) {
            throw new IllegalArgumentException("--drift-after must be >= 0, got " + driftAfter.toMillis() + " ms");
        }
        if (labelDelay.isNegative()) {
            throw new IllegalArgumentException("--label-delay must be >= 0, got " + labelDelay.toMillis() + " ms");
        }
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be between 1 and 100000 events per second, got " + rate);
        }
        for (final int port : new int[] {kafkaPort, metricsPort, httpPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("ports must be between 0 and 65535, got " + port);
            }
        }
    }

    private EmbeddedKafkaBroker startBroker() {
        try {
            return EmbeddedKafkaBroker.builder().port(kafkaPort).closeOnJvmShutdown(false).start();
        } catch (KafkaException e) {
            if (kafkaPort == 0) {
                throw e;
            }
            LOG.warn("Port {} is not free ({}); starting the broker on a free port instead", kafkaPort, e.getMessage());
            return EmbeddedKafkaBroker.builder().port(0).closeOnJvmShutdown(false).start();
        }
    }

    /**
     * Returns the port if it is free on 127.0.0.1, else a free one. The port is known before the server binds
     * it, so that the alerts' console links name it; another process may take it in between, and then the
     * demo stops with the bind error.
     */
    private static int portOrFree(final int port) throws IOException {
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                LOG.warn("Port {} is not free ({}); the console and JSON API take a free port instead", port,
                        e.getMessage());
            }
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Builds the model's reference from undrifted applicants, with thresholds from chunks the size of one window. */
    private ReferenceProfile buildReference() {
        final int chunkSize = (int) Math.max(100, rate * window.toSeconds());
        final ProfileOptions options = new ProfileOptions(LoanModel.MODEL_ID, LoanModel.MODEL_VERSION, null,
                LoanModel.PREDICTION, LoanModel.PROBABILITY, LoanModel.OUTCOME, Set.of(), Set.of(), Set.of(), chunkSize,
                ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(options).build(LoanModel.referenceTable(chunkSize * 10, seed + 1, true), chunk -> { });
    }

    /** Prints a line when an alert opens or resolves; updates of an open alert are counted, not printed. */
    private static final class AlertPrinter implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroDeserializer<DriftAlert> deserializer;
        private final String topic;
        private final PrintWriter out;
        private final Thread thread;
        private volatile long printed;

        AlertPrinter(final String bootstrap, final String topic, final SchemaRegistryClient registry, final PrintWriter out) {
            final Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "momo-demo-alert-printer");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            this.deserializer = new AvroDeserializer<>(DriftAlert.class, registry);
            this.topic = topic;
            this.out = out;
            this.thread = new Thread(this::run, "momo-demo-alert-printer");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        long printed() {
            return printed;
        }

        private void run() {
            try {
                consumer.subscribe(java.util.List.of(topic));
                while (!Thread.currentThread().isInterrupted()) {
                    for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        final DriftAlert alert = deserializer.deserialize(topic, record.value());
                        printed++;
                        if (alert.getState() != dev.momo.schema.AlertState.UPDATED) {
                            out.println(AlertLines.format(alert));
                            out.flush();
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke the consumer up.
            } catch (RuntimeException e) {
                LOG.error("Alert printer stopped on topic {}", topic, e);
            } finally {
                consumer.close();
            }
        }

        @Override
        public void close() {
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
