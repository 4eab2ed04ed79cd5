package dev.momo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.testing.CapturedLogs;
import dev.momo.topology.Topics;
import dev.momo.topology.WindowSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MomoConfigTest {

    @TempDir
    Path directory;

    @Test
    void loadMinimalFile_appliesDefaults() throws IOException {
        final MomoConfig config = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"), Map.of());

        assertThat(config.streams().applicationId()).isEqualTo("momo");
        assertThat(config.streams().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.streams().threads()).isEqualTo(1);
        assertThat(config.streams().stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".momo", "state"));
        assertThat(config.streams().overrides()).isEmpty();
        assertThat(config.topics()).isEqualTo(Topics.DEFAULTS);
        assertThat(config.schemaRegistryUrl()).isEqualTo("mock://momo");
        assertThat(config.metricsHost()).isEqualTo("127.0.0.1");
        assertThat(config.metricsPort()).isEqualTo(9464);
    }

    @Test
    void loadMinimalFile_defaultsWindow() throws IOException {
        final WindowSettings window = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"), Map.of()).window();

        assertThat(window.mode()).isEqualTo(WindowSettings.Mode.TIME);
        assertThat(window.size()).isEqualTo(5000);
        assertThat(window.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(window.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(window.mergeTimeout()).isEqualTo(WindowSettings.DEFAULT_MERGE_TIMEOUT);
        assertThat(window.samplePoints()).isEqualTo(WindowSettings.DEFAULT_SAMPLE_POINTS);
    }

    @Test
    void labelDelay_defaultsToSevenDaysAndReadsTheEnvironment() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\n");

        assertThat(MomoConfig.load(file, Map.of()).labelDelay()).isEqualTo(Duration.ofDays(7));
        assertThat(MomoConfig.load(file, Map.of("MOMO_LABELS_DELAY", "36h")).labelDelay())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void loadEveryKey_readsValues() throws IOException {
        final Path file = write("""
                bootstrap.servers=broker:9092
                schema.registry.url=mock://other
                momo.application.id=momo-test
                momo.state.dir=/var/lib/momo
                momo.threads=4
                momo.window.mode=count
                momo.window.size=250
                momo.window.sample-points=500
                momo.window.merge-timeout=2s
                momo.metrics.port=0
                momo.topic.inferences=in
                momo.topic.dlq=dead
                """);

        final MomoConfig config = MomoConfig.load(file, Map.of());

        assertThat(config.streams().applicationId()).isEqualTo("momo-test");
        assertThat(config.streams().stateDir()).isEqualTo(Path.of("/var/lib/momo"));
        assertThat(config.streams().threads()).isEqualTo(4);
        assertThat(config.window().mode()).isEqualTo(WindowSettings.Mode.COUNT);
        assertThat(config.window().size()).isEqualTo(250);
        assertThat(config.window().samplePoints()).isEqualTo(500);
        assertThat(config.window().mergeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.metricsPort()).isZero();
        assertThat(config.schemaRegistryUrl()).isEqualTo("mock://other");
        assertThat(config.topics().inferences()).isEqualTo("in");
        assertThat(config.topics().deadLetters()).isEqualTo("dead");
        assertThat(config.topics().alerts()).isEqualTo(Topics.DEFAULTS.alerts());
    }

    @Test
    void loadDurations_acceptShortAndIsoForms() throws IOException {
        final Path file = write("""
                bootstrap.servers=127.0.0.1:9092
                momo.window.duration=PT1H
                momo.window.grace=45s
                momo.window.merge-timeout=1m
                """);

        final WindowSettings window = MomoConfig.load(file, Map.of()).window();

        assertThat(window.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(window.grace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(window.mergeTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void loadEnvironment_overridesFile() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.window.duration=5m\n");

        final MomoConfig config = MomoConfig.load(file, Map.of(
                "MOMO_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "MOMO_WINDOW_DURATION", "10m"));

        assertThat(config.streams().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.window().duration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void loadEnvironment_setsKeyAbsentFromFile() throws IOException {
        final Path file = write("momo.window.mode=count\n");

        final MomoConfig config = MomoConfig.load(file, Map.of(
                "MOMO_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "MOMO_WINDOW_MERGE_TIMEOUT", "3s",
                "MOMO_SCHEMA_REGISTRY_URL", "mock://from-env"));

        assertThat(config.streams().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.window().mergeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.schemaRegistryUrl()).isEqualTo("mock://from-env");
    }

    @Test
    void environmentName_followsDocumentedRule() {
        assertThat(MomoConfig.environmentName("momo.window.duration")).isEqualTo("MOMO_WINDOW_DURATION");
        assertThat(MomoConfig.environmentName("momo.window.merge-timeout")).isEqualTo("MOMO_WINDOW_MERGE_TIMEOUT");
        assertThat(MomoConfig.environmentName("bootstrap.servers")).isEqualTo("MOMO_BOOTSTRAP_SERVERS");
    }

    @Test
    void loadKafkaKeys_passToStreamsOverrides() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\ncommit.interval.ms=500\n");

        final MomoConfig config = MomoConfig.load(file, Map.of("MOMO_COMMIT_INTERVAL_MS", "250"));

        assertThat(config.streams().overrides()).containsExactly(Map.entry("commit.interval.ms", "250"));
    }

    @Test
    void loadUnknownMomoKey_rejectsListingKnownKeys() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.window.lenght=5m\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'momo.window.lenght'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("momo.window.duration")
                .hasMessageContaining("momo.topic.dlq");
    }

    @Test
    void loadBadNumber_messageNamesKeyAndValue() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.threads=two\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.threads")
                .hasMessageContaining("'two'");
    }

    @Test
    void loadBadEnvironmentNumber_namesKey() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of("MOMO_METRICS_PORT", "94x64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.metrics.port")
                .hasMessageContaining("'94x64'");
    }

    @Test
    void loadBadDuration_messageNamesKeyAndValue() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.window.grace=soon\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.window.grace")
                .hasMessageContaining("'soon'");
    }

    @Test
    void loadNegativeDuration_messageNamesKey() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.window.grace=-5s\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.window.grace")
                .hasMessageContaining("-5s");
    }

    @Test
    void loadBadMode_messageNamesKeyAndValue() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.window.mode=sliding\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.window.mode")
                .hasMessageContaining("'sliding'");
    }

    @Test
    void loadWithoutBootstrapServers_rejects() throws IOException {
        final Path file = write("momo.window.mode=count\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void loadAlertKeys_setTheLifecycle() throws IOException {
        final MomoConfig config = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"
                + "momo.alerts.open-after=1\nmomo.alerts.cooldown=5\n"), Map.of("MOMO_ALERTS_RESOLVE_AFTER", "4"));

        assertThat(config.alerts().openAfter()).isEqualTo(1);
        assertThat(config.alerts().cooldown()).isEqualTo(5);
        assertThat(config.alerts().resolveAfter()).isEqualTo(4);
        assertThat(config.webhooks()).isEmpty();
    }

    @Test
    void loadNamedWebhooks_fromFileAndEnvironment() throws IOException {
        final MomoConfig config = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"
                + "momo.webhooks=pager,chat\nmomo.webhook.pager.url=http://127.0.0.1:9000/pager\n"
                + "momo.webhook.pager.severities=critical\nmomo.webhook.chat.url=http://127.0.0.1:9000/chat\n"),
                Map.of("MOMO_WEBHOOK_CHAT_TIMEOUT", "2s", "MOMO_WEBHOOK_PAGER_AUTHORIZATION", "Bearer s3cret"));

        assertThat(config.webhooks()).extracting(webhook -> webhook.name()).containsExactly("pager", "chat");
        assertThat(config.webhooks().get(0).authorization()).contains("Bearer s3cret");
        assertThat(config.webhooks().get(1).timeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void loadWebhookListFromEnvironment_readsItsKeysFromTheEnvironment() throws IOException {
        final MomoConfig config = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"),
                Map.of("MOMO_WEBHOOKS", "ops", "MOMO_WEBHOOK_OPS_URL", "https://ops.example/momo"));

        assertThat(config.webhooks()).singleElement().satisfies(webhook ->
                assertThat(webhook.url().toString()).isEqualTo("https://ops.example/momo"));
    }

    @Test
    void loadMisspelledWebhookKey_isRejected() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.webhook.url=http://127.0.0.1:9000/x\n"
                + "momo.webhook.timout=2s\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.webhook.timout");
    }

    @Test
    void loadBadAlertValue_namesKey() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\nmomo.alerts.dataset-share=half\n");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of())).hasMessageContaining("momo.alerts.dataset-share")
                .hasMessageContaining("'half'");
    }

    @Test
    void loadMisspelledEnvironmentVariable_isReportedNotUsed() throws IOException {
        final Path file = write("bootstrap.servers=127.0.0.1:9092\n");
        try (CapturedLogs logs = new CapturedLogs("dev.momo.app")) {
            final MomoConfig config = MomoConfig.load(file, Map.of("MOMO_ALERTS_OPNE_AFTER", "1",
                    "MOMO_ALERTS_COOLDOWN", "0", "MOMO_JAVA_OPTS", "-Xmx1g"));

            assertThat(config.alerts().cooldown()).isZero();
            assertThat(config.alerts().openAfter()).isEqualTo(2);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN Environment variable MOMO_ALERTS_OPNE_AFTER"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("MOMO_ALERTS_COOLDOWN") || line.contains("MOMO_JAVA_OPTS"));
        }
    }

    @Test
    void loadRegistryKeys_goToTheRegistryNotToKafkaStreams() throws IOException {
        final MomoConfig config = MomoConfig.load(write("bootstrap.servers=127.0.0.1:9092\n"
                + "schema.registry.url=https://registry.example:8081\nbasic.auth.credentials.source=USER_INFO\n"),
                Map.of("MOMO_BASIC_AUTH_USER_INFO", "momo:s3cret"));

        assertThat(config.schemaRegistryUrl()).isEqualTo("https://registry.example:8081");
        assertThat(config.schemaRegistry()).containsEntry("basic.auth.user.info", "momo:s3cret");
        assertThat(config.streams().overrides()).doesNotContainKeys("schema.registry.url", "basic.auth.user.info",
                "basic.auth.credentials.source");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void loadMissingFile_messageNamesFile() {
        final Path file = directory.resolve("absent.properties");

        assertThatThrownBy(() -> MomoConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining(file.toString());
    }

    private Path write(final String content) throws IOException {
        final Path file = directory.resolve("momo.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
