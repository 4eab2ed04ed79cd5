package dev.momo.notify;

import dev.momo.schema.DriftAlert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * All webhooks of an instance behind one listener: each alert record goes to every webhook, whose own
 * filters decide whether it is sent. Closing closes every webhook, each within its close timeout.
 */
public final class Notifications implements Consumer<DriftAlert>, AutoCloseable {

    /** File name of the dead-letter log of failed deliveries, in the state directory. */
    public static final String DEAD_LETTER_FILE = "webhook-dead-letters.jsonl";

    private final List<WebhookNotifier> notifiers;

    /**
     * Starts one notifier per webhook.
     *
     * @param stateDir the instance's state directory, where the dead-letter file goes
     */
    public Notifications(final List<WebhookSettings> webhooks, final Path stateDir) {
        final List<WebhookNotifier> started = new ArrayList<>();
        for (final WebhookSettings webhook : webhooks) {
            started.add(new WebhookNotifier(webhook, stateDir.resolve(DEAD_LETTER_FILE)));
        }
        this.notifiers = List.copyOf(started);
    }

    /** Returns the notifiers, one per webhook, for their delivery counters. */
    public List<WebhookNotifier> notifiers() {
        return notifiers;
    }

    @Override
    public void accept(final DriftAlert alert) {
        for (final WebhookNotifier notifier : notifiers) {
            notifier.accept(alert);
        }
    }

    @Override
    public void close() {
        for (final WebhookNotifier notifier : notifiers) {
            notifier.close();
        }
    }
}
