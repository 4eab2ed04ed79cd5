package dev.momo.load;

import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.ReferenceKeys;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end throughput of the Momo topology against a pass-through topology, on one in-process
 * broker on 127.0.0.1 in this JVM.
 *
 * <p>The input is published first and not timed: seeded synthetic inference events (20 numeric and
 * 5 categorical features, a prediction and a probability) in Avro wire format, spread evenly over the
 * partitions. Then, in each of {@code --warmup-rounds} unmeasured and {@code --rounds} measured
 * rounds, a new application of each kind reads the whole input, one after the other: the
 * pass-through, Momo with count windows, and (with {@code --time-windows}) Momo with time windows.
 * Every run uses {@code exactly_once_v2} with the same stream threads and commit interval. See
 * {@link TimedRuns} for what the clock measures.
 *
 * <p>Expected output. Count windows hold {@code --window-size} events of one input partition, and only
 * full windows close, so partition p yields floor(events_p / size) windows. Time windows last
 * {@code --window-size} ms with no grace period; events are 1 ms apart and the first is aligned to a
 * window start, so with N a multiple of the size there are N / size windows, each with events of
 * every partition, and all but the last close (no event passes the last window's end). Each window
 * yields {@link DriftEvaluator#recordsPerWindow} drift metrics. With the defaults (500000 events, 4
 * partitions, windows of 5000, 81 checks) that is 100 count windows and 8100 metrics, and 99 time
 * windows and 8019 metrics.
 */
@Command(name = "throughput-benchmark", mixinStandardHelpOptions = true,
        description = "Time Momo and a pass-through Kafka Streams topology over the same pre-loaded input on an"
                + " in-process broker on 127.0.0.1, check their output, and print events per second.")
public final class ThroughputBenchmark implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputBenchmark.class);
    private static final String REGISTRY_SCOPE = "momo-bench";
    private static final String REGISTRY_URL = SchemaRegistries.MOCK_SCHEME + REGISTRY_SCOPE;
    private static final String INPUT_TOPIC = Topics.DEFAULTS.inferences();
    private static final String PASS_THROUGH = "pass-through";
    private static final String MOMO_COUNT = "Momo, count windows";
    private static final String MOMO_TIME = "Momo, time windows";
    /** Momo's throughput must be at least this share of the pass-through's. */
    private static final double GOAL_RATIO = 0.5;

    @Option(names = "--events", paramLabel = "N", defaultValue = "500000",
            description = "Inference events to publish and process (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "4",
            description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Stream threads of every run; Momo's default is 1 (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "100",
            description = "commit.interval.ms of every run; Kafka Streams' default under exactly_once_v2 is 100"
                    + " (default: ${DEFAULT-VALUE}).")
    private int commitIntervalMs;

    @Option(names = "--window-size", paramLabel = "EVENTS", defaultValue = "5000",
            description = "Events per count window, and milliseconds per time window (default: ${DEFAULT-VALUE}).")
    private int windowSize;

    @Option(names = "--no-detectors",
            description = "Build the profile without its default change detector (ADWIN on the probability), to"
                    + " measure what the detector costs.")
    private boolean noDetectors;

    @Option(names = "--time-windows",
            description = "Also time Momo with time windows of --window-size ms (each contains --window-size events).")
    private boolean timeWindows;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Measured times to run each application in turn over the same input; the report gives"
                    + " medians (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--warmup-rounds", paramLabel = "W", defaultValue = "1",
            description = "Rounds before the measured ones, reported but left out of the medians, so that the JIT"
                    + " has compiled the hot paths of broker, clients and topologies (default: ${DEFAULT-VALUE}).")
    private int warmupRounds;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory for the runs' state stores, each in a new subdirectory deleted after the run"
                    + " (default: the system temporary directory).")
    private Path stateDirParent = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "Kafka Streams, consumer or producer setting for every run, applied after Momo's own;"
                    + " repeatable. For experiments: the result no longer measures Momo's configuration.")
    private Map<String, String> streamsConfig = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the events; the reference uses seed + 1 (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Maximum seconds that one run may take to process the input (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--max-runtime", paramLabel = "SECONDS", defaultValue = "2400",
            description = "Seconds after which the whole benchmark exits with code 3, whatever it is doing"
                    + " (default: ${DEFAULT-VALUE}).")
    private int maxRuntimeSeconds;

    public static void main(final String[] args) {
        final int exitCode = new CommandLine(new ThroughputBenchmark())
                .setExecutionExceptionHandler(ThroughputBenchmark::failed)
                .execute(args);
        // The broker's threads are not daemons: exit explicitly so that a thread left behind cannot keep the JVM up.
        System.exit(exitCode);
    }

    /** Prints invalid options as one line (exit code 2) and logs other failures with their cause (exit code 1). */
    private static int failed(final Exception e, final CommandLine command, final CommandLine.ParseResult result) {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        LOG.error("Benchmark failed", e);
        return CommandLine.ExitCode.SOFTWARE;
    }

    @Override
    public Integer call() {
        validate();
        Watchdog.start(Duration.ofSeconds(maxRuntimeSeconds));
        final Machine machine = Machine.current();
        final SchemaRegistryClient registry = SchemaRegistries.forUrl(REGISTRY_URL);
        final Map<String, List<RunResult>> warmups = new LinkedHashMap<>();
        final Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        final InputLoader.Published input;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             OffsetWatcher watcher = new OffsetWatcher(broker.bootstrapServers())) {
            broker.createTopic(INPUT_TOPIC, partitions, Map.of("retention.ms", "-1"));
            for (final String topic : List.of(Topics.DEFAULTS.labels(), Topics.DEFAULTS.references())) {
                broker.createTopic(topic, 1, Topics.DEFAULTS.configs().get(topic));
            }

            // Aligned to a time-window start and in the past, so that no timestamp is ahead of the broker's clock.
            final long firstEventTime = Math.floorDiv(System.currentTimeMillis() - events - 2L * windowSize,
                    windowSize) * windowSize;
            input = InputLoader.publish(broker.bootstrapServers(), INPUT_TOPIC, partitions, events, seed,
                    firstEventTime, registry);
            final Map<TopicPartition, Long> inputEnds = watcher.endOffsets(INPUT_TOPIC, partitions);
            checkInput(inputEnds, input.perPartition());

            final ReferenceProfile profile = buildReference();
            publishReference(broker.bootstrapServers(), profile);
            final int checks = DriftEvaluator.recordsPerWindow(profile);
            LOG.info("Reference profile has {} columns and {} checks per window", profile.columns().size(), checks);
            long countWindows = 0;
            for (final long partitionEvents : input.perPartition()) {
                countWindows += partitionEvents / windowSize;
            }

            final TimedRuns timedRuns = new TimedRuns(new TimedRuns.Config(broker, INPUT_TOPIC, inputEnds, threads,
                    commitIntervalMs, Duration.ofSeconds(timeoutSeconds), stateDirParent, streamsConfig), watcher);
            for (int round = 1 - warmupRounds; round <= rounds; round++) {
                final String label = round < 1 ? "w" + (round + warmupRounds) : "r" + round;
                final Map<String, List<RunResult>> results = round < 1 ? warmups : runs;
                final String prefix = "bench." + label + ".";
                broker.createTopic(prefix + "pass-through", partitions, Map.of("retention.ms", "-1"));
                add(results, timedRuns.passThrough(PASS_THROUGH, "momo-bench-" + label + "-pass-through",
                        prefix + "pass-through"));
                add(results, timedRuns.momo(MOMO_COUNT, "momo-bench-" + label + "-count",
                        runTopics(broker, prefix + "count."), WindowSettings.count(windowSize), registry, countWindows,
                        checks, windowSize));
                if (timeWindows) {
                    add(results, timedRuns.momo(MOMO_TIME, "momo-bench-" + label + "-time",
                            runTopics(broker, prefix + "time."),
                            WindowSettings.time(Duration.ofMillis(windowSize), Duration.ZERO), registry,
                            events / windowSize - 1, checks, windowSize));
                }
            }
        } finally {
            SchemaRegistries.dropScope(REGISTRY_SCOPE);
        }

        new BenchmarkReport(events, input.valueBytes() / events, partitions, threads, commitIntervalMs, machine,
                GOAL_RATIO).print(System.out, warmups, runs, PASS_THROUGH, MOMO_COUNT);
        final boolean outputsExact = Stream.of(warmups, runs).flatMap(map -> map.values().stream())
                .flatMap(List::stream)
                .allMatch(result -> result.problems().isEmpty());
        return outputsExact ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static void add(final Map<String, List<RunResult>> runs, final RunResult result) {
        runs.computeIfAbsent(result.name(), name -> new ArrayList<>()).add(result);
    }

    private void validate() {
        if (events < 1 || events > 100_000_000) {
            throw new IllegalArgumentException("--events must be between 1 and 100000000, got " + events);
        }
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions must be between 1 and 64, got " + partitions);
        }
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be between 1 and 20, got " + rounds);
        }
        if (warmupRounds < 0 || warmupRounds > 5) {
            throw new IllegalArgumentException("--warmup-rounds must be between 0 and 5, got " + warmupRounds);
        }
        if (windowSize < 10) {
            throw new IllegalArgumentException("--window-size must be at least 10, got " + windowSize);
        }
        if (events / partitions < windowSize) {
            throw new IllegalArgumentException("--events " + events + " over " + partitions + " partitions fill no"
                    + " count window of " + windowSize + " events; raise --events or lower --window-size");
        }
        if (timeWindows && (events % windowSize != 0 || events / windowSize < 2 || windowSize < partitions)) {
            throw new IllegalArgumentException("--time-windows needs --events to be a multiple of --window-size, at"
                    + " least twice it, and --window-size >= --partitions, so that the expected output is exact");
        }
        if (events % ((long) partitions * windowSize) != 0) {
            LOG.warn("--events {} is not a multiple of {} partitions x {} events: the events beyond the last full"
                    + " count window of each partition are processed but close no window", events, partitions, windowSize);
        }
        if (commitIntervalMs < 1 || timeoutSeconds < 1 || maxRuntimeSeconds <= timeoutSeconds) {
            throw new IllegalArgumentException("--commit-interval-ms and --timeout must be positive, and --max-runtime"
                    + " greater than --timeout");
        }
    }

    private static void checkInput(final Map<TopicPartition, Long> ends, final long[] perPartition) {
        for (int p = 0; p < perPartition.length; p++) {
            final long end = ends.get(new TopicPartition(INPUT_TOPIC, p));
            if (end != perPartition[p]) {
                throw new IllegalStateException("partition " + p + " of " + INPUT_TOPIC + " ends at offset " + end
                        + " but " + perPartition[p] + " events were sent to it; see the log above for failed sends");
            }
        }
    }

    /** Builds the synthetic model's reference from 10 window sizes of rows, with thresholds from chunks of one window. */
    private ReferenceProfile buildReference() {
        final ProfileOptions options = new ProfileOptions(SyntheticModel.MODEL_ID, SyntheticModel.MODEL_VERSION, null,
                SyntheticModel.PREDICTION, SyntheticModel.PROBABILITY, null, Set.of(), Set.of(), Set.of(), windowSize,
                ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        return new ProfileBuilder(noDetectors ? options.withDetectors(java.util.List.of()) : options)
                .build(SyntheticModel.referenceTable(windowSize * 10, seed + 1), chunk -> { });
    }

    private static void publishReference(final String bootstrapServers, final ReferenceProfile profile) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEFAULTS.references(),
                    ReferenceKeys.of(profile.modelId(), profile.modelVersion()), ProfileJson.toBytes(profile)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("failed to publish the reference profile: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the reference profile", e);
        }
    }

    /** Creates empty output topics named {@code PREFIX...} for one run and returns the default topics with them. */
    private static Topics runTopics(final EmbeddedKafkaBroker broker, final String prefix) {
        final Topics defaults = Topics.DEFAULTS;
        final Topics topics = new Topics(defaults.inferences(), defaults.labels(), defaults.references(),
                prefix + "drift-metrics", prefix + "alerts", prefix + "dlq");
        for (final String topic : List.of(topics.driftMetrics(), topics.alerts(), topics.deadLetters())) {
            broker.createTopic(topic, 1, topics.configs().get(topic));
        }
        return topics;
    }

    /** Ends the JVM when the benchmark runs longer than allowed, even if a close() hangs. */
    private static final class Watchdog {

        static void start(final Duration limit) {
            final Thread thread = new Thread(() -> {
                try {
                    Thread.sleep(limit.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                LOG.error("The benchmark ran longer than --max-runtime {} s; exiting with code 3", limit.toSeconds());
                final Thread halt = new Thread(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    // Reached only when the shutdown hooks, which stop the broker, hang.
                    Runtime.getRuntime().halt(3);
                }, "momo-bench-halt");
                halt.setDaemon(true);
                halt.start();
                System.exit(3);
            }, "momo-bench-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
