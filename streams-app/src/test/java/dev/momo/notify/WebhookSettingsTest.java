package dev.momo.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void parseNamedWebhooks_readsEverySetting() {
        final List<WebhookSettings> webhooks = WebhookSettings.parse(Map.ofEntries(
                Map.entry("momo.webhooks", "pager, chat"),
                Map.entry("momo.webhook.pager.url", "https://pager.example.com/momo"),
                Map.entry("momo.webhook.pager.severities", "CRITICAL"),
                Map.entry("momo.webhook.pager.states", "opened,updated,resolved"),
                Map.entry("momo.webhook.pager.timeout", "PT2S"),
                Map.entry("momo.webhook.pager.max-attempts", "8"),
                Map.entry("momo.webhook.pager.backoff", "500ms"),
                Map.entry("momo.webhook.pager.max-backoff", "2m"),
                Map.entry("momo.webhook.pager.authorization", "Bearer abc"),
                Map.entry("momo.webhook.pager.queue-capacity", "100"),
                Map.entry("momo.webhook.chat.url", "http://chat.example.com:8080/hooks"),
                Map.entry("bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("momo.window.size", "100")));

        assertThat(webhooks).extracting(WebhookSettings::name).containsExactly("pager", "chat");
        final WebhookSettings pager = webhooks.get(0);
        assertThat(pager.url()).isEqualTo(URI.create("https://pager.example.com/momo"));
        assertThat(pager.severities()).containsExactly(AlertSeverity.CRITICAL);
        assertThat(pager.states()).containsExactly(AlertState.OPENED, AlertState.UPDATED, AlertState.RESOLVED);
        assertThat(pager.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pager.maxAttempts()).isEqualTo(8);
        assertThat(pager.backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(pager.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pager.authorization()).contains("Bearer abc");
        assertThat(pager.queueCapacity()).isEqualTo(100);
        assertThat(webhooks.get(1).url()).isEqualTo(URI.create("http://chat.example.com:8080/hooks"));
    }

    @Test
    void parseUrlOnly_appliesDefaults() {
        final WebhookSettings webhook = single(Map.of("momo.webhook.url", "https://alerts.example.com/momo"));

        assertThat(webhook.name()).isEqualTo("default");
        assertThat(webhook.severities()).containsExactly(AlertSeverity.WARNING, AlertSeverity.CRITICAL);
        assertThat(webhook.states()).containsExactly(AlertState.OPENED, AlertState.RESOLVED);
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(webhook.maxAttempts()).isEqualTo(5);
        assertThat(webhook.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhook.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(webhook.authorization()).isEmpty();
        assertThat(webhook.queueCapacity()).isEqualTo(10_000);
    }

    @Test
    void parseWithoutWebhookKeys_returnsEmptyList() {
        assertThat(WebhookSettings.parse(Map.of("bootstrap.servers", "127.0.0.1:9092"))).isEmpty();
        assertThat(WebhookSettings.parse(Map.of("momo.webhooks", ""))).isEmpty();
    }

    @Test
    void parseDefaultListed_readsShorthandKeys() {
        final WebhookSettings webhook = single(Map.of(
                "momo.webhooks", "default",
                "momo.webhook.url", "https://alerts.example.com/momo",
                "momo.webhook.timeout", "1s"));

        assertThat(webhook.name()).isEqualTo("default");
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void parseDurations_acceptShortAndIsoForms() {
        assertThat(timeout("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(timeout("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeout("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(timeout("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(timeout("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(timeout("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeout("P1D")).isEqualTo(Duration.ofDays(1));
        assertThat(timeout("1.5s")).isEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void missingUrl_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhooks", "pager",
                "momo.webhook.pager.timeout", "2s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing momo.webhook.pager.url")
                .hasMessageContaining("http or https URL");
    }

    @Test
    void missingUrlOfShorthandWebhook_namesShorthandKey() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.timeout", "2s")))
                .hasMessageContaining("missing momo.webhook.url");
    }

    @Test
    void ftpUrl_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.url", "ftp://files.example.com/alerts")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.webhook.url")
                .hasMessageContaining("'ftp://files.example.com/alerts'")
                .hasMessageContaining("scheme must be http or https");
    }

    @Test
    void malformedUrl_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.url", "https://exa mple.com")))
                .hasMessageContaining("invalid momo.webhook.url 'https://exa mple.com'")
                .hasMessageContaining("expected an http or https URL");
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.url", "alerts.example.com/momo")))
                .hasMessageContaining("scheme must be http or https");
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.url", "http:///momo")))
                .hasMessageContaining("no valid host name");
    }

    @Test
    void userInfoUrl_isRejectedAndHidden() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.url", "https://momo:hunter2@example.com/x")))
                .hasMessageContaining("must not contain user info")
                .hasMessageContaining("authorization")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownSeverity_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhook.url", "https://alerts.example.com/momo",
                "momo.webhook.severities", "critical,fatal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid momo.webhook.severities 'critical,fatal'")
                .hasMessageContaining("'fatal' is not allowed")
                .hasMessageContaining("warning, critical");
    }

    @Test
    void unknownState_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhook.url", "https://alerts.example.com/momo",
                "momo.webhook.states", "opened,closed")))
                .hasMessageContaining("'closed' is not allowed")
                .hasMessageContaining("opened, updated, resolved");
    }

    @Test
    void negativeTimeout_isRejected() {
        assertThatThrownBy(() -> timeout("-5s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid momo.webhook.timeout '-5s'")
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> timeout("-500ms")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> timeout("0s")).hasMessageContaining("must be positive");
    }

    @Test
    void unreadableDuration_isRejected() {
        assertThatThrownBy(() -> timeout("5 seconds"))
                .hasMessageContaining("invalid momo.webhook.timeout '5 seconds'")
                .hasMessageContaining("500ms, 5s, 2m, 1h or PT5S");
    }

    @Test
    void misspelledSetting_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhooks", "pager",
                "momo.webhook.pager.url", "https://pager.example.com/momo",
                "momo.webhook.pager.timout", "2s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'momo.webhook.pager.timout'")
                .hasMessageContaining("timeout");
    }

    @Test
    void misspelledWebhookName_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhooks", "pager",
                "momo.webhook.pager.url", "https://pager.example.com/momo",
                "momo.webhook.pagr.severities", "critical")))
                .hasMessageContaining("momo.webhook.pagr.severities configures the webhook 'pagr'")
                .hasMessageContaining("momo.webhooks=pager does not list");
    }

    @Test
    void namedKeysWithoutList_areRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhook.pager.url", "https://pager.example.com/momo")))
                .hasMessageContaining("momo.webhooks is not set")
                .hasMessageContaining("momo.webhooks=pager");
    }

    @Test
    void shorthandKeysWithUnrelatedList_areRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhooks", "pager",
                "momo.webhook.pager.url", "https://pager.example.com/momo",
                "momo.webhook.url", "https://alerts.example.com/momo")))
                .hasMessageContaining("momo.webhook.url configures the webhook 'default'");
    }

    @Test
    void shorthandAndNamedDefaultTogether_areRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of(
                "momo.webhooks", "default",
                "momo.webhook.url", "https://a.example.com/momo",
                "momo.webhook.default.url", "https://b.example.com/momo")))
                .hasMessageContaining("momo.webhook.default.url")
                .hasMessageContaining("momo.webhook.url")
                .hasMessageContaining("keep one");
    }

    @Test
    void invalidList_isRejected() {
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhooks", "pager,pager")))
                .hasMessageContaining("'pager' is listed twice");
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhooks", "pager,,chat")))
                .hasMessageContaining("invalid momo.webhooks 'pager,,chat'");
        assertThatThrownBy(() -> WebhookSettings.parse(Map.of("momo.webhooks", "on.call")))
                .hasMessageContaining("'on.call' is not a webhook name");
    }

    @Test
    void maxAttemptsBelowOne_isRejected() {
        assertThatThrownBy(() -> withSetting("max-attempts", "0"))
                .hasMessageContaining("invalid momo.webhook.max-attempts '0'")
                .hasMessageContaining("whole number from 1");
        assertThatThrownBy(() -> withSetting("max-attempts", "three"))
                .hasMessageContaining("invalid momo.webhook.max-attempts 'three'");
        assertThatThrownBy(() -> withSetting("queue-capacity", "-1"))
                .hasMessageContaining("invalid momo.webhook.queue-capacity '-1'");
    }

    @Test
    void maxBackoffBelowBackoff_isRejected() {
        assertThatThrownBy(() -> withSetting("backoff", "2m"))
                .hasMessageContaining("momo.webhook.max-backoff (default) is shorter than momo.webhook.backoff '2m'");
    }

    @Test
    void emptyValue_isRejected() {
        assertThatThrownBy(() -> withSetting("states", ""))
                .hasMessageContaining("momo.webhook.states is empty");
    }

    @Test
    void authorizationSecret_isAbsentFromToString() {
        final WebhookSettings webhook = withSetting("authorization", "Bearer s3cr3t");

        assertThat(webhook.toString()).doesNotContain("s3cr3t").contains("authorization=(set)");
    }

    @Test
    void urlQuery_isHidden() {
        final WebhookSettings webhook = single(Map.of("momo.webhook.url", "https://chat.example.com:8443/hook?key=k3y#top"));

        assertThat(webhook.displayUrl()).isEqualTo("https://chat.example.com:8443/hook");
        assertThat(webhook.toString()).doesNotContain("k3y");
    }

    @Test
    void invalidAuthorization_isRejectedAndHidden() {
        assertThatThrownBy(() -> withSetting("authorization", "Bearer s3cr3t\r\nX-Injected: 1"))
                .hasMessageContaining("invalid momo.webhook.authorization")
                .hasMessageContaining("control character")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void misspelledAuthorizationKey_hidesValue() {
        assertThatThrownBy(() -> withSetting("authorisation", "Bearer s3cr3t"))
                .hasMessageContaining("unknown setting 'momo.webhook.authorisation'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void constructor_rejectsEmptyStates() {
        assertThatThrownBy(() -> new WebhookSettings("pager", URI.create("https://pager.example.com"),
                EnumSet.of(AlertSeverity.CRITICAL), EnumSet.noneOf(AlertState.class), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), 1))
                .hasMessageContaining("no states");
    }

    @Test
    void keys_listNamedAndShorthandKeys() {
        assertThat(WebhookSettings.keys(Map.of("momo.webhooks", "pager, chat")))
                .contains("momo.webhooks", "momo.webhook.url", "momo.webhook.pager.url",
                        "momo.webhook.chat.authorization", "momo.webhook.chat.queue-capacity")
                .hasSize(1 + 3 * 9);
    }

    @Test
    void isWebhookKey_matchesPrefixOnly() {
        assertThat(WebhookSettings.isWebhookKey("momo.webhooks")).isTrue();
        assertThat(WebhookSettings.isWebhookKey("momo.webhook.pager.url")).isTrue();
        assertThat(WebhookSettings.isWebhookKey("momo.webhookz")).isFalse();
        assertThat(WebhookSettings.isWebhookKey("momo.window.size")).isFalse();
    }

    private static WebhookSettings single(final Map<String, String> properties) {
        final List<WebhookSettings> webhooks = WebhookSettings.parse(properties);
        assertThat(webhooks).hasSize(1);
        return webhooks.get(0);
    }

    private static WebhookSettings withSetting(final String setting, final String value) {
        final Map<String, String> properties = new HashMap<>();
        properties.put("momo.webhook.url", "https://alerts.example.com/momo");
        properties.put("momo.webhook." + setting, value);
        return single(properties);
    }

    private static Duration timeout(final String text) {
        return withSetting("timeout", text).timeout();
    }
}
