package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroDeserializer;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.InMemorySchemaRegistry;
import dev.momo.serde.SchemaRegistries;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.serde.SubjectNameStrategy;
import dev.momo.serde.UnknownSchemaException;
import dev.momo.testing.FakeSchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AvroSerializer, RestSchemaRegistry, the fake server and AvroDeserializer together. */
class RegistryRoundTripTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
        SchemaRegistries.dropScope("round-trip");
    }

    @Test
    void recordRoundTripsThroughServer() {
        final InferenceEvent event = SubjectNameStrategyTest.event();

        final byte[] bytes = new AvroSerializer<InferenceEvent>(client(fake.baseUrl())).serialize("momo.inferences", event);
        final InferenceEvent read = new AvroDeserializer<>(InferenceEvent.class, client(fake.baseUrl()))
                .deserialize("momo.inferences", bytes);

        assertThat(read).isEqualTo(event);
        assertThat(fake.subjects()).containsExactly("momo.inferences-value");
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(fake.schemaIds("momo.inferences-value").get(0));
        assertThat(fake.requestCount("GET", "/schemas/ids/" + ByteBuffer.wrap(bytes, 1, 4).getInt())).isEqualTo(1);
    }

    @Test
    void recordNameStrategyRegistersUnderFullName() {
        final byte[] bytes = new AvroSerializer<InferenceEvent>(client(fake.baseUrl()), SubjectNameStrategy.RECORD_NAME)
                .serialize("momo.inferences", SubjectNameStrategyTest.event());

        assertThat(fake.subjects()).containsExactly("dev.momo.schema.InferenceEvent");
        assertThat(new AvroDeserializer<>(InferenceEvent.class, client(fake.baseUrl()))
                .deserialize("momo.inferences", bytes)).isEqualTo(SubjectNameStrategyTest.event());
    }

    @Test
    void unknownIdReachesDeserializerAsUnknownSchema() {
        final byte[] bytes = ByteBuffer.allocate(6).put((byte) 0).putInt(42).put((byte) 0).array();

        assertThatThrownBy(() -> new AvroDeserializer<>(InferenceEvent.class, client(fake.baseUrl()))
                .deserialize("momo.inferences", bytes))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("unknown schema id 42")
                .hasMessageContaining("40403");
    }

    @Test
    void forConfigHttpUrlReturnsRestClient() {
        final SchemaRegistryClient registry = SchemaRegistries.forConfig(Map.of(
                "schema.registry.url", fake.baseUrl(), "max.retries", "1", "bootstrap.servers", "localhost:9092"));

        assertThat(registry).isInstanceOf(RestSchemaRegistry.class);
        assertThat(((RestSchemaRegistry) registry).settings().maxRetries()).isEqualTo(1);
        final int id = registry.register("users-value", TestClients.userV1());
        assertThat(fake.schemaIds("users-value")).containsExactly(id);
    }

    @Test
    void forConfigMockUrlSharesRegistry() {
        final SchemaRegistryClient first = SchemaRegistries.forConfig(Map.of("schema.registry.url", "mock://round-trip"));
        final SchemaRegistryClient second = SchemaRegistries.forUrl("mock://round-trip");

        assertThat(first).isInstanceOf(InMemorySchemaRegistry.class).isSameAs(second);
    }

    @Test
    void forConfigMissingUrlRejected() {
        assertThatThrownBy(() -> SchemaRegistries.forConfig(Map.of("max.retries", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing schema.registry.url")
                .hasMessageContaining("mock://NAME");
    }

    @Test
    void forConfigInvalidSettingRejectedNamingKey() {
        assertThatThrownBy(() -> SchemaRegistries.forConfig(Map.of("schema.registry.url", fake.baseUrl(),
                "http.read.timeout.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid http.read.timeout.ms 'soon'");
    }

    @Test
    void forUrlHttpRejectedWithoutUserInfo() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl("http://user:pw-secret@registry:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SchemaRegistries.forConfig")
                .hasMessageContaining("http://***@registry:8081")
                .hasMessageNotContaining("pw-secret");
        assertThatThrownBy(() -> SchemaRegistries.forUrl("http://a:8081,http://u:pw-secret@b:8081"))
                .hasMessageContaining("several URLs")
                .hasMessageNotContaining("pw-secret");
    }
}
