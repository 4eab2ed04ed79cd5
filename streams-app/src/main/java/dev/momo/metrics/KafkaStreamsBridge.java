package dev.momo.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own metrics (threads, tasks, process and commit latency, end-to-end record latency,
 * dropped records, RocksDB, restores, and those of its consumers and producers) in Momo's registry,
 * through Micrometer's {@link KafkaStreamsMetrics} binder (micrometer-core 1.17) on a
 * {@link PrometheusMeterRegistry} that writes into the given client_java {@link PrometheusRegistry}.
 * Micrometer names them after Kafka's group and name, {@code kafka_stream_thread_process_latency_avg}
 * for example, with Kafka's tags ({@code thread_id}, {@code task_id}, ...) as labels.
 *
 * <p>Each binder looks for new Kafka metrics every {@link #REFRESH_INTERVAL} on a daemon thread of its own
 * (its default of 60 s would hide the thread and task metrics for a minute after start). The thread is
 * stopped before the binder closes, because {@code KafkaMetrics.close()} of Micrometer 1.17.2 leaves
 * the refresh of a scheduler it did not create running, which would register the meters again. No JVM
 * binder is added here: client_java's JVM metrics are the only ones on the registry.
 */
final class KafkaStreamsBridge implements AutoCloseable {

    /** How often the binder registers the Kafka metrics that appeared since its last look. */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsBridge.class);

    private final PrometheusMeterRegistry meters;

    KafkaStreamsBridge(final PrometheusRegistry registry) {
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, registry, Clock.SYSTEM);
    }

    /**
     * Binds one Kafka Streams instance. Running the returned action stops the refresh, waits up to
     * {@link #STOP_TIMEOUT} for a refresh in progress, and removes the instance's meters.
     */
    Runnable bind(final KafkaStreams streams, final String name) {
        final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            final Thread thread = new Thread(task, "momo-kafka-metrics-" + name);
            thread.setDaemon(true);
            return thread;
        });
        final KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.<Tag>of(), refresher,
                REFRESH_INTERVAL);
        binder.bindTo(meters);
        return () -> {
            refresher.shutdownNow();
            try {
                if (!refresher.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Kafka metrics refresh of {} did not stop within {} ms", name, STOP_TIMEOUT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            binder.close();
        };
    }

    @Override
    public void close() {
        meters.close();
    }
}
