package dev.momo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.notify.WebhookNotifier;
import dev.momo.notify.WebhookSettings;
import dev.momo.testing.PrometheusText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Momo's own metrics other than the drift gauges, read back from the text exposition. */
class MomoMetricsTest {

    @TempDir
    Path tempDir;

    private final MomoMetrics metrics = new MomoMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void labelJoined_observesDelayInSeconds() {
        metrics.labelJoined("fraud", 30_000);
        metrics.labelJoined("fraud", 7_200_000);

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_labels_joined_total", "model", "fraud")).isEqualTo(2.0);
        assertThat(scrape.value("momo_label_join_delay_seconds_count", "model", "fraud")).isEqualTo(2.0);
        assertThat(scrape.value("momo_label_join_delay_seconds_sum", "model", "fraud")).isEqualTo(7_230.0);
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", "fraud", "le", "10.0")).isZero();
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", "fraud", "le", "60.0"))
                .isEqualTo(1.0);
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", "fraud", "le", "10800.0"))
                .isEqualTo(2.0);
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", "fraud", "le", "+Inf"))
                .isEqualTo(2.0);
    }

    @Test
    void labelJoined_negativeDelayCountsAsZero() {
        metrics.labelJoined("fraud", -5_000);

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_label_join_delay_seconds_sum", "model", "fraud")).isZero();
        assertThat(scrape.value("momo_label_join_delay_seconds_bucket", "model", "fraud", "le", "1.0"))
                .isEqualTo(1.0);
    }

    @Test
    void labelDelayHistogram_hasFifteenBoundsAndInfinity() {
        metrics.labelJoined("fraud", 1);

        assertThat(scrape().samples("momo_label_join_delay_seconds_bucket")).extracting(s -> s.labels().get("le"))
                .containsExactly("1.0", "10.0", "60.0", "300.0", "900.0", "3600.0", "10800.0", "21600.0", "43200.0",
                        "86400.0", "172800.0", "345600.0", "604800.0", "1209600.0", "2592000.0", "+Inf");
    }

    @Test
    void windowCloseLag_inSeconds() {
        metrics.windowCloseLag("fraud", "3", 1_709_294_412_500L, 1_709_294_400_000L);

        assertThat(scrape().value("momo_window_close_lag_seconds", "model", "fraud", "version", "3")).isEqualTo(12.5);
    }

    @Test
    void performance_setsValueThresholdAndReferenceByKind() {
        metrics.performance("fraud", "3", "roc_auc", MomoMetrics.REALIZED, 0.81, 0.78, 0.86);
        metrics.performance("fraud", "3", "estimated_roc_auc", MomoMetrics.ESTIMATED, 0.84, 0.79, Double.NaN);

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_performance_value", "metric", "roc_auc", "kind", "realized")).isEqualTo(0.81);
        assertThat(scrape.value("momo_performance_threshold", "metric", "roc_auc", "kind", "realized"))
                .isEqualTo(0.78);
        assertThat(scrape.value("momo_performance_reference", "metric", "roc_auc", "kind", "realized"))
                .isEqualTo(0.86);
        assertThat(scrape.value("momo_performance_value", "metric", "estimated_roc_auc", "kind", "estimated"))
                .isEqualTo(0.84);
        assertThat(scrape.value("momo_performance_reference", "metric", "estimated_roc_auc")).isNaN();
    }

    @Test
    void alertsResolved_countsBySeverity() {
        metrics.alertResolved("fraud", "critical");
        metrics.alertResolved("fraud", "critical");
        metrics.alertResolved("fraud", "warning");

        final PrometheusText scrape = scrape();
        assertThat(scrape.value("momo_alerts_resolved_total", "model", "fraud", "severity", "critical"))
                .isEqualTo(2.0);
        assertThat(scrape.value("momo_alerts_resolved_total", "model", "fraud", "severity", "warning"))
                .isEqualTo(1.0);
    }

    @Test
    void webhookDeliveries_readTheNotifierCounters() {
        try (WebhookNotifier pager = notifier("pager")) {
            metrics.bindWebhooks(List.of(pager));

            final PrometheusText scrape = scrape();
            for (final String outcome : List.of("delivered", "failed", "dropped")) {
                assertThat(scrape.value("momo_webhook_deliveries_total", "webhook", "pager", "outcome", outcome))
                        .as(outcome).isZero();
            }
        }
    }

    @Test
    void bindWebhooks_rejectsDuplicateName() {
        try (WebhookNotifier first = notifier("pager"); WebhookNotifier second = notifier("pager")) {
            metrics.bindWebhooks(List.of(first));

            assertThatThrownBy(() -> metrics.bindWebhooks(List.of(second)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pager'");
        }
    }

    @Test
    void serve_registersJvmMetricsOnce() {
        metrics.serve("127.0.0.1", 0);
        metrics.close();
        metrics.serve("127.0.0.1", 0);

        final PrometheusText scrape = scrape();
        assertThat(scrape.families()).containsKey("jvm_memory_used_bytes");
        assertThat(scrape.samples("jvm_threads_current")).hasSize(1);
    }

    @Test
    void serve_rejectsASecondServer() {
        final int port = metrics.serve("127.0.0.1", 0);

        assertThatThrownBy(() -> metrics.serve("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(port));
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(metrics.registry());
    }

    /** Starts a notifier toward a closed port of 127.0.0.1. The tests send it nothing. */
    private WebhookNotifier notifier(final String name) {
        final WebhookSettings settings = WebhookSettings.parse(Map.of("momo.webhooks", name,
                "momo.webhook." + name + ".url", "http://127.0.0.1:9/hooks")).get(0);
        return new WebhookNotifier(settings, tempDir.resolve(name + "-dead-letters.jsonl"), Duration.ZERO);
    }
}
