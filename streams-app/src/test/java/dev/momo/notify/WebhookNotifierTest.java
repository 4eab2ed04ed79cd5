package dev.momo.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.testing.CapturedLogs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.notify.TestReceiver.Reply;
import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.serde.JsonRecordWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the notifier against a {@link TestReceiver} on 127.0.0.1. Back-offs are a few milliseconds,
 * so that every test ends within seconds.
 */
class WebhookNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private TestReceiver receiver;
    private Path deadLetterFile;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new TestReceiver();
        deadLetterFile = directory.resolve("dead-letters").resolve("webhooks.jsonl");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliveredBody_isTheAlertAsJson() throws Exception {
        final DriftAlert alert = Alerts.critical("churn/income/psi");

        try (WebhookNotifier notifier = notifier(Map.of())) {
            notifier.accept(alert);
            awaitCount(notifier::delivered, 1);
        }

        final JsonNode body = JSON.readTree(receiver.requests().get(0).body());
        assertThat(body).isEqualTo(JSON.readTree(JsonRecordWriter.toJson(alert)));
        assertThat(body.get("alertId").textValue()).isEqualTo("churn/income/psi");
        assertThat(body.get("severity").textValue()).isEqualTo("CRITICAL");
        assertThat(body.get("state").textValue()).isEqualTo("OPENED");
        assertThat(body.get("value").doubleValue()).isEqualTo(0.42);
        assertThat(body.get("windowStart").textValue()).isEqualTo("2018-10-30T18:00:00Z");
        assertThat(body.get("summary").textValue()).isEqualTo("PSI of income is 0.42, above its threshold 0.25");
        assertThat(Files.exists(deadLetterFile)).isFalse();
    }

    @Test
    void deliveredRequest_hasHeaders() throws Exception {
        try (WebhookNotifier notifier = notifier(Map.of("authorization", "Bearer abc123"))) {
            notifier.accept(Alerts.alert("churn/income/psi", AlertSeverity.WARNING, AlertState.RESOLVED, 12));
            awaitCount(notifier::delivered, 1);
        }

        final TestReceiver.Request request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/hooks/momo");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("User-Agent")).isEqualTo("momo");
        assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo("churn/income/psi:RESOLVED:12");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer abc123");
    }

    @Test
    void noAuthorization_sendsNoHeader() throws Exception {
        try (WebhookNotifier notifier = notifier(Map.of())) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::delivered, 1);
        }

        assertThat(receiver.requests().get(0).headers().containsKey("Authorization")).isFalse();
    }

    @Test
    void severityFilter_sendsOnlyListedSeverities() throws Exception {
        try (WebhookNotifier notifier = notifier(Map.of("severities", "critical"))) {
            notifier.accept(Alerts.alert("warned", AlertSeverity.WARNING, AlertState.OPENED, 1));
            notifier.accept(Alerts.alert("paged", AlertSeverity.CRITICAL, AlertState.OPENED, 1));
            awaitCount(notifier::delivered, 1);
        }

        assertThat(alertIds(receiver.requests())).containsExactly("paged");
    }

    @Test
    void stateFilter_defaultSkipsUpdated() throws Exception {
        try (WebhookNotifier notifier = notifier(Map.of())) {
            notifier.accept(Alerts.alert("a1", AlertSeverity.WARNING, AlertState.OPENED, 1));
            notifier.accept(Alerts.alert("a1", AlertSeverity.CRITICAL, AlertState.UPDATED, 2));
            notifier.accept(Alerts.alert("a1", AlertSeverity.WARNING, AlertState.RESOLVED, 3));
            awaitCount(notifier::delivered, 2);
        }

        final List<String> keys = receiver.requests().stream()
                .map(request -> request.headers().getFirst("Idempotency-Key"))
                .toList();
        assertThat(keys).containsExactly("a1:OPENED:1", "a1:RESOLVED:3");
    }

    @Test
    void stateFilter_updatedOnly() throws Exception {
        try (WebhookNotifier notifier = notifier(Map.of("states", "updated"))) {
            notifier.accept(Alerts.alert("a1", AlertSeverity.WARNING, AlertState.OPENED, 1));
            notifier.accept(Alerts.alert("a1", AlertSeverity.CRITICAL, AlertState.UPDATED, 2));
            notifier.accept(Alerts.alert("a1", AlertSeverity.WARNING, AlertState.RESOLVED, 3));
            awaitCount(notifier::delivered, 1);
        }

        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).headers().getFirst("Idempotency-Key")).isEqualTo("a1:UPDATED:2");
    }

    @Test
    void serverErrorTwice_thenDeliveredOnThirdAttempt() throws Exception {
        receiver.reply(Reply.status(500, "down"), Reply.status(503));

        final WebhookNotifier notifier = notifier(Map.of());
        try (notifier) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::delivered, 1);
        }

        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests()).allSatisfy(request ->
                assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo("a1:OPENED:7"));
        assertThat(notifier.delivered()).isEqualTo(1);
        assertThat(notifier.failed()).isZero();
        assertThat(notifier.dropped()).isZero();
        assertThat(Files.exists(deadLetterFile)).isFalse();
    }

    @Test
    void tooManyRequests_waitsRetryAfterSeconds() throws Exception {
        receiver.reply(Reply.status(429).withHeader("Retry-After", "1"));

        try (WebhookNotifier notifier = notifier(Map.of("max-backoff", "3s"))) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::delivered, 1);
        }

        // The exponential back-off alone would wait 5 ms, but Retry-After requests 1 s.
        final List<TestReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(millisBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retryAfter_isCappedByMaxBackoff() throws Exception {
        receiver.reply(Reply.status(429).withHeader("Retry-After", "60"));

        try (WebhookNotifier notifier = notifier(Map.of("max-backoff", "100ms"))) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::delivered, 1);
        }

        final List<TestReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(millisBetween(requests.get(0), requests.get(1))).isBetween(90L, 3_000L);
    }

    @Test
    void slowServer_timesOutRetriesThenDeadLetters() throws Exception {
        receiver.replyAlways(Reply.status(200).afterMillis(2_000));

        final WebhookNotifier notifier = notifier(Map.of("timeout", "150ms", "max-attempts", "2"));
        try (notifier) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::failed, 1);
        }

        assertThat(receiver.requests()).hasSize(2);
        assertThat(notifier.delivered()).isZero();
        final JsonNode line = onlyDeadLetter();
        assertThat(line.get("attempts").intValue()).isEqualTo(2);
        assertThat(line.get("error").textValue()).contains("timed out");
    }

    @Test
    void badRequest_failsAfterOneAttempt() throws Exception {
        receiver.replyAlways(Reply.status(400, "field 'value' must be a string"));
        final DriftAlert alert = Alerts.critical("churn/income/psi");

        final WebhookNotifier notifier = notifier(Map.of());
        try (notifier) {
            notifier.accept(alert);
            awaitCount(notifier::failed, 1);
        }

        assertThat(receiver.requests()).hasSize(1);
        final JsonNode line = onlyDeadLetter();
        assertThat(line.get("webhook").textValue()).isEqualTo("default");
        assertThat(line.get("url").textValue()).isEqualTo(receiver.url("/hooks/momo").toString());
        assertThat(line.get("attempts").intValue()).isEqualTo(1);
        assertThat(line.get("error").textValue()).isEqualTo("HTTP 400: field 'value' must be a string");
        assertThat(line.get("alert")).isEqualTo(JSON.readTree(JsonRecordWriter.toJson(alert)));
        assertThat(Instant.parse(line.get("failedAt").textValue())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void errorBody_isCutTo200Characters() throws Exception {
        receiver.replyAlways(Reply.status(422, "x".repeat(1_000)));

        final WebhookNotifier notifier = notifier(Map.of());
        try (notifier) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::failed, 1);
        }

        assertThat(onlyDeadLetter().get("error").textValue()).isEqualTo("HTTP 422: " + "x".repeat(200));
    }

    @Test
    void redirect_failsAfterOneAttempt() throws Exception {
        receiver.replyAlways(Reply.status(302).withHeader("Location", "/elsewhere"));

        final WebhookNotifier notifier = notifier(Map.of());
        try (notifier) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::failed, 1);
        }

        assertThat(receiver.requests()).hasSize(1);
        assertThat(onlyDeadLetter().get("error").textValue()).isEqualTo("HTTP 302");
    }

    @Test
    void closedPort_retriesThenDeadLetters() throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final Map<String, String> properties = new HashMap<>(fastSettings());
        properties.put("momo.webhook.url", "http://127.0.0.1:" + port + "/hooks/momo?token=t0k3n");
        properties.put("momo.webhook.max-attempts", "3");

        final WebhookNotifier notifier = new WebhookNotifier(WebhookSettings.parse(properties).get(0), deadLetterFile);
        try (notifier) {
            notifier.accept(Alerts.critical("a1"));
            awaitCount(notifier::failed, 1);
        }

        final JsonNode line = onlyDeadLetter();
        assertThat(line.get("attempts").intValue()).isEqualTo(3);
        assertThat(line.get("error").textValue()).contains("ConnectException");
        assertThat(line.get("url").textValue()).isEqualTo("http://127.0.0.1:" + port + "/hooks/momo");
    }

    @Test
    void fullQueue_deadLettersAtOnce() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        receiver.reply(Reply.status(200).after(release));

        final WebhookNotifier notifier = notifier(Map.of("queue-capacity", "2"));
        try (notifier) {
            notifier.accept(Alerts.critical("in-flight"));
            assertThat(receiver.awaitRequests(1, WAIT)).isTrue();
            notifier.accept(Alerts.critical("queued-1"));
            notifier.accept(Alerts.critical("queued-2"));

            final long start = System.nanoTime();
            notifier.accept(Alerts.critical("overflow"));
            final long acceptMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(acceptMillis).isLessThan(1_000);
            assertThat(notifier.dropped()).isEqualTo(1);
            final JsonNode line = onlyDeadLetter();
            assertThat(line.get("alert").get("alertId").textValue()).isEqualTo("overflow");
            assertThat(line.get("attempts").intValue()).isZero();
            assertThat(line.get("error").textValue()).isEqualTo("queue full: 2 alerts wait for delivery");
            release.countDown();
            awaitCount(notifier::delivered, 3);
        }

        assertThat(alertIds(receiver.requests())).containsExactly("in-flight", "queued-1", "queued-2");
    }

    @Test
    void close_waitsForQueuedAlerts() throws Exception {
        receiver.replyAlways(Reply.status(204).afterMillis(50));

        final WebhookNotifier notifier = notifier(Map.of());
        for (int i = 0; i < 5; i++) {
            notifier.accept(Alerts.critical("a" + i));
        }
        notifier.close();

        assertThat(notifier.delivered()).isEqualTo(5);
        assertThat(Files.exists(deadLetterFile)).isFalse();
    }

    @Test
    void close_afterTimeout_deadLettersPendingAlerts() throws Exception {
        final CountDownLatch never = new CountDownLatch(1);
        receiver.replyAlways(Reply.status(200).after(never));

        final WebhookNotifier notifier = new WebhookNotifier(settings(Map.of()), deadLetterFile, Duration.ofMillis(200));
        notifier.accept(Alerts.critical("in-flight"));
        assertThat(receiver.awaitRequests(1, WAIT)).isTrue();
        notifier.accept(Alerts.critical("pending-1"));
        notifier.accept(Alerts.critical("pending-2"));

        final long start = System.nanoTime();
        notifier.close();
        final long closeMillis = (System.nanoTime() - start) / 1_000_000;
        never.countDown();

        assertThat(closeMillis).isLessThan(3_000);
        assertThat(notifier.failed()).isEqualTo(1);
        assertThat(notifier.dropped()).isEqualTo(2);
        final List<JsonNode> lines = deadLetters();
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(line -> line.get("alert").get("alertId").textValue()))
                .containsExactlyInAnyOrder("in-flight", "pending-1", "pending-2");
        assertThat(lines.stream().filter(line -> line.get("attempts").intValue() == 1))
                .singleElement()
                .satisfies(line -> assertThat(line.get("alert").get("alertId").textValue()).isEqualTo("in-flight"));
    }

    @Test
    void acceptAfterClose_deadLetters() throws Exception {
        final WebhookNotifier notifier = notifier(Map.of());
        notifier.close();

        notifier.accept(Alerts.critical("late"));

        assertThat(notifier.dropped()).isEqualTo(1);
        assertThat(receiver.requests()).isEmpty();
        assertThat(onlyDeadLetter().get("alert").get("alertId").textValue()).isEqualTo("late");
    }

    @Test
    void acceptedRecord_isCopied() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        receiver.reply(Reply.status(200).after(release));
        final DriftAlert reused = Alerts.critical("first");

        try (WebhookNotifier notifier = notifier(Map.of())) {
            notifier.accept(Alerts.critical("in-flight"));
            assertThat(receiver.awaitRequests(1, WAIT)).isTrue();
            notifier.accept(reused);
            reused.setAlertId("changed-after-accept");
            release.countDown();
            awaitCount(notifier::delivered, 2);
        }

        assertThat(alertIds(receiver.requests())).containsExactly("in-flight", "first");
    }

    @Test
    void secret_absentFromLogsAndDeadLetters() throws Exception {
        final String secret = "Bearer s3cr3t-t0ken";
        receiver.reply(Reply.status(503));
        receiver.replyAlways(Reply.status(401, "unauthorized"));

        final List<String> lines;
        try (CapturedLogs logs = new CapturedLogs("dev.momo.notify")) {
            final WebhookNotifier notifier = notifier(Map.of("authorization", secret));
            try (notifier) {
                notifier.accept(Alerts.critical("a1"));
                awaitCount(notifier::failed, 1);
            }
            lines = logs.lines();
        }

        assertThat(receiver.requests().get(0).headers().getFirst("Authorization")).isEqualTo(secret);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("INFO").contains("started"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("WARN").contains("attempt 1 of 5"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("ERROR").contains("'default'").contains("a1"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("INFO").contains("stopped"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("s3cr3t"));
        assertThat(Files.readString(deadLetterFile)).doesNotContain("s3cr3t");
    }

    private WebhookNotifier notifier(final Map<String, String> overrides) {
        return new WebhookNotifier(settings(overrides), deadLetterFile);
    }

    /** Returns the default webhook on the receiver with millisecond back-offs, plus the given settings. */
    private WebhookSettings settings(final Map<String, String> overrides) {
        final Map<String, String> properties = new HashMap<>(fastSettings());
        properties.put("momo.webhook.url", receiver.url("/hooks/momo").toString());
        overrides.forEach((key, value) -> properties.put("momo.webhook." + key, value));
        return WebhookSettings.parse(properties).get(0);
    }

    private static Map<String, String> fastSettings() {
        return Map.of("momo.webhook.timeout", "2s", "momo.webhook.backoff", "5ms", "momo.webhook.max-backoff", "20ms");
    }

    private List<JsonNode> deadLetters() throws IOException {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(deadLetterFile, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private JsonNode onlyDeadLetter() throws IOException {
        final List<JsonNode> lines = deadLetters();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static List<String> alertIds(final List<TestReceiver.Request> requests) throws IOException {
        final List<String> ids = new ArrayList<>();
        for (final TestReceiver.Request request : requests) {
            ids.add(JSON.readTree(request.body()).get("alertId").textValue());
        }
        return ids;
    }

    private static long millisBetween(final TestReceiver.Request first, final TestReceiver.Request second) {
        return (second.receivedNanos() - first.receivedNanos()) / 1_000_000;
    }

    private static void awaitCount(final LongSupplier counter, final long expected) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(counter.getAsLong()).as("counter after waiting up to %s", WAIT).isEqualTo(expected);
    }
}
