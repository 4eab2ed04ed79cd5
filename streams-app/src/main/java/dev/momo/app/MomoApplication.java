package dev.momo.app;

import dev.momo.alerting.AlertSettings;
import dev.momo.http.AlertRoutes;
import dev.momo.http.ApiRoute;
import dev.momo.http.ApiServer;
import dev.momo.http.HttpSettings;
import dev.momo.http.ModelRoutes;
import dev.momo.metrics.MomoMetrics;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.InferenceEvent;
import dev.momo.topology.IngestProcessor;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.MomoTopology;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Momo instance: the topology on a {@link KafkaStreams} client with exactly-once
 * processing, explicit internal names and bounded RocksDB memory.
 */
public final class MomoApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MomoApplication.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    /** Kafka Streams' own metrics in the instance's registry; closed with the application. */
    private final MomoMetrics.StreamsBinding metricsBinding;
    private final StreamsSettings settings;
    /** The JSON API over the stores, null when the instance serves none. */
    private final ApiServer api;

    public MomoApplication(final StreamsSettings settings, final Topics topics, final WindowSettings window,
                           final int inputPartitions, final SchemaRegistryClient registry, final MomoMetrics metrics) {
        this(settings, topics, window, inputPartitions, registry, metrics, MomoTopology.DEFAULT_LABEL_DELAY);
    }

    /**
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     */
    public MomoApplication(final StreamsSettings settings, final Topics topics, final WindowSettings window,
                           final int inputPartitions, final SchemaRegistryClient registry, final MomoMetrics metrics,
                           final Duration labelDelay) {
        this(settings, topics, window, inputPartitions, registry, metrics, labelDelay, AlertSettings.DEFAULTS);
    }

    /**
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     * @param alerts how alerts open, resolve and link to the console
     */
    public MomoApplication(final StreamsSettings settings, final Topics topics, final WindowSettings window,
                           final int inputPartitions, final SchemaRegistryClient registry, final MomoMetrics metrics,
                           final Duration labelDelay, final AlertSettings alerts) {
        this(settings, topics, window, inputPartitions, registry, metrics, labelDelay, alerts, null, alert -> { },
                null);
    }

    /**
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     * @param alerts how alerts open, resolve and link to the console
     * @param http where the JSON API listens and how other instances reach it; null for no API
     * @param alertListener receives every committed alert record (notifications); must not block
     * @param inferenceDecoder reads the inferences topic through an input mapping, or null to read
     *     {@code InferenceEvent} records
     */
    public MomoApplication(final StreamsSettings settings, final Topics topics, final WindowSettings window,
                           final int inputPartitions, final SchemaRegistryClient registry, final MomoMetrics metrics,
                           final Duration labelDelay, final AlertSettings alerts, final HttpSettings http,
                           final Consumer<DriftAlert> alertListener,
                           final IngestProcessor.Decoder<InferenceEvent> inferenceDecoder) {
        this.settings = settings;
        final Topology topology = inferenceDecoder == null
                ? MomoTopology.build(topics, window, inputPartitions, registry, metrics, labelDelay, alerts,
                        alertListener)
                : MomoTopology.build(topics, window, inputPartitions, registry, metrics, labelDelay, alerts,
                        alertListener, inferenceDecoder);
        LOG.debug("Topology:\n{}", topology.describe());
        final Properties props = properties(settings);
        if (http != null && http.applicationServer() != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.applicationServer());
        }
        this.streams = new KafkaStreams(topology, props);
        this.metricsBinding = metrics.bindStreams(streams);
        this.api = http == null ? null : new ApiServer(http, routes(streams, http));
        streams.setStateListener((next, previous) ->
                LOG.info("Application {} changed state from {} to {}", settings.applicationId(), previous, next));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread of application {} failed; replacing the thread", settings.applicationId(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
    }

    /** The routes of the JSON API: alerts, then models, which read alerts through the alert routes. */
    private static List<ApiRoute> routes(final KafkaStreams streams, final HttpSettings http) {
        final AlertRoutes alerts = new AlertRoutes(streams, http);
        final List<ApiRoute> routes = new ArrayList<>(alerts.routes());
        routes.addAll(new ModelRoutes(streams, http, alerts).routes());
        return routes;
    }

    /** Builds the Kafka Streams properties of an instance; the benchmark's baseline runs with the same ones. */
    public static Properties properties(final StreamsSettings settings) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        props.put(StreamsConfig.topicPrefix("max.message.bytes"), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.overrides());
        return props;
    }

    /**
     * Looks up the partition count of a topic.
     *
     * @throws IllegalStateException naming the topic when it does not exist or the cluster does not respond
     */
    public static int partitionsOf(final StreamsSettings settings, final String topic) {
        final Properties props = new Properties();
        settings.overrides().forEach(props::put);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        final Admin admin = Admin.create(props);
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException("cannot reach the Kafka cluster at " + settings.bootstrapServers()
                        + " within 30 s; check bootstrap.servers and that the brokers are up", e);
            }
            throw new IllegalStateException("cannot describe topic " + topic + " on " + settings.bootstrapServers()
                    + ": " + e.getCause().getMessage() + "; create the topic first", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out describing topic " + topic + " on " + settings.bootstrapServers()
                    + "; is the cluster reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        } finally {
            // close() waits for unfinished requests without limit: an unreachable cluster would hang here.
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Starts processing and waits up to {@code timeout} until the application runs. */
    public void start(final Duration timeout) {
        LOG.info("Starting application {} against {}", settings.applicationId(), settings.bootstrapServers());
        if (api != null) {
            api.start();
        }
        streams.start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("application " + settings.applicationId() + " stopped while starting: "
                        + streams.state() + "; see the log above for the cause");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("application " + settings.applicationId() + " did not reach RUNNING within "
                        + timeout.toSeconds() + " s; is the broker at " + settings.bootstrapServers() + " reachable?");
            }
            sleep(50);
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Returns the port the JSON API listens on. */
    public int apiPort() {
        if (api == null) {
            throw new IllegalStateException("application " + settings.applicationId() + " serves no API");
        }
        return api.port();
    }

    /** Stops the threads, leaving the group so that a restart does not wait for the session timeout. */
    @Override
    public void close() {
        LOG.info("Stopping application {}", settings.applicationId());
        if (api != null) {
            api.close();
        }
        final boolean stopped = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (!stopped) {
            LOG.warn("Application {} did not stop within {} s", settings.applicationId(), CLOSE_TIMEOUT.toSeconds());
        }
        metricsBinding.close();
    }

    private static void sleep(final long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application to start", e);
        }
    }
}
