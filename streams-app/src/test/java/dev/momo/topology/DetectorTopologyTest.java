package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.DetectorSpec;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.table.CsvTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming change detectors inside the topology. The profile watches feature {@code x} with ADWIN
 * (River's defaults, delta 0.002) and has chunks of 200 rows; events carry x drawn from N(0, 1), then
 * from N(3, 1) after event 1000, a step that ADWIN finds within a few dozen values. Windows are too
 * long to close, so every output comes from the detector.
 */
class DetectorTopologyTest {

    private static final String MODEL = "credit";
    private static final String VERSION = "1";
    private static final int CHANGE_AT = 1000;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Topics TOPICS = Topics.DEFAULTS;

    @TempDir
    Path stateDir;

    private final String registryScope = "detector-test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry);
    private final MomoMetrics metrics = new MomoMetrics();
    private final Random random = new Random(7);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> inferences;
    private TestOutputTopic<String, DriftMetric> driftMetrics;
    private TestOutputTopic<String, DriftAlert> alerts;
    private int nextEvent;

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "momo-detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(MomoTopology.build(TOPICS, WindowSettings.count(1_000_000), 1, registry,
                metrics), props);
        inferences = driver.createInputTopic(TOPICS.inferences(), new ByteArraySerializer(), new ByteArraySerializer());
        driftMetrics = driver.createOutputTopic(TOPICS.driftMetrics(), new StringDeserializer(),
                new AvroDeserializer<>(DriftMetric.class, registry));
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
                new AvroDeserializer<>(DriftAlert.class, registry));
        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(ReferenceKeys.of(MODEL, VERSION), ProfileJson.toBytes(profile()));
    }

    @AfterEach
    void close() {
        driver.close();
        metrics.close();
        SchemaRegistries.dropScope(registryScope);
    }

    @Test
    void stepChange_emitsDetectionMetricSoonAfterIt() {
        pipe(CHANGE_AT, 0.0);
        pipe(200, 3.0);

        final List<DriftMetric> detections = driftMetrics.readValuesToList();
        assertThat(detections).isNotEmpty();
        final DriftMetric first = detections.get(0);
        assertThat(first.getStatistic()).isEqualTo("adwin");
        assertThat(first.getFeature()).isEqualTo("x");
        assertThat(first.getDrifted()).isTrue();
        assertThat(first.getThresholdSource()).isEqualTo(DetectorProcessor.THRESHOLD_SOURCE);
        assertThat(first.getWindowIndex()).as("index of the value at which ADWIN found the change")
                .isBetween((long) CHANGE_AT, (long) CHANGE_AT + 100);
    }

    @Test
    void stepChange_opensAlertThatResolvesAfterAQuietChunk() {
        pipe(CHANGE_AT, 0.0);
        pipe(1000, 3.0);

        final List<DriftAlert> records = alerts.readValuesToList();
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).getState()).isEqualTo(AlertState.OPENED);
        assertThat(records.get(0).getCheck()).isEqualTo("adwin");
        assertThat(records.get(records.size() - 1).getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(records).extracting(DriftAlert::getAlertId).containsOnly(records.get(0).getAlertId());
    }

    @Test
    void stationaryStream_raisesNothing() {
        pipe(2000, 0.0);

        assertThat(driftMetrics.isEmpty()).isTrue();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void unreadableStoredState_startsOverWithoutFailing() {
        pipe(10, 0.0);
        final KeyValueStore<String, byte[]> store = driver.getKeyValueStore(StoreNames.DETECTOR_STATE);
        final String key = ModelKeys.modelVersion(MODEL, VERSION) + '\u0000' + 0;
        store.put(key, new byte[] {42, 1, 2});

        pipe(10, 0.0);

        assertThat(DetectorSlot.decode(store.get(key)).valuesSeen).as("values since the fresh start").isEqualTo(10);
    }

    @Test
    void textValue_isLeftOutAndCounted() {
        pipeValue("abc");
        pipeValue(1.0);

        final double rejected = metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals("momo_detector_rejected_values"))
                .flatMap(snapshot -> snapshot.getDataPoints().stream())
                .mapToDouble(point -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot)
                        point).getValue())
                .sum();
        assertThat(rejected).isEqualTo(1.0);
    }

    private static ReferenceProfile profile() {
        final Random reference = new Random(3);
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(new String[] {String.valueOf(reference.nextGaussian())});
        }
        final ProfileOptions options = new ProfileOptions(MODEL, VERSION, null, null, null, null, Set.of(), Set.of(),
                Set.of(), 200, 10, 2000, 3.0).withDetectors(List.of(DetectorSpec.parse("adwin:x")));
        return new ProfileBuilder(options).build(CsvTable.of(Path.of("reference.csv"), List.of("x"), rows), c -> { });
    }

    private void pipe(final int count, final double mean) {
        for (int i = 0; i < count; i++) {
            pipeValue(mean + random.nextGaussian());
        }
    }

    private void pipeValue(final Object x) {
        final Map<String, Object> features = new HashMap<>();
        features.put("x", x);
        final Instant time = START.plusSeconds(nextEvent);
        final InferenceEvent event = InferenceEvent.newBuilder()
                .setEventId("e" + nextEvent++)
                .setModelId(MODEL)
                .setModelVersion(VERSION)
                .setEventTime(time)
                .setFeatures(features)
                .build();
        inferences.pipeInput(MODEL.getBytes(StandardCharsets.UTF_8), serializer.serialize(TOPICS.inferences(), event),
                time);
    }
}
