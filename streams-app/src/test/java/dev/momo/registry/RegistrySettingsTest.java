package dev.momo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySettingsTest {

    @TempDir
    Path dir;

    @Test
    void parseDefaultsForUrlAlone() {
        final RegistrySettings settings = RegistrySettings.parse(Map.of("schema.registry.url", "http://localhost:8081"));

        assertThat(settings.endpoints()).containsExactly(
                new RegistryEndpoint(URI.create("http://localhost:8081"), RegistryCredentials.none()));
        assertThat(settings.trustStore()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxRetryBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.latestCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.cacheCapacity()).isEqualTo(1000);
    }

    @Test
    void parseReadsEveryNumericKey() {
        final RegistrySettings settings = RegistrySettings.parse(Map.of(
                "schema.registry.url", "http://localhost:8081",
                "http.connect.timeout.ms", "1500",
                "http.read.timeout.ms", "2500",
                "max.retries", "0",
                "retries.wait.ms", "0",
                "retries.max.wait.ms", "0",
                "latest.cache.ttl.sec", "0",
                "schema.registry.cache.capacity", "1"));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.maxRetries()).isZero();
        assertThat(settings.retryBackoff()).isZero();
        assertThat(settings.maxRetryBackoff()).isZero();
        assertThat(settings.latestCacheTtl()).isZero();
        assertThat(settings.cacheCapacity()).isEqualTo(1);
    }

    @Test
    void urlListKeepsOrderAndDropsTrailingSlash() {
        final RegistrySettings settings = RegistrySettings.parse(Map.of("schema.registry.url",
                " HTTP://registry-1:8081/ , https://registry-2/apis/ccompat/v7/"));

        assertThat(settings.endpoints()).extracting(RegistryEndpoint::url).containsExactly(
                URI.create("http://registry-1:8081"), URI.create("https://registry-2/apis/ccompat/v7"));
    }

    @Test
    void retryBackoffAboveDefaultMaximumRaisesMaximum() {
        final RegistrySettings settings = RegistrySettings.parse(Map.of("schema.registry.url", "http://r:8081",
                "retries.wait.ms", "30000"));

        assertThat(settings.maxRetryBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void missingUrlRejectedNamingKey() {
        assertThatThrownBy(() -> RegistrySettings.parse(Map.of("basic.auth.user.info", "u:p")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing schema.registry.url");
    }

    @Test
    void invalidUrlsRejectedNamingKey() {
        final Map<String, String> cases = Map.of(
                "ftp://registry:21", "http or https",
                "registry:8081", "http or https",
                "http://a:8081,,http://b:8081", "entry 2 of 3",
                "http://registry:8081?x=1", "query",
                "http://registry:80 81", "Illegal character",
                "mock://momo,http://b:8081", "mock://");
        cases.forEach((url, problem) -> assertThatThrownBy(
                () -> RegistrySettings.parse(Map.of("schema.registry.url", url)))
                .as(url)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining(problem));
    }

    @Test
    void invalidUrlMessageHidesUserInfo() {
        assertThatThrownBy(() -> RegistrySettings.parse(Map.of("schema.registry.url",
                "http://user:topsecret@registry:80 81")))
                .hasMessageContaining("http://***@registry")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void userInfoWithoutColonRejectedWithoutValue() {
        assertThatThrownBy(() -> parse("basic.auth.user.info", "just-a-token-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic.auth.user.info")
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("just-a-token-secret");
    }

    @Test
    void passwordMayContainColons() {
        final RegistrySettings settings = parse("basic.auth.user.info", "momo:a:b:c");

        assertThat(settings.endpoints().get(0).credentials()).isEqualTo(RegistryCredentials.basic("momo", "a:b:c"));
    }

    @Test
    void unsupportedBasicSourcesRejected() {
        assertThatThrownBy(() -> parse("basic.auth.credentials.source", "SASL_INHERIT"))
                .hasMessageContaining("basic.auth.credentials.source 'SASL_INHERIT'")
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> parse("basic.auth.credentials.source", "KERBEROS"))
                .hasMessageContaining("expected USER_INFO");
    }

    @Test
    void userInfoSourceWithoutUserInfoRejected() {
        assertThatThrownBy(() -> parse("basic.auth.credentials.source", "user_info"))
                .hasMessageContaining("missing basic.auth.user.info");
    }

    @Test
    void userInfoWithUrlSourceRejected() {
        assertThatThrownBy(() -> parse("basic.auth.credentials.source", "URL", "basic.auth.user.info", "u:secret-1"))
                .hasMessageContaining("takes the credentials from the URL")
                .hasMessageNotContaining("secret-1");
    }

    @Test
    void userInfoAndUrlUserInfoConflict() {
        assertThatThrownBy(() -> RegistrySettings.parse(Map.of("schema.registry.url", "http://u:secret-2@r:8081",
                "basic.auth.user.info", "u:secret-3")))
                .hasMessageContaining("conflicting Schema Registry credentials")
                .hasMessageNotContaining("secret-2")
                .hasMessageNotContaining("secret-3");
    }

    @Test
    void bearerAndBasicConflict() {
        assertThatThrownBy(() -> parse("bearer.auth.token", "token-secret", "basic.auth.user.info", "u:p"))
                .hasMessageContaining("conflicting Schema Registry credentials")
                .hasMessageContaining("keep one of them")
                .hasMessageNotContaining("token-secret");
    }

    @Test
    void bearerSourceWithoutTokenRejected() {
        assertThatThrownBy(() -> parse("bearer.auth.credentials.source", "STATIC_TOKEN"))
                .hasMessageContaining("missing bearer.auth.token");
    }

    @Test
    void unsupportedBearerSourceRejected() {
        assertThatThrownBy(() -> parse("bearer.auth.credentials.source", "OAUTHBEARER", "bearer.auth.token", "t"))
                .hasMessageContaining("supports only STATIC_TOKEN");
    }

    @Test
    void bearerTokenWithSpaceRejectedWithoutValue() {
        assertThatThrownBy(() -> parse("bearer.auth.token", "two words-secret"))
                .hasMessageContaining("bearer.auth.token")
                .hasMessageContaining("index 3")
                .hasMessageNotContaining("words-secret");
    }

    @Test
    void numbersOutOfRangeRejectedNamingKey() {
        final Map<String, String> cases = Map.of(
                "max.retries", "-1",
                "http.read.timeout.ms", "0",
                "http.connect.timeout.ms", "ten",
                "retries.wait.ms", "-5",
                "latest.cache.ttl.sec", "-1",
                "schema.registry.cache.capacity", "0");
        cases.forEach((key, value) -> assertThatThrownBy(() -> parse(key, value))
                .as(key)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid " + key + " '" + value + "'"));
    }

    @Test
    void maximumBackoffBelowBackoffRejected() {
        assertThatThrownBy(() -> parse("retries.wait.ms", "500", "retries.max.wait.ms", "100"))
                .hasMessageContaining("retries.max.wait.ms '100'")
                .hasMessageContaining("shorter than retries.wait.ms '500'");
    }

    @Test
    void trustStoreReadWithDefaultTypePkcs12() throws Exception {
        final Path file = Files.writeString(dir.resolve("trust.p12"), "placeholder");

        final RegistrySettings settings = parse("schema.registry.ssl.truststore.location", file.toString(),
                "schema.registry.ssl.truststore.password", "store-secret");

        assertThat(settings.trustStore().orElseThrow().type()).isEqualTo("PKCS12");
        assertThat(settings.trustStore().orElseThrow().password()).isEqualTo("store-secret");
        assertThat(settings.toString()).doesNotContain("store-secret");
    }

    @Test
    void trustStoreProblemsRejectedNamingKey() throws Exception {
        final Path file = Files.writeString(dir.resolve("trust.jks"), "placeholder");

        assertThatThrownBy(() -> parse("schema.registry.ssl.truststore.location", dir.resolve("none.p12").toString()))
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("no readable file");
        assertThatThrownBy(() -> parse("schema.registry.ssl.truststore.password", "pw"))
                .hasMessageContaining("missing schema.registry.ssl.truststore.location");
        assertThatThrownBy(() -> parse("schema.registry.ssl.truststore.location", file.toString(),
                "schema.registry.ssl.truststore.type", "PEM"))
                .hasMessageContaining("invalid schema.registry.ssl.truststore.type 'PEM'");
    }

    @Test
    void otherKeysIgnored() {
        final RegistrySettings settings = parse("bootstrap.servers", "localhost:9092", "momo.threads", "4");

        assertThat(settings.endpoints()).hasSize(1);
    }

    @Test
    void keysListEveryParsedKey() {
        assertThat(RegistrySettings.KEYS).contains("schema.registry.url", "basic.auth.credentials.source",
                "basic.auth.user.info", "bearer.auth.credentials.source", "bearer.auth.token",
                "schema.registry.ssl.truststore.location", "schema.registry.ssl.truststore.password",
                "schema.registry.ssl.truststore.type", "http.connect.timeout.ms", "http.read.timeout.ms",
                "max.retries", "retries.wait.ms", "retries.max.wait.ms", "latest.cache.ttl.sec",
                "schema.registry.cache.capacity").hasSize(15);
    }

    private static RegistrySettings parse(final String... pairs) {
        final Map<String, String> config = new HashMap<>();
        config.put("schema.registry.url", "http://registry:8081");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return RegistrySettings.parse(config);
    }
}
