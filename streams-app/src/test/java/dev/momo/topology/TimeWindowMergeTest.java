package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.app.MomoApplication;
import dev.momo.app.StreamsSettings;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
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
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time windows of one model whose events are spread over three input partitions, on the in-process
 * broker: each partition sends its partial window and the merge step computes one set of metrics per
 * window over the events of all partitions.
 */
class TimeWindowMergeTest {

    private static final int PARTITIONS = 3;
    private static final long WINDOW_MS = 60_000;

    @TempDir
    Path stateDir;

    @Test
    void eventsOnThreePartitions_mergeIntoOneWindow() throws Exception {
        final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://time-window-merge-test");
        final Topics topics = Topics.DEFAULTS;
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions(LoanModel.MODEL_ID,
                LoanModel.MODEL_VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY, null, Set.of(), Set.of(),
                Set.of(), 300, 10, 2000, 3.0)).build(LoanModel.referenceTable(3000, 7), chunk -> { });

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             MomoMetrics metrics = new MomoMetrics()) {
            topics.configs().forEach((topic, configs) ->
                    broker.createTopic(topic, topic.equals(topics.inferences()) ? PARTITIONS : 1, configs));
            // Window 0 gets 100 events per partition; one later event per partition closes it on every partition.
            final Map<Integer, Integer> perPartition = publish(broker.bootstrapServers(), topics, registry, profile);

            final StreamsSettings settings = new StreamsSettings("time-window-merge-test", broker.bootstrapServers(),
                    stateDir, 1, Map.of("commit.interval.ms", "100"));
            try (MomoApplication app = new MomoApplication(settings, topics,
                    WindowSettings.time(Duration.ofMillis(WINDOW_MS), Duration.ZERO), PARTITIONS, registry, metrics)) {
                app.start(Duration.ofSeconds(60));
                // A second merge of the same window would show up as extra records: read 2 s past the expected count.
                final List<DriftMetric> windowZero = TopicReader.read(broker.bootstrapServers(), topics.driftMetrics(), 1,
                        new AvroDeserializer<>(DriftMetric.class, registry), DriftEvaluator.recordsPerWindow(profile),
                        Duration.ofSeconds(60), Duration.ofSeconds(2));

                assertThat(perPartition).containsOnlyKeys(0, 1, 2);
                assertThat(windowZero).hasSize(DriftEvaluator.recordsPerWindow(profile));
                for (final DriftMetric metric : windowZero) {
                    assertThat(metric.getWindowIndex()).isZero();
                    assertThat(metric.getInputPartition()).isNull();
                    assertThat(metric.getWindowStart()).isEqualTo(Instant.ofEpochMilli(0));
                    assertThat(metric.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(WINDOW_MS));
                    assertThat(metric.getSampleSize()).as("%s %s", metric.getFeature(), metric.getStatistic())
                            .isEqualTo(300);
                }
            }
        } finally {
            SchemaRegistries.dropScope("time-window-merge-test");
        }
    }

    private static Map<Integer, Integer> publish(final String bootstrap, final Topics topics,
                                                 final SchemaRegistryClient registry, final ReferenceProfile profile) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        final Map<Integer, Integer> perPartition = new TreeMap<>();
        final SplittableRandom random = new SplittableRandom(11);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry)) {
            producer.send(new ProducerRecord<>(topics.references(),
                    ReferenceKeys.of(profile.modelId(), profile.modelVersion()), ProfileJson.toBytes(profile)));
            producer.flush();
            for (int i = 0; i < 300; i++) {
                final int partition = i % PARTITIONS;
                send(producer, serializer, topics, partition, "e" + i, i * 100L, random);
                perPartition.merge(partition, 1, Integer::sum);
            }
            for (int partition = 0; partition < PARTITIONS; partition++) {
                send(producer, serializer, topics, partition, "closer-" + partition, 2 * WINDOW_MS + 1, random);
            }
        }
        return perPartition;
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final AvroSerializer<InferenceEvent> serializer,
                             final Topics topics, final int partition, final String eventId, final long eventTime,
                             final SplittableRandom random) {
        final LoanModel.Applicant applicant = LoanModel.draw(random, false);
        final InferenceEvent event = InferenceEvent.newBuilder()
                .setEventId(eventId)
                .setModelId(LoanModel.MODEL_ID)
                .setModelVersion(LoanModel.MODEL_VERSION)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setFeatures(applicant.features())
                .setPrediction(applicant.predictedClass())
                .setProbabilities(Map.of(LoanModel.PROBABILITY, applicant.probability()))
                .build();
        producer.send(new ProducerRecord<>(topics.inferences(), partition, LoanModel.MODEL_ID,
                serializer.serialize(topics.inferences(), event)));
    }
}
