package dev.momo.cli;

import dev.momo.app.MomoApplication;
import dev.momo.app.MomoConfig;
import dev.momo.metrics.MomoMetrics;
import dev.momo.notify.Notifications;
import dev.momo.mapping.MappedEventDecoder;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.IngestProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code momo run}: the topology against a Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run Momo against a Kafka cluster, configured by a properties file.",
                "Every key can be overridden by an environment variable: MOMO_ + the key without 'momo.',",
                "upper case, dots and dashes as underscores (MOMO_BOOTSTRAP_SERVERS, MOMO_WINDOW_DURATION)."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Properties file (bootstrap.servers, momo.*, Kafka Streams settings).")
    private Path config;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10m (default: run until Ctrl-C or SIGTERM).")
    private Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration.toMillis() + " ms");
        }
        final MomoConfig settings = MomoConfig.load(config, System.getenv());
        final SchemaRegistryClient registry = SchemaRegistries.forConfig(settings.schemaRegistry());
        if (settings.schemaRegistryUrl().startsWith(SchemaRegistries.MOCK_SCHEME)) {
            LOG.warn("schema.registry.url is {}, the in-process registry: records written with its schema ids can be"
                    + " read only by this process; set schema.registry.url to your Schema Registry", settings.schemaRegistryUrl());
        }
        // A bad mapping file fails here, before Kafka is contacted.
        final IngestProcessor.Decoder<InferenceEvent> inferenceDecoder = settings.inputMapping() == null ? null
                : MappedEventDecoder.fromFile(settings.inputMapping(), registry);
        final int inferencePartitions = MomoApplication.partitionsOf(settings.streams(), settings.topics().inferences());
        final int labelPartitions = MomoApplication.partitionsOf(settings.streams(), settings.topics().labels());
        if (labelPartitions != inferencePartitions) {
            throw new IllegalArgumentException("topic " + settings.topics().labels() + " has " + labelPartitions
                    + " partitions but " + settings.topics().inferences() + " has " + inferencePartitions
                    + "; labels join their predictions on the partition of their model id, so give both topics the"
                    + " same number of partitions");
        }
        try (ShutdownSignal shutdown = new ShutdownSignal("momo-run-shutdown");
             MomoMetrics metrics = new MomoMetrics(settings.metricsMaxFeatures());
             Notifications notifications = new Notifications(settings.webhooks(), settings.streams().stateDir());
             MomoApplication app = new MomoApplication(settings.streams(), settings.topics(), settings.window(),
                     inferencePartitions, registry, metrics, settings.labelDelay(), settings.alerts(), settings.http(),
                     notifications, inferenceDecoder)) {
            metrics.bindWebhooks(notifications.notifiers());
            metrics.serve(settings.metricsHost(), settings.metricsPort());
            app.start(Duration.ofMinutes(5));
            if (settings.inputMapping() != null) {
                LOG.info("Reading {} through input mapping {}", settings.topics().inferences(), settings.inputMapping());
            }
            LOG.info("Web console on http://{}:{}/ and JSON API under /api ({}); {} webhook(s)", settings.http().host(),
                    app.apiPort(), settings.http().token() == null ? "no token" : "bearer token required",
                    settings.webhooks().size());
            shutdown.await(duration);
        }
        return 0;
    }
}
