package dev.momo.topology;

import dev.momo.alerting.AlertSettings;
import dev.momo.metrics.MomoMetrics;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroSerde;
import dev.momo.serde.GroundTruthDecoder;
import dev.momo.serde.InferenceEventDecoder;
import dev.momo.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Momo topology, top to bottom as the data flows:
 * <ol>
 *   <li>inferences (bytes) are decoded and validated; rejects go to the dead-letter topic;</li>
 *   <li>each input partition's task cuts its events into windows in place, without repartitioning
 *       single events, and emits one partial window per model version and closed window;</li>
 *   <li>the partials are repartitioned by model id and merged per window;</li>
 *   <li>each complete window is compared with the reference: drift metrics and alerts go out.</li>
 * </ol>
 * Beside the windows, each accepted event feeds the streaming change detectors of its profile on the
 * input partition's task; their detections go out as drift metrics and alerts too.
 * Labels are decoded, validated and joined to their predictions by event id within the label delay;
 * the joined predictions feed the detectors that watch the error indicator or the loss, and windows of
 * realized performance compared with the reference's. Last, the committed alert records are read back
 * into the queryable alert view, which also hands them to the notifications, and the committed drift
 * metrics into the queryable metric view that the JSON API and the console read.
 */
public final class MomoTopology {

    private MomoTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param topics topic names
     * @param window how events are cut into windows
     * @param inputPartitions partitions of the inferences topic: the parts a time window waits for
     * @param registry schema registry for Avro input and output
     * @param metrics where counts and drift values are reported
     */
    public static Topology build(final Topics topics, final WindowSettings window, final int inputPartitions,
                                 final SchemaRegistryClient registry, final MomoMetrics metrics) {
        return build(topics, window, inputPartitions, registry, metrics, DEFAULT_LABEL_DELAY);
    }

    /** Default label delay: a label later than this after its prediction is counted, not joined. */
    public static final Duration DEFAULT_LABEL_DELAY = LabelJoinProcessor.DEFAULT_DELAY;

    /**
     * Builds the topology.
     *
     * @param topics topic names
     * @param window how events are cut into windows
     * @param inputPartitions partitions of the inferences topic: the parts a time window waits for
     * @param registry schema registry for Avro input and output
     * @param metrics where counts and drift values are reported
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     */
    public static Topology build(final Topics topics, final WindowSettings window, final int inputPartitions,
                                 final SchemaRegistryClient registry, final MomoMetrics metrics,
                                 final Duration labelDelay) {
        return build(topics, window, inputPartitions, registry, metrics, labelDelay, AlertSettings.DEFAULTS,
                alert -> { });
    }

    /**
     * Builds the topology.
     *
     * @param topics topic names
     * @param window how events are cut into windows
     * @param inputPartitions partitions of the inferences topic: the parts a time window waits for
     * @param registry schema registry for Avro input and output
     * @param metrics where counts and drift values are reported
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     * @param alerts how alerts open, resolve and link to the console
     * @param alertListener receives every alert record once it is committed to the alerts topic, for
     *     notifications. It runs on a stream thread, so it must not block.
     */
    public static Topology build(final Topics topics, final WindowSettings window, final int inputPartitions,
                                 final SchemaRegistryClient registry, final MomoMetrics metrics,
                                 final Duration labelDelay, final AlertSettings alerts,
                                 final Consumer<DriftAlert> alertListener) {
        final InferenceEventDecoder inferenceDecoder = new InferenceEventDecoder(registry);
        return build(topics, window, inputPartitions, registry, metrics, labelDelay, alerts, alertListener,
                IngestProcessor.Decoder.perRecord(inferenceDecoder::deserialize));
    }

