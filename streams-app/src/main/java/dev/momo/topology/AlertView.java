package dev.momo.topology;

import dev.momo.alerting.AlertHistory;
import dev.momo.metrics.MomoMetrics;
import dev.momo.metrics.OpenAlertCounts;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroSerde;
import dev.momo.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
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
 * The queryable view of alerts: a sub-topology that reads the alerts topic back and keeps, per alert id, its
 * {@link AlertHistory} in the persistent store {@value #STORE}. The store is partitioned like the alerts topic,
 * by model id, so interactive queries find one model's alerts on the instance that owns the model id's
 * partition. Store keys are {@code modelId + '\u0000' + alertId}, so a prefix scan over
 * {@link #modelPrefix(String)} returns the alerts of one model.
 *
 * <p>Each decoded record also goes to a listener (the hook for notifications). A listener that throws is
 * logged with the alert id and does not stop the stream. Under {@code exactly_once_v2} a task that fails after
 * the listener ran processes the record again, so the listener may see a record twice.
 *
 * <p>Every hour of wall-clock time, each task deletes the alerts whose latest
 * record is RESOLVED and was updated longer ago than the retention. Open alerts are never deleted.
 */
public final class AlertView {

    /** Name of the store, and so of its changelog topic. */
    public static final String STORE = StoreNames.ALERT_VIEW;
    /** How long a resolved alert stays queryable after its RESOLVED record. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final char KEY_SEPARATOR = '\u0000';

    private static final Logger LOG = LoggerFactory.getLogger(AlertView.class);

    private AlertView() {
    }

    /** Adds the view with the default retention of resolved alerts, {@link #DEFAULT_RETENTION}, and no metrics. */
    public static void addTo(final StreamsBuilder builder, final Topics topics, final SchemaRegistryClient registry,
                             final Consumer<DriftAlert> listener) {
        addTo(builder, topics, registry, listener, DEFAULT_RETENTION, null);
    }

    /** Adds the view without metrics. */
    public static void addTo(final StreamsBuilder builder, final Topics topics, final SchemaRegistryClient registry,
                             final Consumer<DriftAlert> listener, final Duration retention) {
        addTo(builder, topics, registry, listener, retention, null);
    }

    /**
     * Adds the view: source {@code momo-alert-view-source} on the alerts topic, processor
     * {@code momo-alert-view-upsert} and the store {@value #STORE}.
     *
     * @param listener called with every decoded record on the stream thread, so it must return quickly
     * @param retention how long a resolved alert stays in the store, at least one minute
     * @param metrics where each task counts its open alerts ({@code momo_alerts_open}), or null for none
     */
    public static void addTo(final StreamsBuilder builder, final Topics topics, final SchemaRegistryClient registry,
                             final Consumer<DriftAlert> listener, final Duration retention, final MomoMetrics metrics) {
        Objects.requireNonNull(listener, "listener");
        if (retention == null || retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("alert retention must be at least 1 minute, got " + retention);
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        // Bytes in, decoded by the processor: a record that does not decode is logged and skipped there,
        // whatever deserialization handler the application configures.
        final Deserializer<DriftAlert> deserializer = new AvroSerde<>(DriftAlert.class, registry).deserializer();
        builder.stream(topics.alerts(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("momo-alert-view-source"))
                .process(() -> new UpsertProcessor(deserializer, listener, retention, metrics),
                        Named.as("momo-alert-view-upsert"), STORE);
    }

    /** Returns the store key of one alert. */
    public static String storeKey(final String modelId, final String alertId) {
        return modelPrefix(modelId) + alertId;
    }

    /** Returns the prefix of the store keys of one model's alerts. */
    public static String modelPrefix(final String modelId) {
        return modelId + KEY_SEPARATOR;
    }

    /**
     * Upserts each alert record into its history and, every hour, deletes resolved alerts past retention.
     * With metrics, it counts the task's open alerts by model and severity: from the store when the task
     * starts, then as records change an alert's latest state or severity.
     */
    static final class UpsertProcessor implements Processor<String, byte[], Void, Void> {

        private final OutputRecordDecoder<DriftAlert> decoder;
        private final Consumer<DriftAlert> listener;
        private final Duration retention;
        private final MomoMetrics metrics;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, byte[]> store;
        private OpenAlertCounts.TaskCounts openAlerts;

        UpsertProcessor(final Deserializer<DriftAlert> deserializer, final Consumer<DriftAlert> listener,
                        final Duration retention, final MomoMetrics metrics) {
            this.decoder = new OutputRecordDecoder<>(deserializer, "DriftAlert");
            this.listener = listener;
            this.retention = retention;
            this.metrics = metrics;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            decoder.init(context);
            this.store = context.getStateStore(STORE);
            if (metrics != null) {
                openAlerts = metrics.openAlerts(context.applicationId() + "/" + context.taskId());
                countOpenAlerts();
            }
            // Wall-clock time: partitions without new alerts must be purged too.
            context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
        }

        @Override
        public void close() {
            if (openAlerts != null) {
                openAlerts.close();
                openAlerts = null;
            }
        }

        private void countOpenAlerts() {
            long undecodable = 0;
            try (KeyValueIterator<String, byte[]> entries = store.all()) {
                while (entries.hasNext()) {
                    try {
                        openAlerts.add(AlertHistory.decode(entries.next().value).latest());
                    } catch (IllegalArgumentException e) {
                        undecodable++;
                    }
                }
            }
            if (undecodable > 0) {
                LOG.warn("Task {} left {} stored alert histories that do not decode out of momo_alerts_open",
                        context.taskId(), undecodable);
            }
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final DriftAlert alert = decoder.decode(record);
            if (alert == null) {
                return;
            }
            if (record.key() != null && !record.key().equals(alert.getModelId())) {
                LOG.warn("Alert {} at {} has key '{}' but model id '{}'; queries by model look in the partition"
                        + " of the key", alert.getAlertId(), decoder.position(), record.key(), alert.getModelId());
            }

            final String key = storeKey(alert.getModelId(), alert.getAlertId());
            final AlertHistory previous = decode(store.get(key), alert);
            // A record read twice (at-least-once processing, or a replayed topic) is not a new state change.
            if (previous != null && previous.latest().equals(alert)) {
                return;
            }
            final AlertHistory history = previous == null ? AlertHistory.of(alert) : previous.append(alert);
            store.put(key, history.encode());
            if (openAlerts != null) {
                openAlerts.replace(previous == null ? null : previous.latest(), alert);
            }
            notifyListener(alert);
        }

        /** Returns the stored history of the alert, or null when there is none or it does not decode. */
        private AlertHistory decode(final byte[] stored, final DriftAlert alert) {
            if (stored == null) {
                return null;
            }
            try {
                return AlertHistory.decode(stored);
            } catch (IllegalArgumentException e) {
                LOG.warn("Stored history of alert {} of model {} does not decode ({}); starting it anew at {}",
                        alert.getAlertId(), alert.getModelId(), e.getMessage(), decoder.position());
                return null;
            }
        }

        private void notifyListener(final DriftAlert alert) {
            try {
                listener.accept(alert);
            } catch (RuntimeException e) {
                LOG.warn("Alert listener failed on alert {} of model {} ({} {})", alert.getAlertId(),
                        alert.getModelId(), alert.getState(), decoder.position(), e);
            }
        }


        private void purge(final long now) {
            final long cutoff = now - retention.toMillis();
            final List<String> expired = new ArrayList<>();
            int undecodable = 0;
            try (KeyValueIterator<String, byte[]> entries = store.all()) {
                while (entries.hasNext()) {
                    final KeyValue<String, byte[]> entry = entries.next();
                    final DriftAlert latest;
                    try {
                        latest = AlertHistory.decode(entry.value).latest();
                    } catch (IllegalArgumentException e) {
                        undecodable++;
                        continue;
                    }
                    if (latest.getState() == AlertState.RESOLVED && latest.getUpdatedAt().toEpochMilli() < cutoff) {
                        expired.add(entry.key);
                    }
                }
            }
            expired.forEach(store::delete);
            if (!expired.isEmpty() || undecodable > 0) {
                LOG.info("Task {} deleted {} alerts resolved more than {} ago; {} stored histories do not decode",
                        context.taskId(), expired.size(), retention, undecodable);
            }
        }


    }
}
