package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.alerting.AlertHistory;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.testing.AlertRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert view sub-topology alone, in a {@link TopologyTestDriver} whose wall clock the tests move. */
class AlertViewTest {

    private static final Topics TOPICS = Topics.DEFAULTS;
    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    private final String registryScope = "alert-view-test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<DriftAlert> serializer = new AvroSerializer<>(registry);
    private final List<DriftAlert> notified = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> alerts;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        SchemaRegistries.dropScope(registryScope);
    }

    @Test
    void records_upsertOneHistoryPerAlertId() {
        start(notified::add);

        send(alert("a-1", "fraud", AlertState.OPENED, 0));
        send(alert("a-1", "fraud", AlertState.UPDATED, 5));
        send(alert("a-2", "fraud", AlertState.OPENED, 6));
        send(alert("a-1", "churn", AlertState.OPENED, 7));

        final AlertHistory first = stored("fraud", "a-1");
        assertThat(first.records()).extracting(DriftAlert::getState)
                .containsExactly(AlertState.OPENED, AlertState.UPDATED);
        assertThat(stored("fraud", "a-2").records()).hasSize(1);
        assertThat(stored("churn", "a-1").latest().getModelId()).isEqualTo("churn");
        assertThat(storedCount()).isEqualTo(3);
    }

    @Test
    void records_reachListenerInOrder() {
        start(notified::add);

        send(alert("a-1", "fraud", AlertState.OPENED, 0));
        send(alert("a-1", "fraud", AlertState.RESOLVED, 5));

        assertThat(notified).extracting(DriftAlert::getState).containsExactly(AlertState.OPENED, AlertState.RESOLVED);
    }

    @Test
    void repeatedRecord_isStoredAndNotifiedOnce() {
        start(notified::add);
        final DriftAlert opened = alert("a-1", "fraud", AlertState.OPENED, 0);

        send(opened);
        send(opened);

        assertThat(stored("fraud", "a-1").records()).hasSize(1);
        assertThat(notified).hasSize(1);
    }

    @Test
    void failingListener_doesNotStopTheStream() {
        start(alert -> {
            throw new IllegalStateException("webhook down");
        });

        send(alert("a-1", "fraud", AlertState.OPENED, 0));
        send(alert("a-1", "fraud", AlertState.UPDATED, 5));

        assertThat(stored("fraud", "a-1").records()).hasSize(2);
    }

    @Test
    void undecodableRecord_isSkipped() {
        start(notified::add);

        alerts.pipeInput("fraud", new byte[] {0, 0, 0, 0, 99, 1, 2});
        alerts.pipeInput("fraud", "{\"not\": \"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        alerts.pipeInput("fraud", (byte[]) null);
        send(alert("a-1", "fraud", AlertState.OPENED, 0));

        assertThat(storedCount()).isEqualTo(1);
        assertThat(notified).hasSize(1);
    }

    @Test
    void undecodableStoredHistory_startsAnew() {
        start(notified::add);
        store().put(AlertView.storeKey("fraud", "a-1"), new byte[] {9, 9});

        send(alert("a-1", "fraud", AlertState.UPDATED, 5));

        assertThat(stored("fraud", "a-1").records()).extracting(DriftAlert::getState)
                .containsExactly(AlertState.UPDATED);
    }

    @Test
    void purge_deletesOnlyResolvedAlertsPastRetention() {
        start(notified::add, Duration.ofDays(1));
        final long now = START.toEpochMilli();
        send(alertAt("old-resolved", "fraud", AlertState.RESOLVED, now - Duration.ofDays(2).toMillis()));
        send(alertAt("new-resolved", "fraud", AlertState.RESOLVED, now - Duration.ofHours(1).toMillis()));
        send(alertAt("old-open", "fraud", AlertState.UPDATED, now - Duration.ofDays(30).toMillis()));

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(store().get(AlertView.storeKey("fraud", "old-resolved"))).isNull();
        assertThat(store().get(AlertView.storeKey("fraud", "new-resolved"))).isNotNull();
        assertThat(store().get(AlertView.storeKey("fraud", "old-open"))).isNotNull();
    }

    @Test
    void purge_waitsForItsHourlySchedule() {
        start(notified::add, Duration.ofMinutes(1));
        send(alertAt("resolved", "fraud", AlertState.RESOLVED, START.toEpochMilli() - Duration.ofHours(5).toMillis()));

        driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(store().get(AlertView.storeKey("fraud", "resolved"))).isNotNull();

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(store().get(AlertView.storeKey("fraud", "resolved"))).isNull();
    }

    @Test
    void storeKeys_ofOneModelShareItsPrefix() {
        assertThat(AlertView.storeKey("fraud", "a-1")).isEqualTo("fraud\u0000a-1");
        assertThat(AlertView.storeKey("fraud", "a-1")).startsWith(AlertView.modelPrefix("fraud"));
        assertThat(AlertView.storeKey("fraud-eu", "a-1")).doesNotStartWith(AlertView.modelPrefix("fraud"));
    }

    private void start(final Consumer<DriftAlert> listener) {
        start(listener, AlertView.DEFAULT_RETENTION);
    }

    private void start(final Consumer<DriftAlert> listener, final Duration retention) {
        final StreamsBuilder builder = new StreamsBuilder();
        AlertView.addTo(builder, TOPICS, registry, listener, retention);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-view-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(), props, START);
        alerts = driver.createInputTopic(TOPICS.alerts(), new StringSerializer(), new ByteArraySerializer());
    }

    private void send(final DriftAlert alert) {
        alerts.pipeInput(alert.getModelId(), serializer.serialize(TOPICS.alerts(), alert));
    }

    private KeyValueStore<String, byte[]> store() {
        return driver.getKeyValueStore(AlertView.STORE);
    }

    private AlertHistory stored(final String model, final String alertId) {
        final byte[] bytes = store().get(AlertView.storeKey(model, alertId));
        assertThat(bytes).as("stored history of %s/%s", model, alertId).isNotNull();
        return AlertHistory.decode(bytes);
    }

    private long storedCount() {
        long count = 0;
        try (KeyValueIterator<String, byte[]> entries = store().all()) {
            while (entries.hasNext()) {
                entries.next();
                count++;
            }
        }
        return count;
    }

    /** Returns an alert updated {@code minutes} after the driver's start. */
    private static DriftAlert alert(final String alertId, final String model, final AlertState state, final long minutes) {
        return alertAt(alertId, model, state, START.toEpochMilli() + minutes * 60_000);
    }

    private static DriftAlert alertAt(final String alertId, final String model, final AlertState state,
                                      final long updatedAt) {
        return AlertRecords.alert(alertId, model, state, AlertSeverity.WARNING, updatedAt);
    }
}
