package dev.momo.analyze;

import dev.momo.app.Directories;
import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.table.CsvTable;
import dev.momo.topology.DeadLetterHeaders;
import dev.momo.topology.DetectorProcessor;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Momo topology over a file on an in-process broker: the rows are published in file order to
 * a one-partition inferences topic, followed by a flush control record, and the topology cuts them into
 * count windows of {@code chunkSize} rows (the last may be shorter). Returns the drift metrics and
 * alerts the topology wrote, ordered by window, profile column and statistic.
 */
public final class FileAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(FileAnalysis.class);

    /** Output of the topology for the file. */
    public record Result(List<DriftMetric> metrics, List<DriftAlert> alerts, long rows, long windows) {
    }

    private FileAnalysis() {
    }

    /**
     * @param profile reference of the model version the rows belong to
     * @param table the rows, with the profile's columns
     * @param chunkSize rows per window
     * @param timeout how long to wait for the topology's output before failing
     * @param progress receives the number of rows published so far
     */
    public static Result run(final ReferenceProfile profile, final CsvTable table, final int chunkSize,
                             final Duration timeout, final IntConsumer progress) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 row, got " + chunkSize);
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(table.source() + " has a header but no rows");
        }
        final RowEvents rowEvents = new RowEvents(profile, table);
        if (!rowEvents.absentColumns().isEmpty()) {
            LOG.warn("Columns {} of the profile are not in {}: events do not carry them, so their absent_rate is 1",
                    rowEvents.absentColumns(), table.source());
        }
        final String runId = UUID.randomUUID().toString();
        final String registryUrl = SchemaRegistries.MOCK_SCHEME + "momo-analyze-" + runId;
        final SchemaRegistryClient registry = SchemaRegistries.forUrl(registryUrl);
        final Topics topics = Topics.DEFAULTS;
        final Path stateDir = createTempDir("momo-analyze-state-");

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MomoMetrics metrics = new MomoMetrics()) {
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 1, configs));
            publish(broker.bootstrapServers(), topics, registry, profile, rowEvents, table.rowCount(), progress);

            final StreamsSettings settings = new StreamsSettings("momo-analyze-" + runId, broker.bootstrapServers(),
                    stateDir, 1, Map.of("commit.interval.ms", "100"));
            final long windows = (table.rowCount() + chunkSize - 1) / chunkSize;
            // Performance windows hold the profile's chunk size of labelled rows; a last partial one stays open.
            final long performanceWindows = profile.performance() == null ? 0
                    : labelledRows(rowEvents, table.rowCount()) / profile.chunkSize();
            // Every drift window also carries CBPE's estimates when the profile has a CBPE model.
            final long expectedMetrics = windows * DriftEvaluator.recordsPerWindow(profile)
                    + (profile.performance() == null ? 0
                            : performanceWindows * profile.performance().thresholds().size()
                                    + windows * profile.performance().estimatedThresholds().size());
            try (MomoApplication app = new MomoApplication(settings, topics, WindowSettings.count(chunkSize),
                    1, registry, metrics)) {
                app.start(Duration.ofSeconds(60));
                // Detections come from the input partition's task, before the window metrics that follow them
                // through the repartition topic, so counting only window metrics waits for both.
                final List<DriftMetric> driftMetrics = consume(broker.bootstrapServers(), topics.driftMetrics(),
                        new AvroDeserializer<>(DriftMetric.class, registry), expectedMetrics, FileAnalysis::windowMetric,
                        timeout);
                final List<DriftAlert> alerts = consume(broker.bootstrapServers(), topics.alerts(),
                        new AvroDeserializer<>(DriftAlert.class, registry), Long.MAX_VALUE, alert -> true,
                        Duration.ofSeconds(1));
                return new Result(ordered(profile, driftMetrics), alerts, table.rowCount(), windows);
            }
        } finally {
            SchemaRegistries.dropScope("momo-analyze-" + runId);
            Directories.deleteRecursively(stateDir);
        }
    }

    private static void publish(final String bootstrap, final Topics topics, final SchemaRegistryClient registry,
                                final ReferenceProfile profile, final RowEvents rowEvents, final int rows,
                                final IntConsumer progress) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry);
             AvroSerializer<GroundTruth> labelSerializer = new AvroSerializer<>(registry)) {
            producer.send(ReferencePublisher.record(topics, profile));
            for (int i = 0; i < rows; i++) {
                final InferenceEvent event = rowEvents.event(i);
                producer.send(new ProducerRecord<>(topics.inferences(), event.getModelId(),
                        serializer.serialize(topics.inferences(), event)));
                final GroundTruth label = rowEvents.label(i);
                if (label != null) {
                    producer.send(new ProducerRecord<>(topics.labels(), label.getModelId(),
                            labelSerializer.serialize(topics.labels(), label)));
                }
                if ((i + 1) % 10_000 == 0) {
                    progress.accept(i + 1);
                }
            }
            final ProducerRecord<String, byte[]> flush = new ProducerRecord<>(topics.inferences(),
                    profile.modelId(), new byte[0]);
            flush.headers().add(DeadLetterHeaders.CONTROL,
                    DeadLetterHeaders.CONTROL_FLUSH.getBytes(StandardCharsets.UTF_8));
            producer.send(flush);
            producer.flush();
            if (rows % 10_000 != 0) {
                progress.accept(rows);
            }
        }
    }

    private static long labelledRows(final RowEvents rowEvents, final int rows) {
        long labelled = 0;
        for (int i = 0; i < rows; i++) {
            labelled += rowEvents.label(i) == null ? 0 : 1;
        }
        return labelled;
    }

    private static boolean windowMetric(final DriftMetric metric) {
        return !DetectorProcessor.THRESHOLD_SOURCE.equals(metric.getThresholdSource());
    }

    /**
     * Reads committed records from the start of a one-partition topic until {@code expected} records that
     * {@code counted} accepts arrived or the time is up.
     */
    private static <T> List<T> consume(final String bootstrap, final String topic,
                                       final org.apache.kafka.common.serialization.Deserializer<T> deserializer,
                                       final long expected, final Predicate<T> counted, final Duration timeout) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
        final List<T> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long deadline = System.nanoTime() + timeout.toNanos();
            long countedValues = 0;
            while (countedValues < expected && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final T value = deserializer.deserialize(topic, record.value());
                    values.add(value);
                    countedValues += counted.test(value) ? 1 : 0;
                }
            }
            if (expected != Long.MAX_VALUE && countedValues < expected) {
                throw new IllegalStateException("the topology wrote " + countedValues + " of " + expected
                    + " expected records to " + topic + " within " + timeout.toSeconds()
                        + " s; rerun with a longer --timeout or look for errors in the log above");
            }
        }
        return values;
    }

    /** Window metrics by window and column, then detections by the index of the value that triggered them. */
    private static List<DriftMetric> ordered(final ReferenceProfile profile, final List<DriftMetric> metrics) {
        final List<String> columnOrder = profile.columns().stream().map(ColumnProfile::name).toList();
        final List<DriftMetric> sorted = new ArrayList<>(metrics);
        sorted.sort(Comparator.comparing((DriftMetric m) -> !windowMetric(m))
                .thenComparingLong(DriftMetric::getWindowIndex)
                // Records of no profile column (new features, the data set, performance) follow the columns.
                .thenComparingInt(m -> columnOrder.contains(m.getFeature()) ? columnOrder.indexOf(m.getFeature())
                        : Integer.MAX_VALUE));
        return sorted;
    }

    private static Path createTempDir(final String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the state stores", e);
        }
    }
}
