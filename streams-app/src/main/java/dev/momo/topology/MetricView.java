package dev.momo.topology;

import dev.momo.serde.AvroClassTrust;
import dev.momo.serde.AvroSerde;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.schema.DriftMetric;
import dev.momo.view.VersionActivity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queryable view of drift metrics, which the JSON API and the console read: a sub-topology that reads the
 * drift-metrics topic back into the persistent store {@value #STORE}, partitioned like the topic, by model id.
 * Keys are strings whose parts are separated by {@code '\u0000'}:
 * <ul>
 *   <li>{@code \u0001 model version}: the version's {@link VersionActivity}; a prefix scan over
 *       {@link #ACTIVITY_PREFIX} lists every version of the task's models;</li>
 *   <li>{@code model l version feature statistic}: the latest record of each check;</li>
 *   <li>{@code model h version feature statistic window partition}: the last {@value #HISTORY_WINDOWS}
 *       windows of each check and input partition ({@code -} for time windows), the window index as 16 hex
 *       digits so that keys sort by window;</li>
 *   <li>{@code model d version feature}: the latest record that carries the feature's distribution.</li>
 * </ul>
 * Records are stored in Avro single-object encoding of the current {@link DriftMetric} schema, the
 * distribution only under its own key.
 *
 * <p>Every hour of wall-clock time, each task deletes the versions whose latest record was computed longer
 * ago than the retention, with all their entries.
 */
public final class MetricView {

    /** Name of the store, and so of its changelog topic. */
    public static final String STORE = StoreNames.METRIC_VIEW;
    /** How long a version stays queryable after its latest drift metric. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Windows of history kept per check and input partition. */
    public static final int HISTORY_WINDOWS = 500;
    /** Prefix of the activity keys. */
    public static final String ACTIVITY_PREFIX = "\u0001";

    private static final char SEPARATOR = '\u0000';
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(MetricView.class);

    static {
        AvroClassTrust.trustSchemaPackage();
    }

    private static final BinaryMessageEncoder<DriftMetric> ENCODER = DriftMetric.getEncoder();
    // NOTE: reads only records written with the current DriftMetric schema. When the schema changes, add the
    // one it replaces with DECODER.addSchema, because otherwise the stored view stops decoding until it is rebuilt.
    private static final BinaryMessageDecoder<DriftMetric> DECODER = DriftMetric.getDecoder();

    private MetricView() {
    }

    /**
     * Adds the view: source {@code momo-metric-view-source} on the drift-metrics topic, processor
     * {@code momo-metric-view-upsert} and the store {@value #STORE}.
     *
     * @param retention how long a version without new records stays in the store, at least one minute
     */
    public static void addTo(final StreamsBuilder builder, final Topics topics, final SchemaRegistryClient registry,
                             final Duration retention) {
        if (retention == null || retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("metric retention must be at least 1 minute, got " + retention);
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        final Deserializer<DriftMetric> deserializer = new AvroSerde<>(DriftMetric.class, registry).deserializer();
        builder.stream(topics.driftMetrics(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("momo-metric-view-source"))
                .process(() -> new UpsertProcessor(deserializer, retention), Named.as("momo-metric-view-upsert"), STORE);
    }

    /** Key of a version's activity. */
    public static String activityKey(final String model, final String version) {
        return ACTIVITY_PREFIX + model + SEPARATOR + version;
    }

    /** Splits an activity key into model and version. */
    public static String[] splitActivityKey(final String key) {
        final int separator = key.indexOf(SEPARATOR, ACTIVITY_PREFIX.length());
        return new String[] {key.substring(ACTIVITY_PREFIX.length(), separator), key.substring(separator + 1)};
    }

    /** Prefix of the latest records of a version's checks. */
    public static String latestPrefix(final String model, final String version) {
        return model + SEPARATOR + "l" + SEPARATOR + version + SEPARATOR;
    }

    /** Prefix of the latest records of one feature's checks. */
    public static String latestPrefix(final String model, final String version, final String feature) {
        return latestPrefix(model, version) + feature + SEPARATOR;
    }

    /** Prefix of the history of one feature of a version, all checks. */
    public static String historyPrefix(final String model, final String version, final String feature) {
        return model + SEPARATOR + "h" + SEPARATOR + version + SEPARATOR + feature + SEPARATOR;
    }

    /** Key of the latest distribution of a feature. */
    public static String distributionKey(final String model, final String version, final String feature) {
        return model + SEPARATOR + "d" + SEPARATOR + version + SEPARATOR + feature;
    }

    private static String latestKey(final DriftMetric metric) {
        return latestPrefix(metric.getModelId(), metric.getModelVersion(), metric.getFeature()) + metric.getStatistic();
    }

    private static String historyKey(final DriftMetric metric, final long windowIndex) {
        return historyPrefix(metric.getModelId(), metric.getModelVersion(), metric.getFeature())
                + metric.getStatistic() + SEPARATOR + String.format(Locale.ROOT, "%016x", windowIndex) + SEPARATOR
                + (metric.getInputPartition() == null ? "-" : metric.getInputPartition().toString());
    }

    /** Every key prefix with entries of one version, for deleting it. */
    private static List<String> versionPrefixes(final String model, final String version) {
        final List<String> prefixes = new ArrayList<>();
        for (final String kind : new String[] {"l", "h", "d"}) {
            prefixes.add(model + SEPARATOR + kind + SEPARATOR + version + SEPARATOR);
        }
        return prefixes;
    }

    /** Encodes a stored record. */
    public static byte[] encode(final DriftMetric metric) {
        try {
            final ByteBuffer buffer = ENCODER.encode(metric);
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a stored record.
     *
     * @throws IllegalArgumentException if the bytes are not a record of the current schema
     */
    public static DriftMetric decode(final byte[] bytes) {
        try {
            return DECODER.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored drift metric does not decode: " + e.getMessage(), e);
        }
    }

    /** Event time of a record's window end, or its computation time when the window has no end. */
    public static long time(final DriftMetric metric) {
        return metric.getWindowEnd() != null ? metric.getWindowEnd().toEpochMilli()
                : metric.getComputedAt().toEpochMilli();
    }

    /** Statistics whose sample size is the number of events in the window, which gives the traffic. */
    private static boolean countsEvents(final DriftMetric metric) {
        return "drifted_feature_share".equals(metric.getStatistic()) || "missing_rate".equals(metric.getStatistic());
    }

    /** Upserts each record into the view and, every hour, deletes versions past retention. */
    static final class UpsertProcessor implements Processor<String, byte[], Void, Void> {

        private final OutputRecordDecoder<DriftMetric> decoder;
        private final Duration retention;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, byte[]> store;

        UpsertProcessor(final Deserializer<DriftMetric> deserializer, final Duration retention) {
            this.decoder = new OutputRecordDecoder<>(deserializer, "DriftMetric");
            this.retention = retention;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            decoder.init(context);
            this.store = context.getStateStore(STORE);
            context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final DriftMetric metric = decoder.decode(record);
            if (metric == null) {
                return;
            }
            if (metric.getDistribution() != null) {
                store.put(distributionKey(metric.getModelId(), metric.getModelVersion(), metric.getFeature()),
                        encode(metric));
                metric.setDistribution(null);
            }
            final byte[] bytes = encode(metric);
            final String latestKey = latestKey(metric);
            final byte[] previous = store.get(latestKey);
            if (previous == null || isNotNewer(previous, metric)) {
                store.put(latestKey, bytes);
            }
            store.put(historyKey(metric, metric.getWindowIndex()), bytes);
            if (metric.getWindowIndex() >= HISTORY_WINDOWS) {
                store.delete(historyKey(metric, metric.getWindowIndex() - HISTORY_WINDOWS));
            }
            updateActivity(metric);
        }

        /** Whether the stored latest record is older than {@code metric}, or the same window. */
        private boolean isNotNewer(final byte[] stored, final DriftMetric metric) {
            try {
                return time(decode(stored)) <= time(metric);
            } catch (IllegalArgumentException e) {
                return true;
            }
        }

        private void updateActivity(final DriftMetric metric) {
            final String key = activityKey(metric.getModelId(), metric.getModelVersion());
            final long computedAt = metric.getComputedAt().toEpochMilli();
            final Long windowEnd = metric.getWindowEnd() == null ? null : metric.getWindowEnd().toEpochMilli();
            final byte[] stored = store.get(key);
            VersionActivity activity = null;
            if (stored != null) {
                try {
                    activity = VersionActivity.decode(stored).seen(computedAt, windowEnd);
                } catch (IllegalArgumentException e) {
                    LOG.warn("Stored activity of model {} version {} does not decode ({}); starting it anew",
                            metric.getModelId(), metric.getModelVersion(), e.getMessage());
                }
            }
            if (activity == null) {
                activity = VersionActivity.first(computedAt, windowEnd);
            }
            if (countsEvents(metric)) {
                activity = activity.withWindow(
                        metric.getInputPartition() == null ? VersionActivity.ALL_PARTITIONS : metric.getInputPartition(),
                        new VersionActivity.Window(metric.getWindowIndex(),
                                metric.getWindowStart() == null ? Long.MIN_VALUE : metric.getWindowStart().toEpochMilli(),
                                windowEnd == null ? Long.MIN_VALUE : windowEnd, metric.getSampleSize(), computedAt));
            }
            store.put(key, activity.encode());
        }


        private void purge(final long now) {
            final long cutoff = now - retention.toMillis();
            final List<String[]> expired = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> entries = store.prefixScan(ACTIVITY_PREFIX,
                    new StringSerializer())) {
                while (entries.hasNext()) {
                    final KeyValue<String, byte[]> entry = entries.next();
                    long last;
                    try {
                        last = VersionActivity.decode(entry.value).lastComputedAt();
                    } catch (IllegalArgumentException e) {
                        last = Long.MIN_VALUE;
                    }
                    if (last < cutoff) {
                        expired.add(splitActivityKey(entry.key));
                    }
                }
            }
            for (final String[] version : expired) {
                final List<String> keys = new ArrayList<>();
                for (final String prefix : versionPrefixes(version[0], version[1])) {
                    try (KeyValueIterator<String, byte[]> entries = store.prefixScan(prefix,
                            new StringSerializer())) {
                        entries.forEachRemaining(entry -> keys.add(entry.key));
                    }
                }
                keys.add(activityKey(version[0], version[1]));
                keys.forEach(store::delete);
                LOG.info("Task {} deleted the drift metrics of model {} version {}: none computed in the last {}",
                        context.taskId(), version[0], version[1], retention);
            }
        }


    }
}
