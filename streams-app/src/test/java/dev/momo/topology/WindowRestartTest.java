package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.simulate.LoanModel;
import dev.momo.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count window that is open when the application stops keeps its events: after a restart with the
 * same application id the window contains the events from before and after the stop, exactly once.
 */
class WindowRestartTest {

    private static final String SCOPE = "window-restart-test";
    private static final int WINDOW = 100;

    @TempDir
    Path stateDir;

    @Test
    void openCountWindow_survivesRestart() throws Exception {
        final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + SCOPE);
        final Topics topics = Topics.DEFAULTS;
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions(LoanModel.MODEL_ID,
                LoanModel.MODEL_VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY, null, Set.of(), Set.of(),
                Set.of(), WINDOW, 10, 2000, 3.0)).build(LoanModel.referenceTable(1000, 9), chunk -> { });
        final int checks = DriftEvaluator.recordsPerWindow(profile);
        final StreamsSettings settings = new StreamsSettings(SCOPE, "placeholder", stateDir, 1,
                Map.of("commit.interval.ms", "100"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MomoMetrics metrics = new MomoMetrics();
             KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
             AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry)) {
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 1, configs));
            ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
            final StreamsSettings connected = new StreamsSettings(settings.applicationId(), broker.bootstrapServers(),
                    settings.stateDir(), settings.threads(), settings.overrides());
            final SplittableRandom random = new SplittableRandom(13);

            // 150 events: window 0 closes, window 1 is open with 50 events when the application stops.
            send(producer, serializer, topics, random, 0, 150);
            try (MomoApplication app = new MomoApplication(connected, topics, WindowSettings.count(WINDOW), 1,
                    registry, metrics)) {
                app.start(Duration.ofSeconds(60));
                assertThat(readMetrics(broker.bootstrapServers(), topics, registry, checks)).hasSize(checks);
            }

            // 50 more events after the restart complete window 1 with 100 events.
            send(producer, serializer, topics, random, 150, 200);
            try (MomoApplication app = new MomoApplication(connected, topics, WindowSettings.count(WINDOW), 1,
                    registry, metrics)) {
                app.start(Duration.ofSeconds(60));
                final List<DriftMetric> all = readMetrics(broker.bootstrapServers(), topics, registry, 2 * checks);

                assertThat(all).hasSize(2 * checks);
                final List<DriftMetric> second = all.subList(checks, 2 * checks);
                for (final DriftMetric metric : second) {
                    assertThat(metric.getWindowIndex()).isEqualTo(1);
                    assertThat(metric.getSampleSize()).as("%s %s", metric.getFeature(), metric.getStatistic())
                            .isEqualTo(WINDOW);
                    assertThat(metric.getWindowStart()).isEqualTo(Instant.ofEpochMilli(100_000));
                    assertThat(metric.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(199_000));
                }
            }
        } finally {
            SchemaRegistries.dropScope(SCOPE);
        }
    }

    private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final AvroSerializer<InferenceEvent> serializer,
                             final Topics topics, final SplittableRandom random, final int from, final int to) {
        for (int i = from; i < to; i++) {
            final LoanModel.Applicant applicant = LoanModel.draw(random, false);
            final InferenceEvent event = InferenceEvent.newBuilder()
                    .setEventId("e" + i)
                    .setModelId(LoanModel.MODEL_ID)
                    .setModelVersion(LoanModel.MODEL_VERSION)
                    .setEventTime(Instant.ofEpochMilli(i * 1000L))
                    .setFeatures(applicant.features())
                    .setPrediction(applicant.predictedClass())
                    .setProbabilities(Map.of(LoanModel.PROBABILITY, applicant.probability()))
                    .build();
            producer.send(new ProducerRecord<>(topics.inferences(), LoanModel.MODEL_ID,
                    serializer.serialize(topics.inferences(), event)));
        }
        producer.flush();
    }

    private static List<DriftMetric> readMetrics(final String bootstrap, final Topics topics,
                                                 final SchemaRegistryClient registry, final int expected) {
        return TopicReader.read(bootstrap, topics.driftMetrics(), 1, new AvroDeserializer<>(DriftMetric.class, registry),
                expected, Duration.ofSeconds(60), Duration.ofSeconds(2));
    }
}
