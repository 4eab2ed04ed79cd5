package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static dev.momo.registry.TestClients.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.momo.testing.FakeSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https with a self-signed certificate that the JDK's {@code keytool} generates for 127.0.0.1, trusted
 * through PKCS12 and JKS trust stores.
 */
class RestSchemaRegistryTlsTest {

    private static final String STORE_PASSWORD = "server-store-pw";
    private static final String TRUST_PASSWORD = "trust-store-pw";

    @TempDir
    static Path dir;

    private static SSLContext serverContext;
    private static SSLContext otherHostContext;
    private static Path pkcs12TrustStore;
    private static Path jksTrustStore;

    @BeforeAll
    static void createCertificates() throws Exception {
        final Path server = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", server.toString(), "-storepass", STORE_PASSWORD);
        final Path certificate = dir.resolve("registry.pem");
        keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", server.toString(),
                "-storepass", STORE_PASSWORD, "-file", certificate.toString());
        pkcs12TrustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", pkcs12TrustStore.toString(), "-storepass", TRUST_PASSWORD);
        jksTrustStore = dir.resolve("trust.jks");
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "JKS", "-keystore", jksTrustStore.toString(), "-storepass", TRUST_PASSWORD);
        serverContext = serverContext(server);

        // A certificate for another host name, which the trust store trusts but which does not name 127.0.0.1.
        final Path other = dir.resolve("other.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=registry.example.com", "-ext", "SAN=DNS:registry.example.com", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", other.toString(), "-storepass", STORE_PASSWORD);
        final Path otherCertificate = dir.resolve("other.pem");
        keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", other.toString(),
                "-storepass", STORE_PASSWORD, "-file", otherCertificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "other", "-file", otherCertificate.toString(),
                "-storetype", "PKCS12", "-keystore", pkcs12TrustStore.toString(), "-storepass", TRUST_PASSWORD);
        otherHostContext = serverContext(other);
    }

    @Test
    void pkcs12TrustStoreTrustsSelfSignedServer() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().https(serverContext).start()) {
            final int id = fake.register("users-value", userV1());

            final RestSchemaRegistry registry = client(fake.baseUrl(),
                    RegistrySettings.TRUSTSTORE_LOCATION_KEY, pkcs12TrustStore.toString(),
                    RegistrySettings.TRUSTSTORE_PASSWORD_KEY, TRUST_PASSWORD);

            assertThat(fake.baseUrl()).startsWith("https://127.0.0.1:");
            assertThat(registry.schemaById(id)).isEqualTo(userV1());
        }
    }

    @Test
    void jksTrustStoreTrustsSelfSignedServer() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().https(serverContext).start()) {
            final int id = fake.register("users-value", userV1());

            final RestSchemaRegistry registry = client(fake.baseUrl(),
                    RegistrySettings.TRUSTSTORE_LOCATION_KEY, jksTrustStore.toString(),
                    RegistrySettings.TRUSTSTORE_PASSWORD_KEY, TRUST_PASSWORD,
                    RegistrySettings.TRUSTSTORE_TYPE_KEY, "jks");

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
        }
    }

    @Test
    void defaultTrustStoreRejectsSelfSignedServer() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().https(serverContext).start()) {
            final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl()).schemaById(1),
                    RegistryException.class);

            assertThat(error.status()).isEqualTo(RegistryException.NO_RESPONSE);
            assertThat(error.getMessage())
                    .contains("not trusted")
                    .contains("schema.registry.ssl.truststore.location")
                    .contains("failed on attempt 1");
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void certificateForOtherHostRejected() {
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.builder().https(otherHostContext).start()) {
            final RegistryException error = catchThrowableOfType(() -> client(fake.baseUrl(),
                    RegistrySettings.TRUSTSTORE_LOCATION_KEY, pkcs12TrustStore.toString(),
                    RegistrySettings.TRUSTSTORE_PASSWORD_KEY, TRUST_PASSWORD).schemaById(1), RegistryException.class);

            assertThat(error.getMessage()).contains("names the host of the URL");
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void wrongTrustStorePasswordRejectedNamingKey() {
        assertThatThrownBy(() -> client("https://127.0.0.1:8081",
                RegistrySettings.TRUSTSTORE_LOCATION_KEY, pkcs12TrustStore.toString(),
                RegistrySettings.TRUSTSTORE_PASSWORD_KEY, "not-the-password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void fileThatIsNoTrustStoreRejected() throws IOException {
        final Path text = Files.writeString(dir.resolve("notes.txt"), "not a key store", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> client("https://127.0.0.1:8081",
                RegistrySettings.TRUSTSTORE_LOCATION_KEY, text.toString(),
                RegistrySettings.TRUSTSTORE_PASSWORD_KEY, TRUST_PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("PKCS12 or JKS");
    }

    private static SSLContext serverContext(final Path keyStore) throws Exception {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(final String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
