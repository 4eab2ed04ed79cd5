package dev.momo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroClassTrust;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumers that docs/alerts.md shows, run against alert records as Momo writes them: an alert
 * opened, updated and resolved, and a second one left open. Both examples must end with the second
 * alert only, and the document must show the examples as they are here.
 */
class AlertConsumerExamplesTest {

    private static final String SCOPE = "alert-consumer-examples";
    private static final String TOPIC = "momo.alerts";
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void publishAlerts() {
        // main() trusts the schema package by a system property, which works only before Avro's
        // validator loads; in this JVM other code loaded it long ago.
        AvroClassTrust.trustSchemaPackage();
        broker = EmbeddedKafkaBroker.start();
        broker.createTopic(TOPIC, 1, Map.of());
        final SchemaRegistryClient registry = SchemaRegistries.forUrl("mock://" + SCOPE);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<DriftAlert> serializer = new AvroSerializer<>(registry)) {
            for (final DriftAlert alert : List.of(alert("a", AlertState.OPENED), alert("a", AlertState.UPDATED),
                    alert("b", AlertState.OPENED), alert("a", AlertState.RESOLVED))) {
                producer.send(new ProducerRecord<>(TOPIC, "car-loan", serializer.serialize(TOPIC, alert)));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        SchemaRegistries.dropScope(SCOPE);
    }

    @Test
    void javaExample_keepsTheAlertThatIsStillOpen() throws IOException {
        final OpenAlerts alerts = new OpenAlerts();
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "java-example");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 4 && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    alerts.apply(record.value());
                    read++;
                }
            }
        }

        assertThat(read).isEqualTo(4);
        assertThat(alerts.open()).containsOnlyKeys("b");
        assertThat(alerts.open().get("b").getSummary()).isEqualTo("summary of b OPENED");
    }

    @Test
    void pythonExample_keepsTheAlertThatIsStillOpen() throws Exception {
        final String python = pythonWithKafkaAndAvro();
        Assumptions.assumeTrue(python != null, "no python3 with the modules confluent_kafka and avro;"
                + " install Debian's python3-confluent-kafka and python3-avro to run the Python example");
        final Process process = new ProcessBuilder(python, ROOT.resolve("docs/examples/open_alerts.py").toString(),
                "--bootstrap", broker.bootstrapServers(), "--topic", TOPIC,
                "--schema", ROOT.resolve("schemas/src/main/avro/DriftAlert.avsc").toString(), "--idle-exit", "5")
                .redirectErrorStream(true).start();
        final boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        final String[] lines = output.strip().split("\n");
        final JsonNode open = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(open.size()).as(output).isEqualTo(1);
        assertThat(open.get("b").asText()).isEqualTo("summary of b OPENED");
    }

    @Test
    void alertsDocument_showsBothExamplesAsTheyAre() throws IOException {
        final String document = Files.readString(ROOT.resolve("docs/alerts.md"));
        final String java = Files.readString(ROOT.resolve(
                "streams-app/src/test/java/dev/momo/examples/OpenAlerts.java"));
        final String python = Files.readString(ROOT.resolve("docs/examples/open_alerts.py"));

        assertThat(document).contains(java.substring(java.indexOf("import dev.momo.schema.AlertState;")).strip());
        assertThat(document).contains(python.strip());
        assertThat(Files.readString(ROOT.resolve("docs/es/alertas.md"))).contains(python.strip());
    }

    /** The first python3 that imports both modules, or null. */
    private static String pythonWithKafkaAndAvro() throws InterruptedException {
        for (final String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                final Process probe = new ProcessBuilder(candidate, "-c", "import confluent_kafka, avro.io")
                        .redirectErrorStream(true).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // Not installed under this name: try the next one.
            }
        }
        return null;
    }

    private static DriftAlert alert(final String id, final AlertState state) {
        return DriftAlert.newBuilder().setAlertId(id).setModelId("car-loan").setModelVersion("1")
                .setFeature("car_value").setCheck("jensen_shannon").setSeverity(AlertSeverity.WARNING).setState(state)
                .setValue(0.2).setThreshold(0.1).setWindowIndex(3).setSampleSize(5000).setFirstSeen(Instant.EPOCH)
                .setUpdatedAt(Instant.EPOCH).setSubject("feature").setSummary("summary of " + id + " " + state)
                .setContributors(List.of()).setDriftedFeatures(List.of()).build();
    }
}
