package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static dev.momo.registry.TestClients.closedPort;
import static dev.momo.registry.TestClients.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.momo.testing.FakeSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Basic and bearer credentials reach the server, and no secret reaches a message or toString. */
class RestSchemaRegistryAuthTest {

    private static final String USER = "momo";
    private static final String PASSWORD = "s3cret:with-colon";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.token-42";

    @Test
    void basicUserInfoSendsBasicHeader() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().basicAuth(USER, PASSWORD).start()) {
            final int id = fake.register("users-value", userV1());

            final RestSchemaRegistry registry = client(fake.baseUrl(),
                    RegistrySettings.BASIC_AUTH_SOURCE_KEY, "USER_INFO",
                    RegistrySettings.BASIC_AUTH_USER_INFO_KEY, USER + ":" + PASSWORD);

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
            // RFC 7617 section 2: base64 of user-id ":" password.
            final String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(fake.requests().get(0).header("Authorization")).contains(expected);
        }
    }

    @Test
    void basicUserInfoWithoutSourceUsesUserInfo() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().basicAuth(USER, PASSWORD).start()) {
            final int id = fake.register("users-value", userV1());

            final RestSchemaRegistry registry = client(fake.baseUrl(),
                    RegistrySettings.BASIC_AUTH_USER_INFO_KEY, USER + ":" + PASSWORD);

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
        }
    }

    @Test
    void urlUserInfoSendsDecodedBasicHeader() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().basicAuth(USER, "p@ss word").start()) {
            final int id = fake.register("users-value", userV1());
            final String url = fake.baseUrl().replace("http://", "http://" + USER + ":p%40ss%20word@");

            final RestSchemaRegistry registry = client(url);

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
            assertThat(fake.requests().get(0).header("Authorization").orElseThrow()).startsWith("Basic ");
        }
    }

    @Test
    void bearerTokenSendsBearerHeader() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().bearerToken(TOKEN).start()) {
            final int id = fake.register("users-value", userV1());

            final RestSchemaRegistry registry = client(fake.baseUrl(),
                    RegistrySettings.BEARER_AUTH_SOURCE_KEY, "STATIC_TOKEN",
                    RegistrySettings.BEARER_AUTH_TOKEN_KEY, TOKEN);

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
            assertThat(fake.requests().get(0).header("Authorization")).contains("Bearer " + TOKEN);
        }
    }

    @Test
    void missingCredentialsGetUnauthorized() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().bearerToken(TOKEN).start()) {
            final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl()).schemaById(1),
                    RegistryException.class);

            assertThat(error.status()).isEqualTo(401);
            assertThat(error.getMessage()).contains("Check the credentials").contains("bearer.auth.token");
            assertThat(fake.requests().get(0).header("Authorization")).isEmpty();
        }
    }

    @Test
    void wrongPasswordErrorOmitsPassword() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().basicAuth(USER, PASSWORD).start()) {
            final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl(),
                    RegistrySettings.BASIC_AUTH_USER_INFO_KEY, USER + ":wrong-" + PASSWORD).schemaById(1),
                    RegistryException.class);

            assertThat(error.status()).isEqualTo(401);
            assertThat(error.getMessage()).contains("basic.auth.user.info").doesNotContain(PASSWORD);
        }
    }

    @Test
    void toStringOmitsEverySecret() {
        final String url = "http://" + USER + ":" + PASSWORD.replace(":", "%3A") + "@127.0.0.1:8081";
        final RestSchemaRegistry fromUrl = client(url);
        final RestSchemaRegistry fromUserInfo = client("http://127.0.0.1:8081",
                RegistrySettings.BASIC_AUTH_USER_INFO_KEY, USER + ":" + PASSWORD);
        final RestSchemaRegistry fromToken = client("http://127.0.0.1:8081",
                RegistrySettings.BEARER_AUTH_TOKEN_KEY, TOKEN);

        for (final RestSchemaRegistry registry : new RestSchemaRegistry[] {fromUrl, fromUserInfo, fromToken}) {
            assertThat(registry.toString()).doesNotContain("s3cret").doesNotContain(TOKEN).doesNotContain(USER + ":");
            assertThat(registry.settings().toString()).doesNotContain("s3cret").doesNotContain(TOKEN);
        }
        assertThat(fromUrl.toString()).contains("http://127.0.0.1:8081 (basic auth)");
        assertThat(fromToken.toString()).contains("bearer token");
    }

    @Test
    void connectionErrorOmitsUrlUserInfo() {
        final String url = "http://" + USER + ":" + "pw-in-url@127.0.0.1:" + closedPort();

        final RegistryException error = catchThrowableOfType(
                () -> client(url, RegistrySettings.MAX_RETRIES_KEY, "0").schemaById(1), RegistryException.class);

        assertThat(error.getMessage()).doesNotContain("pw-in-url").doesNotContain(USER + ":");
    }

    @Test
    void credentialsOfUrlListApplyPerUrl() {
        try (FakeSchemaRegistry open = FakeSchemaRegistry.start();
             FakeSchemaRegistry secured = FakeSchemaRegistry.builder().basicAuth(USER, "pw").start()) {
            open.failNext(1, 503, 50003, "Error while forwarding the request to the leader");
            final int id = secured.register("users-value", userV1());
            final String securedUrl = secured.baseUrl().replace("http://", "http://" + USER + ":pw@");

            final RestSchemaRegistry registry = client(open.baseUrl() + "," + securedUrl);

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
            assertThat(open.requests().get(0).header("Authorization")).isEmpty();
            assertThat(secured.requests().get(0).header("Authorization")).isPresent();
        }
    }
}
