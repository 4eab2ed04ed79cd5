package dev.momo.notify;

import dev.momo.schema.DriftAlert;
import dev.momo.serde.AvroClassTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to one webhook from a bounded queue on its own worker thread, and writes the alerts
 * that the webhook does not receive to a dead-letter file ({@link DeadLetterFile} shows a line).
 *
 * <p>{@link #accept} is meant for Kafka Streams threads, so it does no network I/O. It drops alerts
 * whose severity or state the settings exclude and copies the rest into the queue. Only when the
 * queue is full, or the notifier closed, does it write the alert to the dead-letter file itself. The worker, a daemon thread named
 * {@code momo-webhook-NAME}, POSTs each alert as {@link WebhookDelivery} describes.
 *
 * <p>Counters, for metrics: {@link #delivered()} alerts the webhook accepted with a 2xx status,
 * {@link #failed()} alerts sent at least once without success, and {@link #dropped()} alerts never
 * sent (full queue, or still queued or offered when the notifier closed). Alerts that the filters
 * exclude count in none of them.
 *
 * <p>{@link #close()} waits up to the close timeout for the queue to empty, then interrupts the
 * attempt in flight and writes every alert left to the dead-letter file. Thread-safe.
 *
 * <pre>{@code
 * try (WebhookNotifier pager = new WebhookNotifier(settings, Path.of("/var/lib/momo/webhook-dead-letters.jsonl"))) {
 *     alerts.forEach(pager);
 * }
 * }</pre>
 */
public final class WebhookNotifier implements Consumer<DriftAlert>, AutoCloseable {

    /** How long {@link #close()} waits for queued alerts when the constructor is not given a limit. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    /** How often an idle worker checks whether the notifier closed. */
    private static final long POLL_MILLIS = 50;
    /**
     * How long close() waits for the worker after interrupting it. It is short because an interrupted
     * attempt ends at once.
     */
    private static final long STOP_MILLIS = 2_000;
    /** Alert ids that the error line about alerts left at close shows. */
    private static final int LOGGED_IDS = 10;
    /** Minimum time between two log lines about a full queue. Each line counts the alerts since the last. */
    private static final long QUEUE_FULL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    static {
        // Copying a DriftAlert reads the default of its record-typed field, which Avro 1.12.2 allows
        // only for trusted classes.
        AvroClassTrust.trustSchemaPackage();
    }

    private final WebhookSettings settings;
    private final DeadLetterFile deadLetters;
    private final Duration closeTimeout;
    private final WebhookDelivery delivery;
    private final BlockingQueue<DriftAlert> queue;
    private final Thread worker;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queueFullSinceLog = new AtomicLong();
    private final AtomicLong lastQueueFullLog = new AtomicLong(System.nanoTime() - QUEUE_FULL_LOG_INTERVAL_NANOS);

    /** Starts a notifier whose {@link #close()} waits up to {@link #DEFAULT_CLOSE_TIMEOUT}. */
    public WebhookNotifier(final WebhookSettings settings, final Path deadLetterFile) {
        this(settings, deadLetterFile, DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Starts the worker thread.
     *
     * @param settings the webhook
     * @param deadLetterFile file that receives undelivered alerts as JSON lines; created with its
     *     directories when needed, and shared safely with other notifiers in this JVM
     * @param closeTimeout how long {@link #close()} waits for queued alerts; zero or positive
     * @throws IllegalArgumentException if the close timeout is negative or the file's directory
     *     cannot be created
     */
    public WebhookNotifier(final WebhookSettings settings, final Path deadLetterFile, final Duration closeTimeout) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(deadLetterFile, "deadLetterFile");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must be zero or positive, was " + closeTimeout);
        }
        this.settings = settings;
        this.deadLetters = new DeadLetterFile(deadLetterFile);
        this.closeTimeout = closeTimeout;
        this.delivery = new WebhookDelivery(settings);
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());

        this.worker = new Thread(this::run, "momo-webhook-" + settings.name());
        worker.setDaemon(true);
        worker.setUncaughtExceptionHandler((thread, error) -> LOG.error(
                "Webhook '{}' worker stopped on an unexpected error; queued alerts go to {} at close",
                settings.name(), deadLetters.path(), error));
        worker.start();
        LOG.info("Webhook '{}' notifier started: {}; dead-letter file {}", settings.name(), settings,
                deadLetters.path());
    }

    /**
     * Queues a copy of the alert if the settings select its severity and state, so the caller may
     * reuse the record. Does no network I/O, and writes the alert to the dead-letter file when the
     * queue is full or the notifier closed.
     */
    @Override
    public void accept(final DriftAlert alert) {
        Objects.requireNonNull(alert, "alert");
        if (!settings.accepts(alert.getSeverity(), alert.getState())) {
            return;
        }
        final DriftAlert copy = DriftAlert.newBuilder(alert).build();
        if (closed.get()) {
            drop(copy, "the notifier was closed when the alert arrived");
            return;
        }
        if (!queue.offer(copy)) {
            dropOnFullQueue(copy);
            return;
        }
        // close() may have drained the queue between the check above and offer(), so take the alert back.
        if (closed.get() && queue.remove(copy)) {
            drop(copy, "the notifier closed before the alert was sent");
        }
    }

    /**
     * Stops the notifier: waits up to the close timeout for queued alerts, then interrupts the attempt
     * in flight (that alert counts as failed) and writes the alerts still queued to the dead-letter
     * file (they count as dropped). Alerts offered after close go there too. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        final int queuedAtClose = queue.size();
        final long failedBefore = failed.get();
        boolean interrupted = false;
        try {
            worker.join(Math.max(1, closeTimeout.toMillis()));
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            worker.interrupt();
        }

        final String reason = "not sent within the close timeout of " + closeTimeout.toMillis() + " ms";
        final List<CharSequence> unsentIds = new ArrayList<>();
        int unsent = 0;
        for (DriftAlert alert = queue.poll(); alert != null; alert = queue.poll()) {
            dropped.incrementAndGet();
            deadLetters.append(settings.name(), settings.displayUrl(), 0, reason, alert);
            unsent++;
            if (unsentIds.size() < LOGGED_IDS) {
                unsentIds.add(alert.getAlertId());
            }
        }
        if (unsent > 0) {
            LOG.error("Webhook '{}' closed with {} unsent alerts, the first {} with ids {}; written to {}",
                    settings.name(), unsent, unsentIds.size(), unsentIds, deadLetters.path());
        }

        if (worker.isAlive()) {
            LOG.warn("Webhook '{}' worker thread {} did not stop after an interrupt", settings.name(), worker.getName());
        }
        LOG.info("Webhook '{}' notifier stopped: {} alerts were queued at close, {} failed during close and {} unsent"
                        + " went to {}; totals: {} delivered, {} failed, {} dropped",
                settings.name(), queuedAtClose, failed.get() - failedBefore, unsent, deadLetters.path(),
                delivered.get(), failed.get(), dropped.get());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Number of alerts the webhook accepted with a 2xx status. */
    public long delivered() {
        return delivered.get();
    }

    /** Number of alerts sent at least once without success, written to the dead-letter file. */
    public long failed() {
        return failed.get();
    }

    /** Number of alerts never sent, written to the dead-letter file. */
    public long dropped() {
        return dropped.get();
    }

    /** Number of alerts waiting in the queue, without the one in flight. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        while (true) {
            final DriftAlert alert;
            try {
                alert = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (alert == null) {
                if (closed.get()) {
                    return;
                }
                continue;
            }

            send(alert);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private void send(final DriftAlert alert) {
        WebhookDelivery.Result result;
        try {
            result = delivery.deliver(alert);
        } catch (RuntimeException e) {
            // For example a JSON or header failure while building the request, before any attempt. The
            // JDK quotes an invalid header value in its message, so the secret is masked in case it is one.
            final String error = redactSecret(e.toString());
            LOG.error("Webhook '{}' failed to build the request for alert {}: {}", settings.name(), alert.getAlertId(),
                    error);
            result = new WebhookDelivery.Result(false, 0, error);
        }

        if (result.delivered()) {
            delivered.incrementAndGet();
            LOG.debug("Webhook '{}' delivered alert {} ({}) in {} attempts", settings.name(), alert.getAlertId(),
                    alert.getState(), result.attempts());
            return;
        }
        failed.incrementAndGet();
        deadLetters.append(settings.name(), settings.displayUrl(), result.attempts(), result.error(), alert);
        LOG.error("Webhook '{}' failed to deliver alert {} ({} {}, model {} version {}, window {}) after {} attempts:"
                        + " {}; written to {}",
                settings.name(), alert.getAlertId(), alert.getSeverity(), alert.getState(), alert.getModelId(),
                alert.getModelVersion(), alert.getWindowIndex(), result.attempts(), result.error(), deadLetters.path());
    }

    private String redactSecret(final String text) {
        return settings.authorization().map(secret -> text.replace(secret, "(authorization value)")).orElse(text);
    }

    private void drop(final DriftAlert alert, final String reason) {
        dropped.incrementAndGet();
        deadLetters.append(settings.name(), settings.displayUrl(), 0, reason, alert);
        LOG.error("Webhook '{}' dropped alert {} ({} {}): {}; written to {}", settings.name(), alert.getAlertId(),
                alert.getSeverity(), alert.getState(), reason, deadLetters.path());
    }

    /** Writes the alert to the dead-letter file, and logs at most one line per interval with the count since the last. */
    private void dropOnFullQueue(final DriftAlert alert) {
        dropped.incrementAndGet();
        final String reason = "queue full: " + settings.queueCapacity() + " alerts wait for delivery";
        deadLetters.append(settings.name(), settings.displayUrl(), 0, reason, alert);

        queueFullSinceLog.incrementAndGet();
        final long now = System.nanoTime();
        final long last = lastQueueFullLog.get();
        if (now - last >= QUEUE_FULL_LOG_INTERVAL_NANOS && lastQueueFullLog.compareAndSet(last, now)) {
            LOG.error("Webhook '{}' dropped alert {} ({} {}) and {} other alerts since the last such message: {};"
                            + " written to {}",
                    settings.name(), alert.getAlertId(), alert.getSeverity(), alert.getState(),
                    queueFullSinceLog.getAndSet(0) - 1, reason, deadLetters.path());
        }
    }
}
