package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.app.ReferencePublisher;
import dev.momo.drift.DriftEvaluator;
import dev.momo.embedded.EmbeddedKafkaBroker;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.simulate.LoanModel;
import dev.momo.testing.TopicReader;
import dev.momo.topology.Topics;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code momo run} against a broker it did not start: topics created beforehand, a profile published,
 * JSON events from a producer without Avro, and a properties file. The second half of the events
 * drifts: its alerts reach the JSON API and a webhook served by the test.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void run_jsonEventsYieldMetricsAlertsAndDeadLetters() throws Exception {
        final Topics topics = Topics.DEFAULTS;
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions(LoanModel.MODEL_ID,
                LoanModel.MODEL_VERSION, null, LoanModel.PREDICTION, LoanModel.PROBABILITY, null, Set.of(), Set.of(),
                Set.of(), 200, 10, 2000, 3.0)).build(LoanModel.referenceTable(2000, 3), chunk -> { });

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            topics.configs().forEach((topic, configs) -> broker.createTopic(topic, 2, configs));
            ReferencePublisher.publish(broker.bootstrapServers(), topics, profile);
            publishJsonEvents(broker.bootstrapServers(), topics, 0, 400, false);
            publishJsonEvents(broker.bootstrapServers(), topics, 400, 800, true);
            final List<String> hooks = new CopyOnWriteArrayList<>();
            final HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.createContext("/hook", exchange -> {
                hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            final int apiPort = freePort();

            final Path config = dir.resolve("momo.properties");
            Files.writeString(config, String.join("\n",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "momo.application.id=run-command-test",
                    "momo.state.dir=" + dir.resolve("state"),
                    "momo.window.mode=count",
                    "momo.window.size=100",
                    "momo.metrics.port=0",
                    "momo.http.port=" + apiPort,
                    "momo.webhook.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "commit.interval.ms=100"));
            final StringWriter err = new StringWriter();

            final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> MomoCommand.execute(
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "run", "--config", config.toString(), "--duration", "25s"));
            final String alerts = awaitAlerts("http://127.0.0.1:" + apiPort + "/api/models/" + LoanModel.MODEL_ID
                    + "/alerts", Duration.ofSeconds(25));

            assertThat(exit.get(60, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
            receiver.stop(0);
            assertThat(alerts).contains("\"state\":\"OPENED\"").contains("\"modelId\":\"" + LoanModel.MODEL_ID + "\"");
            // The webhook's defaults send opened and resolved alerts, as JSON with the record's fields.
            assertThat(hooks).isNotEmpty().allSatisfy(body -> assertThat(body).contains("\"alertId\"")
                    .containsAnyOf("\"state\":\"OPENED\"", "\"state\":\"RESOLVED\""));
            // 800 events spread over 2 partitions, count windows of 100 per partition: 8 windows, and maybe
            // detections of the default change detector, whose records name the threshold source "detector".
            final int checks = DriftEvaluator.recordsPerWindow(profile);
            final List<byte[]> metrics = TopicReader.read(broker.bootstrapServers(), topics.driftMetrics(), 2,
                    new ByteArrayDeserializer(), 8L * checks, Duration.ofSeconds(10), Duration.ofSeconds(2));
            final byte[] detector = "detector".getBytes(StandardCharsets.UTF_8);
            assertThat(metrics.stream().filter(record -> !contains(record, detector))).hasSize(8 * checks);
            assertThat(TopicReader.read(broker.bootstrapServers(), topics.deadLetters(), 2, new ByteArrayDeserializer(),
                    1, Duration.ofSeconds(10), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    private static boolean contains(final byte[] bytes, final byte[] part) {
        for (int start = 0; start + part.length <= bytes.length; start++) {
            if (java.util.Arrays.equals(bytes, start, start + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }

    /** Polls the API until it lists an alert; 503 while the stores start is expected. */
    private static String awaitAlerts(final String url, final Duration timeout) throws Exception {
        final HttpClient client = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                body = response.body();
                if (response.statusCode() == 200 && body.contains("\"alertId\"")) {
                    return body;
                }
            } catch (ConnectException e) {
                // The server starts with the application.
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no alert at " + url + " within " + timeout + "; last answer: " + body);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void publishJsonEvents(final String bootstrap, final Topics topics, final int from, final int to,
                                          final boolean drifted) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final SplittableRandom random = new SplittableRandom(5 + from);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                final LoanModel.Applicant applicant = LoanModel.draw(random, drifted);
                final StringBuilder features = new StringBuilder();
                applicant.features().forEach((name, value) -> features.append(features.length() == 0 ? "" : ",")
                        .append('"').append(name).append("\":")
                        .append(value instanceof String ? "\"" + value + "\"" : value));
                final String json = "{\"eventId\":\"e" + i + "\",\"modelId\":\"" + LoanModel.MODEL_ID
                        + "\",\"modelVersion\":\"" + LoanModel.MODEL_VERSION + "\",\"eventTime\":\""
                        + Instant.ofEpochMilli(i * 1000L) + "\",\"features\":{" + features + "},\"prediction\":\""
                        + applicant.predictedClass() + "\",\"probabilities\":{\"" + LoanModel.PROBABILITY + "\":"
                        + applicant.probability() + "}}";
                producer.send(new ProducerRecord<>(topics.inferences(), i % 2, LoanModel.MODEL_ID, json));
            }
            if (drifted) {
                producer.send(new ProducerRecord<>(topics.inferences(), 0, LoanModel.MODEL_ID, "{\"eventId\": 1"));
            }
        }
    }

}
