package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.DetectorSpec;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.table.CsvTable;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels joined to predictions by event id, in the whole topology on a {@link TopologyTestDriver}, with
 * a label delay of one hour. The profile's detector, DDM on the error indicator, reads the joined
 * predictions: its drift shows that they reach the detectors.
 */
class LabelJoinTest {

    private static final String MODEL = "churn";
    private static final String VERSION = "1";
    private static final Duration DELAY = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Topics TOPICS = Topics.DEFAULTS;

    @TempDir
    Path stateDir;

    private final String registryScope = "label-join-test-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + registryScope);
    private final AvroSerializer<InferenceEvent> eventSerializer = new AvroSerializer<>(registry);
    private final AvroSerializer<GroundTruth> labelSerializer = new AvroSerializer<>(registry);
    private final MomoMetrics metrics = new MomoMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> inferences;
    private TestInputTopic<byte[], byte[]> labels;
    private TestOutputTopic<String, DriftMetric> driftMetrics;

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "momo-label-join-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(MomoTopology.build(TOPICS, WindowSettings.count(1_000_000), 1, registry,
                metrics, DELAY), props);
        inferences = driver.createInputTopic(TOPICS.inferences(), new ByteArraySerializer(), new ByteArraySerializer());
        labels = driver.createInputTopic(TOPICS.labels(), new ByteArraySerializer(), new ByteArraySerializer());
        driftMetrics = driver.createOutputTopic(TOPICS.driftMetrics(), new StringDeserializer(),
                new AvroDeserializer<>(DriftMetric.class, registry));
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
    void labelAfterPrediction_isJoined() {
        predict("e1", "stay", START);
        label("e1", "stay", START.plusSeconds(60));

        assertThat(counter("momo_labels_joined")).isEqualTo(1.0);
    }

    @Test
    void labelBeforePrediction_isJoined() {
        label("e1", "stay", START);
        predict("e1", "stay", START.plusSeconds(1));

        assertThat(counter("momo_labels_joined")).isEqualTo(1.0);
        assertThat(counter("momo_labels_unmatched")).isZero();
    }

    @Test
    void predictionWithoutLabel_isCountedOnceTheDelayPassed() {
        predict("e1", "stay", START);
        predict("e2", "stay", START.plus(DELAY).plusSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(counter("momo_predictions_unlabeled")).isEqualTo(1.0);
        label("e1", "stay", START.plus(DELAY).plusSeconds(2));
        assertThat(counter("momo_labels_joined")).as("a label after the delay finds nothing").isZero();
    }

    @Test
    void labelWithoutPrediction_isCountedOnceTheDelayPassed() {
        label("ghost", "stay", START);
        label("other", "stay", START.plus(DELAY).plusSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(counter("momo_labels_unmatched")).isEqualTo(1.0);
    }

    @Test
    void labelOfModelExpectingNoLabels_isCountedAtOnce() {
        final ProfileOptions options = new ProfileOptions("plain", VERSION, null, null, null, null, Set.of(), Set.of(),
                Set.of(), 50, 10, 2000, 3.0);
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new String[] {String.valueOf(i)});
        }
        driver.createInputTopic(TOPICS.references(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(ReferenceKeys.of("plain", VERSION), ProfileJson.toBytes(new ProfileBuilder(options)
                        .build(CsvTable.of(Path.of("plain.csv"), List.of("tenure"), rows), chunk -> { })));

        label("plain", "e1", "stay", START);

        assertThat(counter("momo_labels_unmatched")).isEqualTo(1.0);
    }

    @Test
    void risingErrorRate_isDetectedOnJoinedPredictions() {
        // 300 correct predictions, then 300 of which 60 % are wrong: DDM (River's defaults) must flag the rise.
        for (int i = 0; i < 600; i++) {
            final Instant time = START.plusSeconds(i);
            final boolean wrong = i >= 300 && i % 5 < 3;
            predict("e" + i, "stay", time);
            label("e" + i, wrong ? "churn" : "stay", time.plusSeconds(30));
        }

        final List<DriftMetric> detections = driftMetrics.readValuesToList();
        assertThat(detections).isNotEmpty();
        assertThat(detections.get(0).getStatistic()).isEqualTo("ddm");
        assertThat(detections.get(0).getFeature()).isEqualTo(DetectorSpec.ERROR_SIGNAL);
        assertThat(detections.get(0).getWindowIndex()).as("joined prediction at which DDM flagged")
                .isBetween(300L, 400L);
        assertThat(counter("momo_labels_joined")).isEqualTo(600.0);
    }

    private static ReferenceProfile profile() {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new String[] {i % 4 == 0 ? "churn" : "stay", String.valueOf(i)});
        }
        final ProfileOptions options = new ProfileOptions(MODEL, VERSION, null, "prediction", null, null, Set.of(),
                Set.of(), Set.of(), 50, 10, 2000, 3.0).withDetectors(List.of(DetectorSpec.parse("ddm:error")));
        return new ProfileBuilder(options).build(
                CsvTable.of(Path.of("reference.csv"), List.of("prediction", "tenure"), rows), chunk -> { });
    }

    private void predict(final String eventId, final String predicted, final Instant time) {
        final InferenceEvent event = InferenceEvent.newBuilder()
                .setEventId(eventId)
                .setModelId(MODEL)
                .setModelVersion(VERSION)
                .setEventTime(time)
                .setFeatures(Map.of("tenure", 3.0))
                .setPrediction(predicted)
                .build();
        inferences.pipeInput(MODEL.getBytes(StandardCharsets.UTF_8),
                eventSerializer.serialize(TOPICS.inferences(), event), time);
    }

    private void label(final String eventId, final String observed, final Instant time) {
        label(MODEL, eventId, observed, time);
    }

    private void label(final String modelId, final String eventId, final String observed, final Instant time) {
        final GroundTruth label = GroundTruth.newBuilder()
                .setEventId(eventId)
                .setModelId(modelId)
                .setLabel(observed)
                .setEventTime(time)
                .build();
        labels.pipeInput(modelId.getBytes(StandardCharsets.UTF_8), labelSerializer.serialize(TOPICS.labels(), label),
                time);
    }

    /** Sum of a counter's samples, by its name without the {@code _total} suffix. */
    private double counter(final String name) {
        return metrics.registry().scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getName().equals(name))
                .flatMap(snapshot -> snapshot.getDataPoints().stream())
                .mapToDouble(point -> ((CounterSnapshot.CounterDataPointSnapshot) point).getValue())
                .sum();
    }
}
