package dev.momo.load;

import dev.momo.app.MomoApplication;
import dev.momo.app.StreamsSettings;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.schema.DriftMetric;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one application at a time over the pre-loaded input, times it, and checks its output.
 *
 * <p>From {@code KafkaStreams.start()} on, the committed offsets of the application on the input are
 * polled every 50 ms. The clock starts at the first poll that returns committed records and stops at
 * the poll that returns the input's end offsets. The records of the first commit are not counted.
 * This leaves out the start-up (group join, restoring the global reference store) and holds with
 * several stream threads, which may process before the client as a whole reaches RUNNING. Both ends of the interval
 * are late by up to 50 ms plus one admin request, so the error is a few percent for runs of about
 * 2 s and less for longer ones.
 */
final class TimedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(TimedRuns.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_QUIET = Duration.ofSeconds(2);
    private static final Duration OUTPUT_READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Settings that every timed application shares.
     *
     * @param stateDirParent directory in which each run gets a new state directory, deleted after the run
     * @param streamsConfig further Kafka Streams properties, applied after the commit interval
     */
    record Config(EmbeddedKafkaBroker broker, String inputTopic, Map<TopicPartition, Long> inputEnds, int threads,
                  int commitIntervalMs, Duration timeout, Path stateDirParent, Map<String, String> streamsConfig) {
    }

    private final Config config;
    private final OffsetWatcher watcher;

    TimedRuns(final Config config, final OffsetWatcher watcher) {
        this.config = config;
        this.watcher = watcher;
    }

    /**
     * Copies the input to {@code outputTopic} with a new application and checks that exactly the
     * input's record count arrived.
     */
    RunResult passThrough(final String name, final String applicationId, final String outputTopic) {
        final long events = inputRecords();
        final Path stateDir = createStateDir();
        final KafkaStreams streams = new KafkaStreams(PassThroughTopology.build(config.inputTopic(), outputTopic),
                PassThroughTopology.properties(settings(applicationId, stateDir)));
        final long startNanos;
        final OffsetWatcher.Commits commits;
        try {
            LOG.info("Starting the run '{}'", name);
            startNanos = System.nanoTime();
            streams.start();
            commits = watcher.awaitCommitted(applicationId, config.inputEnds(), streams, config.timeout());
        } finally {
            close(streams, applicationId);
            deleteRecursively(stateDir);
        }

        final long outputs = OutputReader.read(config.broker().bootstrapServers(), outputTopic, events, OUTPUT_QUIET,
                OUTPUT_READ_TIMEOUT, record -> { });
        final List<String> problems = outputs == events ? List.of()
                : List.of(outputs + " committed records in " + outputTopic + ", expected exactly " + events);
        problems.forEach(problem -> LOG.error("Run '{}': {}", name, problem));
        return result(name, startNanos, commits, outputs, watcher.endOffsetSum(applicationId + "-"), Long.MIN_VALUE,
                problems);
    }

    /**
     * Runs the Momo topology with a new application and checks its output with
     * {@link DriftMetricCheck}, and that it rejected no event.
     *
     * @param topics topic names of this run; the output topics must exist and be empty
     */
    RunResult momo(final String name, final String applicationId, final Topics topics, final WindowSettings window,
                   final SchemaRegistryClient registry, final long expectedWindows, final int checksPerWindow,
                   final long eventsPerWindow) {
        final long events = inputRecords();
        final long expectedMetrics = expectedWindows * checksPerWindow;
        final Path stateDir = createStateDir();
        final long startNanos;
        final OffsetWatcher.Commits commits;
        try (MomoMetrics metrics = new MomoMetrics();
             MomoApplication app = new MomoApplication(settings(applicationId, stateDir), topics, window,
                     config.inputEnds().size(), registry, metrics)) {
            LOG.info("Starting the run '{}'", name);
            startNanos = System.nanoTime();
            // Not app.start(), which blocks until RUNNING: the offsets are polled from the start instead.
            app.streams().start();
            commits = watcher.awaitCommitted(applicationId, config.inputEnds(), app.streams(), config.timeout());
            // The merge step computes the last windows after the input is committed: wait for its output
            // before closing, or the last partial windows stay unprocessed in the repartition topic.
            OutputReader.read(config.broker().bootstrapServers(), topics.driftMetrics(), expectedMetrics,
                    OUTPUT_QUIET, config.timeout(), record -> { });
        } finally {
            deleteRecursively(stateDir);
        }

        final DriftMetricCheck check = new DriftMetricCheck(expectedWindows, checksPerWindow, eventsPerWindow);
        final AvroDeserializer<DriftMetric> deserializer = new AvroDeserializer<>(DriftMetric.class, registry);
        final long metrics = OutputReader.read(config.broker().bootstrapServers(), topics.driftMetrics(),
                expectedMetrics, OUTPUT_QUIET, OUTPUT_READ_TIMEOUT,
                record -> check.add(deserializer.deserialize(topics.driftMetrics(), record.value()), record.timestamp()));
        final long rejected = OutputReader.read(config.broker().bootstrapServers(), topics.deadLetters(), 0,
                OUTPUT_QUIET, OUTPUT_READ_TIMEOUT, record -> { });
        final List<String> problems = new ArrayList<>(check.problems());
        if (rejected != 0) {
            problems.add(rejected + " records in the dead-letter topic " + topics.deadLetters());
        }
        problems.forEach(problem -> LOG.error("Run '{}': {}", name, problem));
        return result(name, startNanos, commits, metrics, watcher.endOffsetSum(applicationId + "-"),
                check.lastTimestamp() - commits.doneMillis(), problems);
    }

    private long inputRecords() {
        return config.inputEnds().values().stream().mapToLong(Long::longValue).sum();
    }

    private StreamsSettings settings(final String applicationId, final Path stateDir) {
        final Map<String, String> overrides = new HashMap<>();
        overrides.put("commit.interval.ms", String.valueOf(config.commitIntervalMs()));
        overrides.putAll(config.streamsConfig());
        return new StreamsSettings(applicationId, config.broker().bootstrapServers(), stateDir, config.threads(),
                overrides);
    }

    private RunResult result(final String name, final long startNanos, final OffsetWatcher.Commits commits,
                             final long outputRecords, final long internalOffsets, final long lastOutputMillis,
                             final List<String> problems) {
        final long events = inputRecords();
        if (commits.firstCommitted() == events) {
            // NOTE: timed from start() instead, so start-up counts as processing time.
            LOG.warn("Run '{}' committed its whole input in its first commit; it is timed from start(), which"
                    + " includes the start-up. Raise --events for a meaningful rate", name);
            return new RunResult(name, events, events, commits.firstNanos() - startNanos,
                    commits.doneNanos() - startNanos, -1, outputRecords, internalOffsets, lastOutputMillis, problems);
        }
        return new RunResult(name, events, events - commits.firstCommitted(), commits.firstNanos() - startNanos,
                commits.doneNanos() - commits.firstNanos(), commits.doneCpuNanos() - commits.firstCpuNanos(),
                outputRecords, internalOffsets, lastOutputMillis, problems);
    }

    private static void close(final KafkaStreams streams, final String applicationId) {
        final boolean stopped = streams.close(CloseOptions
                .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (!stopped) {
            LOG.warn("Application {} did not stop within {} s", applicationId, CLOSE_TIMEOUT.toSeconds());
        }
    }

    private Path createStateDir() {
        try {
            return Files.createTempDirectory(config.stateDirParent(), "momo-bench-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create a temporary state directory", e);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (var paths = Files.walk(dir)) {
            final List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Failed to delete temporary state directory {}: {}", dir, e.toString());
        }
    }
}
