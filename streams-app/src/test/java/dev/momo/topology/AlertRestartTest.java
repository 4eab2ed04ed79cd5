package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.app.MomoApplication;
import dev.momo.app.ReferencePublisher;
import dev.momo.app.StreamsSettings;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert state lives in changelogged stores under exactly-once processing: a stream that an
 * application processes with a stop and restart in the middle of an open alert yields the same alert
 * history, record for record, as one uninterrupted run. No alert opens twice and none loses its
 * resolution.
 */
class AlertRestartTest {

    private static final String SCOPE = "alert-restart-test";
    private static final int WINDOW = 500;
    /** Windows 0 and 1 clean, 2 to 4 drifted, 5 to 9 clean. The restart falls after window 3. */
    private static final String PLAN = "..DDD.....";
    private static final int RESTART_AFTER_WINDOW = 3;

    @TempDir
    Path stateDir;

    @Test
    void alertHistory_isTheSameWithAndWithoutARestart() throws Exception {
        final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + SCOPE);
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions(LoanModel.MODEL_ID,
                LoanModel.MODEL_VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY, null, Set.of(), Set.of(),
                Set.of(), WINDOW, 10, 2000, 3.0)).build(LoanModel.referenceTable(5000, 9), chunk -> { });
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MomoMetrics metrics = new MomoMetrics();
             KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
             AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry)) {
            final Topics straight = topics("straight");
            final Topics restarted = topics("restarted");
            for (final Topics topics : List.of(straight, restarted)) {
                topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 1, configs));
                ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
            }

            send(producer, serializer, straight, 0, PLAN.length());
            try (MomoApplication app = app(broker, straight, registry, metrics, "straight")) {
                app.start(Duration.ofSeconds(60));
                readAlerts(broker, straight, registry, Duration.ofSeconds(8));
            }

            send(producer, serializer, restarted, 0, RESTART_AFTER_WINDOW + 1);
            try (MomoApplication app = app(broker, restarted, registry, metrics, "restarted")) {
                app.start(Duration.ofSeconds(60));
                assertThat(readAlerts(broker, restarted, registry, Duration.ofSeconds(8)))
                        .as("alerts open before the restart").isNotEmpty();
            }
            send(producer, serializer, restarted, RESTART_AFTER_WINDOW + 1, PLAN.length());
            try (MomoApplication app = app(broker, restarted, registry, metrics, "restarted")) {
                app.start(Duration.ofSeconds(60));
                readAlerts(broker, restarted, registry, Duration.ofSeconds(8));
            }

            final List<String> expected = history(readAlerts(broker, straight, registry, Duration.ofSeconds(2)));
            final List<String> actual = history(readAlerts(broker, restarted, registry, Duration.ofSeconds(2)));
            assertThat(actual).isEqualTo(expected);
            final Map<String, Long> opens = readAlerts(broker, restarted, registry, Duration.ofSeconds(1)).stream()
                    .filter(alert -> alert.getState() == AlertState.OPENED)
                    .collect(Collectors.groupingBy(DriftAlert::getAlertId, Collectors.counting()));
            assertThat(opens).isNotEmpty().allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
            assertThat(actual).anyMatch(line -> line.contains(" RESOLVED "));
        } finally {
            SchemaRegistries.dropScope(SCOPE);
        }
    }

    /**
     * One line per record with the fields that do not depend on wall-clock time, grouped by alert id in
     * id order. Within an id the order is the topic's; across ids it is not fixed, because detector and
     * window alerts come from different sub-topologies.
     */
    private static List<String> history(final List<DriftAlert> alerts) {
        final Map<String, List<String>> byId = new TreeMap<>();
        for (final DriftAlert alert : alerts) {
            byId.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert.getAlertId() + ' '
                    + alert.getState() + ' ' + alert.getSeverity() + ' ' + alert.getFeature() + ' ' + alert.getCheck()
                    + " window " + alert.getWindowIndex() + " value " + alert.getValue() + " evidence "
                    + alert.getDriftedWindows() + '/' + alert.getCleanWindows());
        }
        return byId.values().stream().flatMap(List::stream).toList();
    }

    private MomoApplication app(final EmbeddedKafkaBroker broker, final Topics topics,
                                final SchemaRegistryClient registry, final MomoMetrics metrics, final String name) {
        final StreamsSettings settings = new StreamsSettings(SCOPE + "-" + name, broker.bootstrapServers(),
                stateDir.resolve(name), 1, Map.of("commit.interval.ms", "100"));
        return new MomoApplication(settings, topics, WindowSettings.count(WINDOW), 1, registry, metrics);
    }

    private static Topics topics(final String prefix) {
        final Topics d = Topics.DEFAULTS;
        return new Topics(prefix + "." + d.inferences(), prefix + "." + d.labels(), prefix + "." + d.references(),
                prefix + "." + d.driftMetrics(), prefix + "." + d.alerts(), prefix + "." + d.deadLetters());
    }

    private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends windows {@code from} to {@code to} (exclusive) of the plan; each window's events come from its own seed. */
    private static void send(final KafkaProducer<String, byte[]> producer, final AvroSerializer<InferenceEvent> serializer,
                             final Topics topics, final int from, final int to) {
        for (int window = from; window < to; window++) {
            final SplittableRandom random = new SplittableRandom(100 + window);
            for (int i = 0; i < WINDOW; i++) {
                final long index = (long) window * WINDOW + i;
                final LoanModel.Applicant applicant = LoanModel.draw(random, PLAN.charAt(window) == 'D');
                final InferenceEvent event = InferenceEvent.newBuilder()
                        .setEventId("e" + index)
                        .setModelId(LoanModel.MODEL_ID)
                        .setModelVersion(LoanModel.MODEL_VERSION)
                        .setEventTime(Instant.ofEpochMilli(index * 1000L))
                        .setFeatures(applicant.features())
                        .setPrediction(applicant.predictedClass())
                        .setProbabilities(Map.of(LoanModel.PROBABILITY, applicant.probability()))
                        .build();
                producer.send(new ProducerRecord<>(topics.inferences(), LoanModel.MODEL_ID,
                        serializer.serialize(topics.inferences(), event)));
            }
        }
        producer.flush();
    }

    private static List<DriftAlert> readAlerts(final EmbeddedKafkaBroker broker, final Topics topics,
                                               final SchemaRegistryClient registry, final Duration settle) {
        return TopicReader.read(broker.bootstrapServers(), topics.alerts(), 1,
                new AvroDeserializer<>(DriftAlert.class, registry), 1, Duration.ofSeconds(60), settle);
    }
}
