package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.InferenceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistriesTest {

    @AfterEach
    void dropScopes() {
        SchemaRegistries.dropScope("registries-a");
        SchemaRegistries.dropScope("registries-b");
    }

    @Test
    void forUrlSameScopeReturnsSameInstance() {
        SchemaRegistryClient first = SchemaRegistries.forUrl("mock://registries-a");
        SchemaRegistryClient second = SchemaRegistries.forUrl(" mock://registries-a ");

        assertThat(second).isSameAs(first);
        assertThat(first).isInstanceOf(InMemorySchemaRegistry.class);
    }

    @Test
    void forUrlSameScopeSharesSchemas() {
        int id = SchemaRegistries.forUrl("mock://registries-a").register("inference-value",
                InferenceEvent.getClassSchema());

        assertThat(SchemaRegistries.forUrl("mock://registries-a").schemaById(id))
                .isEqualTo(InferenceEvent.getClassSchema());
    }

    @Test
    void forUrlOtherScopeIsSeparate() {
        int id = SchemaRegistries.forUrl("mock://registries-a").register("inference-value",
                InferenceEvent.getClassSchema());
        SchemaRegistryClient other = SchemaRegistries.forUrl("mock://registries-b");

        assertThat(other).isNotSameAs(SchemaRegistries.forUrl("mock://registries-a"));
        assertThatThrownBy(() -> other.schemaById(id)).isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void dropScopeStartsEmptyRegistry() {
        SchemaRegistryClient before = SchemaRegistries.forUrl("mock://registries-a");
        int id = before.register("inference-value", InferenceEvent.getClassSchema());

        SchemaRegistries.dropScope("registries-a");
        SchemaRegistryClient after = SchemaRegistries.forUrl("mock://registries-a");

        assertThat(after).isNotSameAs(before);
        assertThatThrownBy(() -> after.schemaById(id)).isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void forUrlHttpRejectedNamingMockScheme() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl("http://localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://localhost:8081")
                .hasMessageContaining("supports only mock://NAME");
    }

    @Test
    void forUrlSeveralUrlsRejected() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl("mock://registries-a,mock://registries-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("several URLs");
    }

    @Test
    void forUrlEmptyScopeRejected() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl("mock://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope name after mock:// is empty");
    }

    @Test
    void forUrlBlankRejected() {
        assertThatThrownBy(() -> SchemaRegistries.forUrl(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistries.forUrl(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing schema.registry.url");
    }
}
