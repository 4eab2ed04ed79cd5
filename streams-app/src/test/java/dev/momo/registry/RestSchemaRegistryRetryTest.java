package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static dev.momo.registry.TestClients.closedPort;
import static dev.momo.registry.TestClients.userV1;
import static dev.momo.registry.TestClients.userV2Incompatible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.momo.serde.UnknownSchemaException;
import dev.momo.testing.FakeSchemaRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time-outs, retries with back-off, and fail-over across URLs. */
class RestSchemaRegistryRetryTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        final int id = fake.register("users-value", userV1());
        fake.failNext(1, 500, 50001, "Error in the backend data store");

        assertThat(client(fake.baseUrl()).schemaById(id)).isEqualTo(userV1());
        assertThat(fake.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(2);
    }

    @Test
    void serverErrorsExhaustRetries() {
        fake.failNext(10, 503, 50003, "Error while forwarding the request to the leader");

        final RegistryException error = catchThrowableOfType(
                () -> client(fake.baseUrl(), RegistrySettings.MAX_RETRIES_KEY, "2").schemaById(1),
                RegistryException.class);

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.errorCode()).isEqualTo(50003);
        assertThat(error.getMessage())
                .contains("after 3 attempts")
                .contains("forwarding the request to the leader")
                .contains("max.retries");
        assertThat(fake.requestCount("GET", "/schemas/ids/1")).isEqualTo(3);
    }

    @Test
    void noRetriesWhenMaxRetriesZero() {
        fake.failNext(5, 500, 50001, "Error in the backend data store");

        final RegistryException error = catchThrowableOfType(
                () -> client(fake.baseUrl(), RegistrySettings.MAX_RETRIES_KEY, "0").schemaById(1),
                RegistryException.class);

        assertThat(error.getMessage()).contains("after 1 attempt on");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void tooManyRequestsIsRetried() {
        final int id = fake.register("users-value", userV1());
        fake.failNext(1, 429, 42901, "Rate limit exceeded");

        assertThat(client(fake.baseUrl()).schemaById(id)).isEqualTo(userV1());
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void notFoundIsNotRetried() {
        catchThrowableOfType(() -> client(fake.baseUrl()).schemaById(7), UnknownSchemaException.class);

        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void conflictIsNotRetried() {
        fake.register("users-value", userV1());

        catchThrowableOfType(() -> client(fake.baseUrl()).register("users-value", userV2Incompatible()),
                RegistryException.class);

        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void unauthorizedIsNotRetried() {
        fake.failNext(1, 401, 401, "Unauthorized");

        final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl()).schemaById(1),
                RegistryException.class);

        assertThat(error.status()).isEqualTo(401);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void slowResponseTimesOutAndIsRetried() {
        final int id = fake.register("users-value", userV1());
        fake.delayNext(1, Duration.ofSeconds(3));

        final long start = System.nanoTime();
        final RestSchemaRegistry registry = client(fake.baseUrl(), RegistrySettings.READ_TIMEOUT_KEY, "300");

        assertThat(registry.schemaById(id)).isEqualTo(userV1());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void slowResponsesExhaustRetriesWithTimeoutMessage() {
        fake.delayNext(5, Duration.ofSeconds(3));

        final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl(),
                RegistrySettings.READ_TIMEOUT_KEY, "200", RegistrySettings.MAX_RETRIES_KEY, "1").schemaById(1),
                RegistryException.class);

        assertThat(error.status()).isEqualTo(RegistryException.NO_RESPONSE);
        assertThat(error.getMessage())
                .contains("after 2 attempts")
                .contains("timed out after 200 ms")
                .contains("http.read.timeout.ms");
    }

    @Test
    void connectionRefusedFailsNamingUrl() {
        final String url = "http://127.0.0.1:" + closedPort();

        final RegistryException error = catchThrowableOfType(
                () -> client(url, RegistrySettings.MAX_RETRIES_KEY, "1").schemaById(1), RegistryException.class);

        assertThat(error.status()).isEqualTo(RegistryException.NO_RESPONSE);
        assertThat(error.getMessage())
                .contains("GET /schemas/ids/1")
                .contains(url)
                .contains("after 2 attempts")
                .contains("connection failed")
                .contains("schema.registry.url is right and the registry is running");
    }

    @Test
    void secondUrlServesWhenFirstIsDown() {
        final int id = fake.register("users-value", userV1());
        final String down = "http://127.0.0.1:" + closedPort();

        final RestSchemaRegistry registry = client(down + "," + fake.baseUrl(), RegistrySettings.MAX_RETRIES_KEY, "0");

        assertThat(registry.schemaById(id)).isEqualTo(userV1());
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void urlThatAnsweredIsTriedFirstNextTime() {
        try (FakeSchemaRegistry failing = FakeSchemaRegistry.start()) {
            failing.failNext(1, 503, 50003, "Error while forwarding the request to the leader");
            final int first = fake.register("users-value", userV1());
            final int second = fake.register("orders-value", TestClients.record("Order"));
            final RestSchemaRegistry registry = client(failing.baseUrl() + "," + fake.baseUrl());

            registry.schemaById(first);
            registry.schemaById(second);

            assertThat(failing.requests()).hasSize(1);
            assertThat(fake.requests()).hasSize(2);
        }
    }

    @Test
    void backoffDoublesUpToMaximum() {
        final RegistryTransport transport = new RegistryTransport(RegistrySettings.parse(TestClients.config(
                fake.baseUrl(), RegistrySettings.RETRY_BACKOFF_KEY, "1000",
                RegistrySettings.MAX_RETRY_BACKOFF_KEY, "5000")));

        assertThat(transport.backoffBefore(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(transport.backoffBefore(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(transport.backoffBefore(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(transport.backoffBefore(5)).isEqualTo(Duration.ofMillis(5000));
        assertThat(transport.backoffBefore(60)).isEqualTo(Duration.ofMillis(5000));
    }
}
