package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.alerting.AlertHistory;
import dev.momo.metrics.MomoMetrics;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroSerde;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.testing.AlertRecords;
import dev.momo.testing.PrometheusText;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code momo_alerts_open} as the alert view's processor keeps it: counted from the store when the task
 * starts, moved as records change an alert's state or severity, and gone when the task closes. The
 * processor runs on a {@link MockProcessorContext} with an in-memory store, so a test can fill the store
 * before the task starts.
 */
class AlertViewMetricsTest {

    private static final long START = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();

    private final String registryScope = "alert-view-metrics-test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<DriftAlert> serializer = new AvroSerializer<>(registry);
    private final MomoMetrics metrics = new MomoMetrics();
    private MockProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;
    private AlertView.UpsertProcessor processor;

    @BeforeEach
    void createStore() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-view-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AlertView.STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor = new AlertView.UpsertProcessor(new AvroSerde<>(DriftAlert.class, registry).deserializer(),
                alert -> { }, AlertView.DEFAULT_RETENTION, metrics);
    }

    @AfterEach
    void close() {
        processor.close();
        store.close();
        metrics.close();
        SchemaRegistries.dropScope(registryScope);
    }

    @Test
    void taskStart_countsOpenAlertsInTheStore() {
        stored(alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0));
        stored(alert("a-2", "fraud", AlertState.UPDATED, AlertSeverity.CRITICAL, 1));
        stored(alert("a-3", "fraud", AlertState.RESOLVED, AlertSeverity.WARNING, 2));
        stored(alert("a-4", "churn", AlertState.UPDATED, AlertSeverity.WARNING, 3));
        store.put(AlertView.storeKey("churn", "broken"), new byte[] {9, 9});

        processor.init(context);

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_alerts_open", "model", "fraud", "severity", "warning")).isEqualTo(1.0);
        assertThat(scrape.value("momo_alerts_open", "model", "fraud", "severity", "critical")).isEqualTo(1.0);
        assertThat(scrape.value("momo_alerts_open", "model", "churn", "severity", "warning")).isEqualTo(1.0);
        assertThat(scrape.samples("momo_alerts_open")).hasSize(3);
    }

    @Test
    void records_moveTheCountThroughTheLifecycle() {
        processor.init(context);

        send(alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0));
        assertThat(open("fraud", "warning")).isEqualTo(1.0);

        send(alert("a-1", "fraud", AlertState.UPDATED, AlertSeverity.CRITICAL, 1));
        assertThat(open("fraud", "warning")).isZero();
        assertThat(open("fraud", "critical")).isEqualTo(1.0);

        send(alert("a-1", "fraud", AlertState.RESOLVED, AlertSeverity.CRITICAL, 2));
        assertThat(open("fraud", "critical")).isZero();
    }

    @Test
    void repeatedRecord_countsOnce() {
        processor.init(context);
        final DriftAlert opened = alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0);

        send(opened);
        send(opened);

        assertThat(open("fraud", "warning")).isEqualTo(1.0);
    }

    @Test
    void undecodableRecord_leavesTheCount() {
        processor.init(context);
        send(alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0));

        processor.process(new Record<>("fraud", new byte[] {0, 0, 0, 0, 99}, START));

        assertThat(open("fraud", "warning")).isEqualTo(1.0);
    }

    @Test
    void taskClose_removesItsSeries() {
        processor.init(context);
        send(alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0));

        processor.close();

        assertThat(scrape().samples("momo_alerts_open")).isEmpty();
    }

    @Test
    void taskRestart_replacesTheCountsOfItsEarlierStart() {
        processor.init(context);
        send(alert("a-1", "fraud", AlertState.OPENED, AlertSeverity.WARNING, 0));

        // A task that restarts without closing first, as after a crash of its thread.
        processor.init(context);

        assertThat(open("fraud", "warning")).isEqualTo(1.0);
    }

    private double open(final String model, final String severity) {
        return scrape().value("momo_alerts_open", "model", model, "severity", severity);
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(metrics.registry());
    }

    private void stored(final DriftAlert alert) {
        store.put(AlertView.storeKey(alert.getModelId(), alert.getAlertId()), AlertHistory.of(alert).encode());
    }

    private void send(final DriftAlert alert) {
        processor.process(new Record<>(alert.getModelId(), serializer.serialize(Topics.DEFAULTS.alerts(), alert),
                alert.getUpdatedAt().toEpochMilli()));
    }

    private static DriftAlert alert(final String alertId, final String model, final AlertState state,
                                    final AlertSeverity severity, final long minutes) {
        return AlertRecords.alert(alertId, model, state, severity, START + Duration.ofMinutes(minutes).toMillis());
    }
}
