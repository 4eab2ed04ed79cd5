package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.app.ReferencePublisher;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.simulate.LoanModel;
import dev.momo.testing.TopicReader;
import dev.momo.topology.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code momo run} against a broker it did not start: topics created beforehand, a profile published,
 * JSON events from a producer without Avro, and a properties file with an environment-style override.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void run_jsonEventsYieldMetricsAndDeadLetters() throws Exception {
        final Topics topics = Topics.DEFAULTS;
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions(LoanModel.MODEL_ID,
                LoanModel.MODEL_VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY, null, Set.of(), Set.of(),
                Set.of(), 200, 10, 2000, 3.0)).build(LoanModel.referenceTable(2000, 3), chunk -> { });

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 2, configs));
            ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
            publishJsonEvents(broker.bootstrapServers(), topics, 400);

            final Path config = dir.resolve("momo.properties");
            Files.writeString(config, String.join("\n",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "momo.application.id=run-command-test",
                    "momo.state.dir=" + dir.resolve("state"),
                    "momo.window.mode=count",
                    "momo.window.size=100",
                    "momo.metrics.port=0",
                    "commit.interval.ms=100"));
            final StringWriter err = new StringWriter();

            final int code = MomoCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "run", "--config", config.toString(), "--duration", "25s");

            assertThat(code).as("exit code; stderr: %s", err).isZero();
            // 400 events spread over 2 partitions, count windows of 100 per partition: 4 windows.
            final int checks = DriftEvaluator.recordsPerWindow(profile);
            assertThat(TopicReader.read(broker.bootstrapServers(), topics.driftMetrics(), 2, new ByteArrayDeserializer(),
                    4L * checks, Duration.ofSeconds(10), Duration.ofSeconds(2))).hasSize(4 * checks);
            assertThat(TopicReader.read(broker.bootstrapServers(), topics.deadLetters(), 2, new ByteArrayDeserializer(),
                    1, Duration.ofSeconds(10), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    private static void publishJsonEvents(final String bootstrap, final Topics topics, final int events) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final SplittableRandom random = new SplittableRandom(5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                final LoanModel.Applicant applicant = LoanModel.draw(random, false);
                final StringBuilder features = new StringBuilder();
                applicant.features().forEach((name, value) -> features.append(features.length() == 0 ? "" : ",")
                        .append('"').append(name).append("\":")
                        .append(value instanceof String ? "\"" + value + "\"" : value));
                final String json = "{\"eventId\":\"e" + i + "\",\"modelId\":\"" + LoanModel.MODEL_ID
                        + "\",\"modelVersion\":\"" + LoanModel.MODEL_VERSION + "\",\"eventTime\":\""
                        + Instant.ofEpochMilli(i * 1000L) + "\",\"features\":{" + features + "},\"prediction\":\""
                        + applicant.predictedClass() + "\",\"probabilities\":{\"" + LoanModel.PROBABILITY + "\":"
                        + applicant.probability() + "}}";
                producer.send(new ProducerRecord<>(topics.inferences(), i % 2, LoanModel.MODEL_ID, json));
            }
            producer.send(new ProducerRecord<>(topics.inferences(), 0, LoanModel.MODEL_ID, "{\"eventId\": 1"));
        }
    }

}
