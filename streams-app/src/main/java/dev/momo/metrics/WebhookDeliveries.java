package dev.momo.metrics;

import dev.momo.notify.WebhookNotifier;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counter {@code momo_webhook_deliveries_total{webhook, outcome}}, read at scrape time from the counters
 * of each bound {@link WebhookNotifier}: {@code delivered} (2xx response), {@code failed} (sent without
 * success, written to the dead-letter file) and {@code dropped} (never sent: full queue or closed notifier).
 * Alerts that a webhook's filters exclude count in none of them.
 */
final class WebhookDeliveries {

    private final List<WebhookNotifier> notifiers = new CopyOnWriteArrayList<>();

    WebhookDeliveries(final PrometheusRegistry registry) {
        CounterWithCallback.builder().name("momo_webhook_deliveries_total")
                .help("Alerts handled by a webhook notifier, by outcome: delivered, failed or dropped")
                .labelNames("webhook", "outcome")
                .callback(callback -> {
                    for (final WebhookNotifier notifier : notifiers) {
                        final String name = notifier.settings().name();
                        callback.call(notifier.delivered(), name, "delivered");
                        callback.call(notifier.failed(), name, "failed");
                        callback.call(notifier.dropped(), name, "dropped");
                    }
                })
                .register(registry);
    }

    /**
     * Adds notifiers. Webhook names must be unique within the instance, as the configuration makes them,
     * or the scrape would carry one series twice.
     *
     * @throws IllegalArgumentException naming a webhook already bound
     */
    synchronized void add(final Collection<WebhookNotifier> added) {
        for (final WebhookNotifier notifier : added) {
            final String name = notifier.settings().name();
            if (notifiers.stream().anyMatch(bound -> bound.settings().name().equals(name))) {
                throw new IllegalArgumentException("webhook '" + name + "' is bound to the metrics already;"
                        + " give each webhook its own name");
            }
            notifiers.add(notifier);
        }
    }
}
