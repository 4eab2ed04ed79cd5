package dev.momo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.metrics.MomoMetrics;
import dev.momo.registry.RegistrySettings;
import dev.momo.registry.RestSchemaRegistry;
import dev.momo.testing.FakeSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record whose schema the registry cannot serve because the registry is down or refuses the
 * credentials is not bad data: the task fails and reads it again later, and nothing goes to the
 * dead-letter topic. A schema id the registry does not know is the record's fault and is dead-lettered.
 */
class RegistryOutageTest {

    @TempDir
    Path stateDir;

    @Test
    void unreachableRegistry_failsTheTaskAndDeadLettersNothing() {
        final RestSchemaRegistry registry = new RestSchemaRegistry(RegistrySettings.parse(Map.of(
                "schema.registry.url", "http://127.0.0.1:1", "max.retries", "0", "http.connect.timeout.ms", "500")));

        try (MomoMetrics metrics = new MomoMetrics(); TopologyTestDriver driver = driver(registry, metrics)) {
            assertThatThrownBy(() -> input(driver).pipeInput(wireFormat(7)))
                    .hasStackTraceContaining("RegistryException");
            assertThat(deadLetters(driver).isEmpty()).isTrue();
        }
    }

    @Test
    void rejectedCredentials_failTheTaskAndDeadLetterNothing() {
        try (FakeSchemaRegistry server = FakeSchemaRegistry.builder().basicAuth("momo", "right").start();
             MomoMetrics metrics = new MomoMetrics()) {
            final RestSchemaRegistry registry = new RestSchemaRegistry(RegistrySettings.parse(Map.of(
                    "schema.registry.url", server.baseUrl(), "basic.auth.user.info", "momo:wrong",
                    "max.retries", "0")));
            try (TopologyTestDriver driver = driver(registry, metrics)) {
                assertThatThrownBy(() -> input(driver).pipeInput(wireFormat(7))).hasStackTraceContaining("401");
                assertThat(deadLetters(driver).isEmpty()).isTrue();
            }
        }
    }

    @Test
    void unknownSchemaId_isDeadLettered() {
        try (FakeSchemaRegistry server = FakeSchemaRegistry.start(); MomoMetrics metrics = new MomoMetrics()) {
            final RestSchemaRegistry registry = new RestSchemaRegistry(RegistrySettings.parse(Map.of(
                    "schema.registry.url", server.baseUrl())));
            try (TopologyTestDriver driver = driver(registry, metrics)) {
                input(driver).pipeInput(wireFormat(999));

                assertThat(deadLetters(driver).readRecordsToList()).singleElement().satisfies(record ->
                        assertThat(new String(record.headers().lastHeader("momo.error.reason").value()))
                                .isEqualTo("unknown_schema"));
            }
        }
    }

    /** Magic byte 0, the schema id, and a few bytes of body: enough to make the decoder look the id up. */
    private static byte[] wireFormat(final int schemaId) {
        return ByteBuffer.allocate(8).put((byte) 0).putInt(schemaId).put(new byte[] {2, 4, 6}).array();
    }

    private TopologyTestDriver driver(final RestSchemaRegistry registry, final MomoMetrics metrics) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-outage-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return new TopologyTestDriver(MomoTopology.build(Topics.DEFAULTS, WindowSettings.count(100), 1, registry,
                metrics), props);
    }

    private static TestInputTopic<byte[], byte[]> input(final TopologyTestDriver driver) {
        return driver.createInputTopic(Topics.DEFAULTS.inferences(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static TestOutputTopic<byte[], byte[]> deadLetters(final TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.DEFAULTS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
