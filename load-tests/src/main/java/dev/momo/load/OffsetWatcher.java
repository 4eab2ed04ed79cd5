package dev.momo.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads offsets through an admin client: end offsets of topics, and the committed offsets that tell
 * when a Kafka Streams application has processed its whole input.
 *
 * <p>Under {@code exactly_once_v2} the output's end offsets overshoot the record count, because each
 * transaction commit writes a marker into every output partition. The input, written without
 * transactions before the application starts, has no markers, so committed offsets equal to its end
 * offsets mean that every input record was processed and its transaction committed.
 */
final class OffsetWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetWatcher.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Admin admin;

    OffsetWatcher(final String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "momo-bench-offset-watcher"));
    }

    /** Returns the end offset of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(final String topic, final int partitions) {
        final List<TopicPartition> request = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            request.add(new TopicPartition(topic, p));
        }
        return endOffsets(request);
    }

    /**
     * Returns the sum of the end offsets of the topics whose names start with {@code prefix}: the
     * records written to them plus one transaction marker per partition and transaction. Log
     * compaction and record deletion do not lower end offsets.
     */
    long endOffsetSum(final String prefix) {
        final List<String> topics = get(admin.listTopics().names(), "list the topics").stream()
                .filter(name -> name.startsWith(prefix)).toList();
        final List<TopicPartition> partitions = new ArrayList<>();
        get(admin.describeTopics(topics).allTopicNames(), "describe the topics " + topics).forEach((name, description) ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
        return endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> endOffsets(final List<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin.listOffsets(request).all(), "list the end offsets of " + partitions);
        final Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * Times at which an application's commits were observed, as {@link System#nanoTime()} and as CPU
     * time of this JVM ({@code OperatingSystemMXBean.getProcessCpuTime()}).
     *
     * @param firstNanos first poll that saw committed input offsets above zero
     * @param firstCpuNanos CPU time at that poll
     * @param firstCommitted input records committed at that poll
     * @param doneNanos first poll that saw the committed offsets reach the input's end
     * @param doneCpuNanos CPU time at that poll
     * @param doneMillis wall-clock time at that poll, epoch ms
     */
    record Commits(long firstNanos, long firstCpuNanos, long firstCommitted, long doneNanos, long doneCpuNanos,
                   long doneMillis) {
    }

    /**
     * Polls the committed offsets of group {@code applicationId} every 50 ms until they reach
     * {@code endOffsets} on every partition. Start it right after {@code streams.start()}.
     *
     * @throws IllegalStateException if the application stops running or the timeout passes first
     */
    Commits awaitCommitted(final String applicationId, final Map<TopicPartition, Long> endOffsets,
                           final KafkaStreams streams, final Duration timeout) {
        final long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        final long deadline = System.nanoTime() + timeout.toNanos();
        long nextLog = System.nanoTime() + PROGRESS_LOG_INTERVAL.toNanos();
        long firstNanos = -1;
        long firstCpuNanos = -1;
        long firstCommitted = 0;
        while (true) {
            final Map<TopicPartition, OffsetAndMetadata> committed = get(
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(),
                    "list the committed offsets of group " + applicationId);
            final long now = System.nanoTime();
            final long cpu = CPU.getProcessCpuTime();
            long done = 0;
            for (final Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
                final OffsetAndMetadata offset = committed.get(end.getKey());
                done += Math.min(offset == null ? 0 : offset.offset(), end.getValue());
            }
            if (done > 0 && firstNanos < 0) {
                firstNanos = now;
                firstCpuNanos = cpu;
                firstCommitted = done;
            }
            if (done == total) {
                return new Commits(firstNanos, firstCpuNanos, firstCommitted, now, cpu, System.currentTimeMillis());
            }
            final KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("application " + applicationId + " is " + state + " after committing "
                        + done + " of " + total + " input records; see the log above for the cause");
            }
            if (now > deadline) {
                throw new IllegalStateException("application " + applicationId + " committed " + done + " of "
                        + total + " input records within " + timeout.toSeconds()
                        + " s; raise --timeout or look for errors in the log above");
            }
            if (now > nextLog) {
                LOG.info("Application {} committed {} of {} input records", applicationId, done, total);
                nextLog = now + PROGRESS_LOG_INTERVAL.toNanos();
            }
            sleep(POLL_INTERVAL);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future, final String action) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed to " + action + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + REQUEST_TIMEOUT.toSeconds() + " s trying to " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + action, e);
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for committed offsets", e);
        }
    }
}
