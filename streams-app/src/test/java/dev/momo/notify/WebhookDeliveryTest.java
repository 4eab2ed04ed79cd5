package dev.momo.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void waitBeforeRetry_doublesUpToMaxBackoff() {
        final WebhookDelivery delivery = delivery("1s", "5s");

        assertThat(delivery.waitBeforeRetry(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(delivery.waitBeforeRetry(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.waitBeforeRetry(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(delivery.waitBeforeRetry(4, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(delivery.waitBeforeRetry(1_000, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void waitBeforeRetry_prefersRetryAfterWithinCap() {
        final WebhookDelivery delivery = delivery("1s", "5s");

        assertThat(delivery.waitBeforeRetry(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(delivery.waitBeforeRetry(3, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
        assertThat(delivery.waitBeforeRetry(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfter_readsSeconds() {
        assertThat(WebhookDelivery.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(WebhookDelivery.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfter_readsHttpDate() {
        // 90 s after NOW, and a date before NOW.
        assertThat(WebhookDelivery.retryAfter("Wed, 21 Oct 2015 07:29:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(WebhookDelivery.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfter_ignoresInvalidValues() {
        assertThat(WebhookDelivery.retryAfter("soon", NOW)).isEmpty();
        assertThat(WebhookDelivery.retryAfter("-5", NOW)).isEmpty();
        assertThat(WebhookDelivery.retryAfter("1.5", NOW)).isEmpty();
        assertThat(WebhookDelivery.retryAfter("", NOW)).isEmpty();
    }

    @Test
    void idempotencyKey_joinsIdStateAndWindow() {
        assertThat(WebhookDelivery.idempotencyKey(Alerts.alert("churn/income/psi", AlertSeverity.WARNING,
                AlertState.UPDATED, 42))).isEqualTo("churn/income/psi:UPDATED:42");
    }

    @Test
    void idempotencyKey_percentEncodesNonAscii() {
        // UTF-8 of 'ñ' is C3 B1 and of '€' is E2 82 AC; '%' itself is 25 and a line feed 0A.
        assertThat(WebhookDelivery.idempotencyKey(Alerts.alert("año/€%\n", AlertSeverity.WARNING,
                AlertState.OPENED, 1))).isEqualTo("a%C3%B1o/%E2%82%AC%25%0A:OPENED:1");
    }

    private static WebhookDelivery delivery(final String backoff, final String maxBackoff) {
        return new WebhookDelivery(WebhookSettings.parse(Map.of(
                "momo.webhook.url", "http://127.0.0.1:9/unused",
                "momo.webhook.backoff", backoff,
                "momo.webhook.max-backoff", maxBackoff)).get(0));
    }
}
