package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static dev.momo.registry.TestClients.userV1;
import static dev.momo.registry.TestClients.userV2Compatible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.momo.serde.UnknownSchemaException;
import dev.momo.testing.FakeSchemaRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which lookups reach the server and which the client serves from its caches. */
class RestSchemaRegistryCacheTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void schemaByIdFetchedOnce() {
        final int id = fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(fake.baseUrl());

        for (int i = 0; i < 3; i++) {
            assertThat(registry.schemaById(id)).isEqualTo(userV1());
        }

        assertThat(fake.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(1);
    }

    @Test
    void registeredSchemaNotFetchedById() {
        final RestSchemaRegistry registry = client(fake.baseUrl());

        final int id = registry.register("users-value", userV1());

        assertThat(registry.schemaById(id)).isEqualTo(userV1());
        assertThat(fake.requestCount("GET", "/schemas/ids/" + id)).isZero();
    }

    @Test
    void registerCachedPerSubjectAndSchema() {
        final RestSchemaRegistry registry = client(fake.baseUrl());

        registry.register("users-value", userV1());
        registry.register("users-value", userV1());
        registry.register("people-value", userV1());

        assertThat(fake.requestCount("POST", "/subjects/users-value/versions")).isEqualTo(1);
        assertThat(fake.requestCount("POST", "/subjects/people-value/versions")).isEqualTo(1);
    }

    @Test
    void registeredIdAnswersLookUp() {
        final RestSchemaRegistry registry = client(fake.baseUrl());

        final int id = registry.register("users-value", userV1());

        assertThat(registry.lookUpId("users-value", userV1())).isEqualTo(id);
        assertThat(fake.requestCount("POST", "/subjects/users-value")).isZero();
    }

    @Test
    void unknownIdNotCached() {
        final RestSchemaRegistry registry = client(fake.baseUrl());
        catchThrowableOfType(() -> registry.schemaById(1), UnknownSchemaException.class);

        final int id = fake.register("users-value", userV1());

        assertThat(id).isEqualTo(1);
        assertThat(registry.schemaById(1)).isEqualTo(userV1());
    }

    @Test
    void latestVersionCachedUntilTimeToLive() {
        final AtomicLong nanos = new AtomicLong(1_000);
        fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(nanos::get, fake.baseUrl(),
                RegistrySettings.LATEST_CACHE_TTL_KEY, "300");
        assertThat(registry.latestVersion("users-value").version()).isEqualTo(1);

        fake.register("users-value", userV2Compatible());
        nanos.addAndGet(Duration.ofSeconds(300).toNanos() - 1);
        final RegisteredSchema beforeExpiry = registry.latestVersion("users-value");
        nanos.addAndGet(1);
        final RegisteredSchema afterExpiry = registry.latestVersion("users-value");

        assertThat(beforeExpiry.version()).isEqualTo(1);
        assertThat(afterExpiry.version()).isEqualTo(2);
        assertThat(afterExpiry.schema()).isEqualTo(userV2Compatible());
        assertThat(fake.requestCount("GET", "/subjects/users-value/versions/latest")).isEqualTo(2);
    }

    @Test
    void latestDefaultTtlFiveMinutes() {
        final AtomicLong nanos = new AtomicLong();
        fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(nanos::get, fake.baseUrl());

        registry.latestVersion("users-value");
        nanos.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
        registry.latestVersion("users-value");
        nanos.addAndGet(1);
        registry.latestVersion("users-value");

        assertThat(fake.requestCount("GET", "/subjects/users-value/versions/latest")).isEqualTo(2);
    }

    @Test
    void latestVersionTimeToLiveZeroAlwaysFetches() {
        fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(fake.baseUrl(), RegistrySettings.LATEST_CACHE_TTL_KEY, "0");

        registry.latestVersion("users-value");
        registry.latestVersion("users-value");

        assertThat(fake.requestCount("GET", "/subjects/users-value/versions/latest")).isEqualTo(2);
    }

    @Test
    void latestVersionFillsIdCache() {
        final int id = fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(fake.baseUrl());

        registry.latestVersion("users-value");

        assertThat(registry.schemaById(id)).isEqualTo(userV1());
        assertThat(fake.requestCount("GET", "/schemas/ids/" + id)).isZero();
    }

    @Test
    void capacityEvictsLeastRecentlyUsedId() {
        final int first = fake.register("a-value", TestClients.record("A"));
        final int second = fake.register("b-value", TestClients.record("B"));
        final int third = fake.register("c-value", TestClients.record("C"));
        final RestSchemaRegistry registry = client(fake.baseUrl(), RegistrySettings.CACHE_CAPACITY_KEY, "2");

        registry.schemaById(first);
        registry.schemaById(second);
        registry.schemaById(first);
        registry.schemaById(third);
        registry.schemaById(first);
        registry.schemaById(second);

        assertThat(fake.requestCount("GET", "/schemas/ids/" + first)).isEqualTo(1);
        assertThat(fake.requestCount("GET", "/schemas/ids/" + second)).isEqualTo(2);
        assertThat(fake.requestCount("GET", "/schemas/ids/" + third)).isEqualTo(1);
    }
}