    /**
     * Builds the topology, reading the inferences topic with {@code inferenceDecoder}: for example a
     * decoder made from an input mapping, for producers that do not write {@code InferenceEvent}.
     *
     * @param topics topic names
     * @param window how events are cut into windows
     * @param inputPartitions partitions of the inferences topic: the parts a time window waits for
     * @param registry schema registry for Avro labels and for the outputs
     * @param metrics where counts and drift values are reported
     * @param labelDelay how long a prediction waits for its label, and a label for its prediction
     * @param alerts how alerts open, resolve and link to the console
     * @param alertListener receives every alert record once it is committed to the alerts topic, for
     *     notifications. It runs on a stream thread, so it must not block.
     * @param inferenceDecoder turns each inferences record into its events; the topology validates
     *     them and sends records that fail to the dead-letter topic
     */
    public static Topology build(final Topics topics, final WindowSettings window, final int inputPartitions,
                                 final SchemaRegistryClient registry, final MomoMetrics metrics,
                                 final Duration labelDelay, final AlertSettings alerts,
                                 final Consumer<DriftAlert> alertListener,
                                 final IngestProcessor.Decoder<InferenceEvent> inferenceDecoder) {
        final StreamsBuilder builder = new StreamsBuilder();
        addReferences(builder, topics);
        // Cached stores: a row buffered and deleted, or a counter overwritten, within one commit interval
        // never reaches RocksDB or the changelog.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.WINDOW_BUFFER), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(store(StoreNames.WINDOW_OPEN));
        builder.addStateStore(store(StoreNames.WINDOW_MERGE));
        builder.addStateStore(store(StoreNames.ALERT_STATE));
        builder.addStateStore(store(StoreNames.DETECTOR_STATE));
        builder.addStateStore(store(StoreNames.LABEL_PENDING));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PERFORMANCE_BUFFER), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(store(StoreNames.PERFORMANCE_OPEN));
        builder.addStateStore(store(StoreNames.PERFORMANCE_ALERTS));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.LABEL_DEADLINES), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled());

        final KStream<String, Ingested<InferenceEvent>> events = builder
                .stream(topics.inferences(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("momo-inferences-source"))
                .process(() -> new IngestProcessor<>(EventValidation.validating(inferenceDecoder),
                        InferenceEvent::getModelId, metrics, true), Named.as("momo-ingest-inferences"));
        final KStream<String, Ingested<InferenceEvent>> accepted = routeRejects(events, topics, "inferences");

        final Map<String, KStream<String, WindowOutput>> windowed = accepted.process(
                () -> new WindowProcessor(window, metrics), Named.as("momo-window"),
                StoreNames.WINDOW_BUFFER, StoreNames.WINDOW_OPEN)
                .split(Named.as("momo-window-"))
                .branch((key, value) -> value.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("partials"));
        windowed.get("momo-window-rejected")
                .map((key, value) -> KeyValue.pair(value.rawKey(), value.bytes()), Named.as("momo-window-rejected-raw"))
                .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("momo-window-dlq-sink"));
        final KStream<String, SpecificRecord> outputs = windowed.get("momo-window-partials")
                .mapValues(WindowOutput::bytes, Named.as("momo-window-partial-bytes"))
                .repartition(Repartitioned.<String, byte[]>as(StoreNames.WINDOW_PARTIALS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                .process(() -> new MergeProcessor(window, inputPartitions, metrics, alerts), Named.as("momo-merge"),
                        StoreNames.WINDOW_MERGE, StoreNames.ALERT_STATE);

        writeOutputs(outputs, topics, registry, "momo-output-");

        final GroundTruthDecoder labelDecoder = new GroundTruthDecoder(registry);
        final KStream<String, Ingested<GroundTruth>> labels = builder
                .stream(topics.labels(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("momo-labels-source"))
                .process(() -> new IngestProcessor<>(IngestProcessor.Decoder.perRecord(labelDecoder::deserialize),
                                GroundTruth::getModelId, metrics, false),
                        Named.as("momo-ingest-labels"));
        final KStream<String, Ingested<GroundTruth>> acceptedLabels = routeRejects(labels, topics, "labels")
                .peek((model, label) -> metrics.labelReceived(model), Named.as("momo-count-labels"));

        // Labels meet their predictions on the input partition of their model id.
        final KStream<String, SpecificRecord> joinInputs = accepted
                .filter((model, event) -> !event.flush(), Named.as("momo-join-predictions"))
                .mapValues(event -> (SpecificRecord) event.value(), Named.as("momo-join-prediction-values"))
                .merge(acceptedLabels.mapValues(label -> (SpecificRecord) label.value(), Named.as("momo-join-label-values")),
                        Named.as("momo-join-inputs"));
        final KStream<String, LabeledPrediction> joined = joinInputs.process(
                () -> new LabelJoinProcessor(labelDelay, metrics), Named.as("momo-label-join"),
                StoreNames.LABEL_PENDING, StoreNames.LABEL_DEADLINES);

        // Detections stay in the input partition's sub-topology, with sinks of their own.
        final KStream<String, Object> detectorInputs = accepted
                .mapValues(event -> (Object) event, Named.as("momo-detect-events"))
                .merge(joined.mapValues(prediction -> (Object) prediction, Named.as("momo-detect-labeled")),
                        Named.as("momo-detect-inputs"));
        final KStream<String, SpecificRecord> detections = detectorInputs.process(
                () -> new DetectorProcessor(metrics, alerts), Named.as("momo-detect"), StoreNames.DETECTOR_STATE);
        writeOutputs(detections, topics, registry, "momo-detector-output-");

        final KStream<String, SpecificRecord> performance = joined.process(() -> new PerformanceProcessor(metrics, alerts),
                Named.as("momo-performance"), StoreNames.PERFORMANCE_BUFFER, StoreNames.PERFORMANCE_OPEN,
                StoreNames.PERFORMANCE_ALERTS);
        writeOutputs(performance, topics, registry, "momo-performance-output-");

        AlertView.addTo(builder, topics, registry, alertListener, AlertView.DEFAULT_RETENTION, metrics);
        MetricView.addTo(builder, topics, registry, MetricView.DEFAULT_RETENTION);
        return builder.build();
    }

    /** Sends drift metrics and alerts to their topics. */
    private static void writeOutputs(final KStream<String, SpecificRecord> outputs, final Topics topics,
                                     final SchemaRegistryClient registry, final String prefix) {
        final Map<String, KStream<String, SpecificRecord>> byType = outputs.split(Named.as(prefix))
                .branch((key, value) -> value instanceof DriftMetric, Branched.as("metrics"))
                .defaultBranch(Branched.as("alerts"));
        byType.get(prefix + "metrics")
                .mapValues(value -> (DriftMetric) value, Named.as(prefix + "as-metric"))
                .to(topics.driftMetrics(), Produced.with(Serdes.String(), new AvroSerde<>(DriftMetric.class, registry))
                        .withName(prefix + "drift-metrics-sink"));
        byType.get(prefix + "alerts")
                .mapValues(value -> (DriftAlert) value, Named.as(prefix + "as-alert"))
                .to(topics.alerts(), Produced.with(Serdes.String(), new AvroSerde<>(DriftAlert.class, registry))
                        .withName(prefix + "alerts-sink"));
    }

    /** Sends rejected records to the dead-letter topic and returns the rest. */
    private static <T> KStream<String, Ingested<T>> routeRejects(final KStream<String, Ingested<T>> ingested,
                                                                 final Topics topics, final String source) {
        final String prefix = "momo-" + source + "-";
        final Map<String, KStream<String, Ingested<T>>> branches = ingested.split(Named.as(prefix))
                .branch((key, value) -> value.isRejected(), Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get(prefix + "rejected")
                .map((key, value) -> KeyValue.pair(value.rawKey(), value.rawValue()), Named.as(prefix + "raw"))
                .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(prefix + "dlq-sink"));
        return branches.get(prefix + "accepted");
    }

    /**
     * Adds the global store {@link StoreNames#REFERENCES}, a copy of the references topic that every task
     * and the API read: source {@code momo-references-source}.
     */
    public static void addReferences(final StreamsBuilder builder, final Topics topics) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.REFERENCES),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                topics.references(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("momo-references-source"),
                ReferenceLoader::new);
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /** Feeds the global reference store; every record is kept as it is, tombstones delete. */
    private static final class ReferenceLoader implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(StoreNames.REFERENCES);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }

}
