package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.schema.DistributionBin;
import dev.momo.schema.DriftMetric;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.view.VersionActivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift-metric view sub-topology alone, in a {@link TopologyTestDriver} whose wall clock the tests move. */
class MetricViewTest {

    private static final Topics TOPICS = Topics.DEFAULTS;
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final long WINDOW = 10_000;

    @TempDir
    Path stateDir;

    private final String registryScope = "metric-view-test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<DriftMetric> serializer = new AvroSerializer<>(registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> metrics;

    @BeforeEach
    void start() {
        final StreamsBuilder builder = new StreamsBuilder();
        MetricView.addTo(builder, TOPICS, registry, Duration.ofDays(1));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metric-view-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(), props, START);
        metrics = driver.createInputTopic(TOPICS.driftMetrics(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        driver.close();
        SchemaRegistries.dropScope(registryScope);
    }

    @Test
    void history_keepsTheLastWindowsOfEachPartitionInWindowOrder() {
        for (int window = 0; window < MetricView.HISTORY_WINDOWS + 3; window++) {
            send(metric("fraud", "amount", "psi", window, 0, 0.01 * window));
            send(metric("fraud", "amount", "psi", window, 1, 0.02 * window));
        }

        final List<DriftMetric> history = scan(MetricView.historyPrefix("fraud", "1", "amount"));
        assertThat(history).hasSize(2 * MetricView.HISTORY_WINDOWS);
        assertThat(history.get(0).getWindowIndex()).isEqualTo(3);
        assertThat(history.get(history.size() - 1).getWindowIndex()).isEqualTo(MetricView.HISTORY_WINDOWS + 2);
    }

    @Test
    void latest_isTheNewestWindowEvenWhenAnOlderOneArrivesLate() {
        send(metric("fraud", "amount", "psi", 5, 0, 0.5));
        send(metric("fraud", "amount", "psi", 4, 0, 0.4));

        final List<DriftMetric> latest = scan(MetricView.latestPrefix("fraud", "1"));
        assertThat(latest).singleElement().extracting(DriftMetric::getValue).isEqualTo(0.5);
        assertThat(scan(MetricView.historyPrefix("fraud", "1", "amount"))).hasSize(2);
    }

    @Test
    void distribution_isKeptUnderItsOwnKeyAndLeftOutOfTheHistory() {
        final DriftMetric withBins = metric("fraud", "amount", "psi", 1, 0, 0.3);
        withBins.setDistribution(List.of(new DistributionBin("< 1", 0.5, 0.1), new DistributionBin("> 1", 0.5, 0.9)));
        send(withBins);

        final DriftMetric stored = MetricView.decode(store().get(MetricView.distributionKey("fraud", "1", "amount")));
        assertThat(stored.getDistribution()).extracting(DistributionBin::getCurrentShare).containsExactly(0.1, 0.9);
        assertThat(scan(MetricView.historyPrefix("fraud", "1", "amount")).get(0).getDistribution()).isNull();
    }

    @Test
    void activity_countsEventsFromTheDataSetShare() {
        send(metric("fraud", "dataset", "drifted_feature_share", 7, null, 0.0));

        final VersionActivity activity = VersionActivity.decode(store().get(MetricView.activityKey("fraud", "1")));
        assertThat(activity.eventsPerSecond()).isEqualTo(1000 * 1000.0 / WINDOW);
        assertThat(activity.lastWindowEnd()).isEqualTo(START.toEpochMilli() + 8 * WINDOW);
    }

    @Test
    void undecodableRecord_isSkipped() {
        metrics.pipeInput("fraud", new byte[] {0, 0, 0, 0, 42, 1, 2});
        send(metric("fraud", "amount", "psi", 1, 0, 0.3));

        assertThat(scan(MetricView.latestPrefix("fraud", "1"))).hasSize(1);
    }

    @Test
    void purge_deletesVersionsWithoutRecordsForTheRetention() {
        send(metric("old", "amount", "psi", 1, 0, 0.3, START.minus(Duration.ofDays(2))));
        send(metric("fresh", "amount", "psi", 1, 0, 0.3, START));

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(store().get(MetricView.activityKey("old", "1"))).isNull();
        assertThat(scan("old\u0000")).isEmpty();
        assertThat(scan(MetricView.latestPrefix("fresh", "1"))).hasSize(1);
    }

    private void send(final DriftMetric metric) {
        metrics.pipeInput(metric.getModelId(), serializer.serialize(TOPICS.driftMetrics(), metric));
    }

    private KeyValueStore<String, byte[]> store() {
        return driver.getKeyValueStore(MetricView.STORE);
    }

    private List<DriftMetric> scan(final String prefix) {
        final List<DriftMetric> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = store().prefixScan(prefix, new StringSerializer())) {
            entries.forEachRemaining(entry -> found.add(MetricView.decode(entry.value)));
        }
        return found;
    }

    private static DriftMetric metric(final String model, final String feature, final String statistic,
                                      final long window, final Integer partition, final double value) {
        return metric(model, feature, statistic, window, partition, value,
                START.plusMillis((window + 1) * WINDOW + 100));
    }

    private static DriftMetric metric(final String model, final String feature, final String statistic,
                                      final long window, final Integer partition, final double value,
                                      final Instant computedAt) {
        return DriftMetric.newBuilder().setModelId(model).setModelVersion("1").setFeature(feature)
                .setStatistic(statistic).setWindowIndex(window)
                .setWindowStart(START.plusMillis(window * WINDOW)).setWindowEnd(START.plusMillis((window + 1) * WINDOW))
                .setInputPartition(partition).setSampleSize(1000).setReferenceSize(5000).setValue(value)
                .setThreshold(0.1).setThresholdSource("reference_chunks").setDrifted(value > 0.1)
                .setComputedAt(computedAt).build();
    }
}
