package dev.momo.notify;

import dev.momo.schema.DriftAlert;
import dev.momo.serde.JsonRecordWriter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one alert to one webhook as a JSON POST, with retries, on the calling thread.
 *
 * <p>A 2xx status means delivered. Status 408, 429 and 5xx, time-outs and I/O errors (connection
 * refused or reset, TLS failures) are retried. The wait before retry {@code n+1} is
 * {@code backoff * 2^(n-1)}, or the response's Retry-After (delay-seconds, or an HTTP-date in IMF-fixdate
 * form, RFC 9110 section 10.2.3) when it has one; either is capped at {@code maxBackoff}. Other statuses, redirects
 * included, fail at once, because a redirected POST may reach the receiver as a GET without a body.
 *
 * <p>Each request carries {@code Idempotency-Key: alertId:state:windowIndex}, so a receiver can drop
 * the duplicates that retries and restarts produce. Characters that an HTTP header cannot carry
 * (outside printable ASCII) and '%' are percent-encoded as UTF-8 in the key.
 *
 * <p>Uses {@link java.net.http.HttpClient} (JDK 17) with HTTP/1.1 only, so that plain-http receivers
 * never see an HTTP/2 upgrade request. Not thread-safe: one worker thread calls {@link #deliver}.
 */
final class WebhookDelivery {

    /** Outcome of one alert: delivered or not, the number of attempts, and the last error. */
    record Result(boolean delivered, int attempts, String error) {
    }

    /** One attempt: delivered, or failed with an error that may be retried after an optional wait. */
    private record Attempt(boolean delivered, boolean retryable, String error, Optional<Duration> retryAfter) {

        static Attempt success() {
            return new Attempt(true, false, null, Optional.empty());
        }

        static Attempt failure(final boolean retryable, final String error) {
            return new Attempt(false, retryable, error, Optional.empty());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    /** Characters of response body that an error message keeps. */
    static final int ERROR_BODY_CHARS = 200;

    private final WebhookSettings settings;
    private final HttpClient client;

    WebhookDelivery(final WebhookSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends the alert until it is delivered, fails with a status that is not retried, or uses up
     * {@code maxAttempts}.
     *
     * <p>If the thread is interrupted (the notifier closes), returns a failure at once and keeps the
     * thread's interrupt status set.
     */
    Result deliver(final DriftAlert alert) {
        final HttpRequest request = request(alert);
        int attempt = 0;
        while (true) {
            attempt++;
            final Attempt outcome;
            try {
                outcome = send(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, attempt, "interrupted: the notifier closed before the attempt finished");
            }

            if (outcome.delivered()) {
                return new Result(true, attempt, null);
            }
            if (!outcome.retryable() || attempt >= settings.maxAttempts()) {
                return new Result(false, attempt, outcome.error());
            }

            final Duration wait = waitBeforeRetry(attempt, outcome.retryAfter());
            LOG.warn("Webhook '{}' attempt {} of {} for alert {} failed: {}; retrying in {} ms",
                    settings.name(), attempt, settings.maxAttempts(), alert.getAlertId(), outcome.error(),
                    wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, attempt, outcome.error() + " (the notifier closed before the next attempt)");
            }
        }
    }

    private HttpRequest request(final DriftAlert alert) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "momo")
                .header("Idempotency-Key", idempotencyKey(alert))
                .POST(HttpRequest.BodyPublishers.ofString(JsonRecordWriter.toJson(alert), StandardCharsets.UTF_8));
        settings.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    /** Returns {@code alertId:state:windowIndex}, percent-encoded where a header value cannot carry a character. */
    static String idempotencyKey(final DriftAlert alert) {
        final String raw = alert.getAlertId() + ":" + alert.getState() + ":" + alert.getWindowIndex();
        final StringBuilder key = new StringBuilder(raw.length());
        for (final byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            final int unsigned = b & 0xff;
            if (unsigned >= 0x20 && unsigned < 0x7f && unsigned != '%') {
                key.append((char) unsigned);
            } else {
                key.append('%').append(String.format("%02X", unsigned));
            }
        }
        return key.toString();
    }

    private Attempt send(final HttpRequest request) throws InterruptedException {
        final CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request, info -> new PrefixBodySubscriber(4 * ERROR_BODY_CHARS));
        try {
            // The request timeout stops at the response headers, but this limit also covers reading the body.
            return classify(response.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            response.cancel(true);
            return Attempt.failure(true, "request timed out after " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            return Attempt.failure(cause instanceof IOException, describe(cause));
        }
    }

    private static Attempt classify(final HttpResponse<String> response) {
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Attempt.success();
        }
        final String body = truncate(response.body().strip());
        final String error = body.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + body;
        final boolean retryable = status == 408 || status == 429 || (status >= 500 && status < 600);
        final Optional<Duration> retryAfter =
                response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, Instant.now()));
        return new Attempt(false, retryable, error, retryAfter);
    }

    /** Parses a Retry-After value: delay-seconds, or an HTTP-date (a past date means no wait). */
    static Optional<Duration> retryAfter(final String value, final Instant now) {
        final String text = value.trim();
        if (text.matches("\\d{1,18}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            final Instant date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns the wait after failed attempt {@code attempt} (1-based). */
    Duration waitBeforeRetry(final int attempt, final Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), settings.maxBackoff());
        }
        Duration wait = settings.backoff();
        for (int i = 1; i < attempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, settings.maxBackoff());
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String truncate(final String text) {
        if (text.length() <= ERROR_BODY_CHARS) {
            return text;
        }
        final boolean splitsPair = Character.isHighSurrogate(text.charAt(ERROR_BODY_CHARS - 1));
        return text.substring(0, splitsPair ? ERROR_BODY_CHARS - 1 : ERROR_BODY_CHARS);
    }

    /** Returns the exception's class and message, because JDK connection errors often have no message. */
    private static String describe(final Throwable error) {
        final String message = error.getMessage();
        final String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
