package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.testing.HttpPolling;
import dev.momo.testing.OpenApiSchemas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code momo demo} end to end: in-process broker, topology and simulated model server in one run,
 * with a short drift delay so that the test finishes in about a minute.
 */
class DemoCommandTest {

    private static final Pattern METRICS_URL = Pattern.compile("Prometheus metrics: +(http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern API_URL = Pattern.compile("JSON API: +(http://127\\.0\\.0\\.1:\\d+)/api/models");
    private static final Pattern CONSOLE_URL = Pattern.compile("Web console: +(http://127\\.0\\.0\\.1:\\d+)/");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern BOOTSTRAP = Pattern.compile("Kafka bootstrap servers: (127\\.0\\.0\\.1:\\d+)");

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void demo_printsAddressesServesMetricsAndRaisesDriftAlerts() throws Exception {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> MomoCommand.execute(
                new PrintWriter(out, true), new PrintWriter(err, true),
                "demo", "--duration", "55s", "--kafka-port", "0", "--metrics-port", "0", "--http-port", "0",
                "--rate", "400", "--window", "5s", "--drift-after", "15s"));

        final String metricsUrl = awaitMatch(out, METRICS_URL, Duration.ofSeconds(60));
        assertThat(out.toString()).containsPattern(BOOTSTRAP);
        final String firstScrape = HttpPolling.awaitBody(metricsUrl, "momo_events_processed_total{model=\"credit-default\"}",
                Duration.ofSeconds(30));
        assertThat(firstScrape).contains("# TYPE momo_events_processed_total counter");
        // Labels come 5 s after their predictions and join them: performance is judged in the demo too.
        HttpPolling.awaitBody(metricsUrl, "momo_labels_joined_total{model=\"credit-default\"}", Duration.ofSeconds(30));
        // The API lists the open alerts, with their evidence, while the demo runs.
        final String apiUrl = awaitMatch(out, API_URL, Duration.ofSeconds(5));
        assertThat(awaitMatch(out, CONSOLE_URL, Duration.ofSeconds(5))).isEqualTo(apiUrl);
        final String alerts = HttpPolling.awaitBody(apiUrl + "/api/alerts?model=credit-default", "\"summary\"", Duration.ofSeconds(60));
        // Alert links point at the console of this run, on the port the demo picked.
        assertThat(alerts).contains("\"state\":\"OPENED\"")
                .contains("\"consoleUrl\":\"" + apiUrl + "/#/models/credit-default/versions/1");
        assertModelPages(apiUrl);

        assertThat(exit.get(120, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
        final String printed = out.toString();
        System.out.println(printed);
        // The simulated drift moves income, debt_to_income, loan_amount, region and channel, and with them the prediction.
        // Windows of 2000 events: the default checks are normalized Wasserstein and Jensen-Shannon.
        assertThat(printed).containsPattern("ALERT OPENED +\\w+ +credit-default v1  income wasserstein_normalized ");
        assertThat(printed).containsPattern("ALERT OPENED +\\w+ +credit-default v1  region jensen_shannon ");
        assertThat(printed).containsPattern("ALERT OPENED +\\w+ +credit-default v1  default_probability wasserstein_normalized ");
        // Five of the eight features drift, more than the data-set share of 0.5.
        assertThat(printed).containsPattern("ALERT OPENED +\\w+ +credit-default v1  dataset drifted_feature_share ");
        assertThat(printed).doesNotContain("ALERT UPDATED");
        assertThat(printed).containsPattern("Stopping after \\d+ events");
    }

    /** The model routes answer from the metric view while the demo runs: the drifted feature shows as drifted. */
    private static void assertModelPages(final String apiUrl) throws Exception {
        final JsonNode models = JSON.readTree(HttpPolling.awaitBody(apiUrl + "/api/models", "\"credit-default\"", Duration.ofSeconds(30)));
        assertThat(models.path("models").get(0).path("model").asText()).isEqualTo("credit-default");
        assertThat(models.path("models").get(0).path("versions").get(0).path("status").asText())
                .isIn("warning", "critical");

        final String versionUrl = apiUrl + "/api/models/credit-default/versions/1";
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode version = JSON.readTree(HttpPolling.awaitBody(versionUrl, "\"income\"", Duration.ofSeconds(30)));
        while (!"drifted".equals(featureNamed(version.path("features"), "income").path("status").asText())
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            version = JSON.readTree(HttpPolling.awaitBody(versionUrl, "\"income\"", Duration.ofSeconds(30)));
        }
        final JsonNode income = featureNamed(version.path("features"), "income");
        assertThat(income.path("status").asText()).as("income in %s", version).isEqualTo("drifted");
        assertThat(income.path("score").asDouble()).isGreaterThan(1.0);
        assertThat(OpenApiSchemas.violations(version, "VersionPage")).isEmpty();
        assertThat(OpenApiSchemas.violations(models, "ModelsPage")).isEmpty();
        assertThat(version.path("dataset").size()).isPositive();
        assertThat(version.path("eventsPerSecond").asDouble()).isPositive();

        final JsonNode feature = JSON.readTree(HttpPolling.awaitBody(apiUrl + "/api/models/credit-default/versions/1/features/income",
                "\"bins\"", Duration.ofSeconds(30)));
        assertThat(feature.path("kind").asText()).isEqualTo("numeric");
        assertThat(feature.path("distribution").path("bins").size()).isGreaterThan(2);
        double referenceTotal = 0;
        for (final JsonNode bin : feature.path("distribution").path("bins")) {
            referenceTotal += bin.path("reference").asDouble();
        }
        assertThat(referenceTotal).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(feature.path("statistics").findValuesAsText("statistic")).contains("wasserstein_normalized");
        assertThat(OpenApiSchemas.violations(feature, "FeaturePage")).isEmpty();
        final JsonNode performance = JSON.readTree(HttpPolling.awaitBody(apiUrl + "/api/models/credit-default/performance",
                "\"realized\"", Duration.ofSeconds(30)));
        assertThat(OpenApiSchemas.violations(performance, "PerformancePage")).isEmpty();
        assertThat(OpenApiSchemas.violations(JSON.readTree(HttpPolling.awaitBody(apiUrl + "/api/alerts?state=all", "\"alerts\"",
                Duration.ofSeconds(5))), "AlertPage")).isEmpty();

        final HttpResponse<String> chart = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(apiUrl + "/console/vendor/chart.umd.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js v4.5.1");
    }

    private static JsonNode featureNamed(final JsonNode features, final String name) {
        for (final JsonNode feature : features) {
            if (name.equals(feature.path("feature").asText())) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + name + " in " + features);
    }

    private static String awaitMatch(final StringWriter out, final Pattern pattern, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Matcher matcher = pattern.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + "; output so far:\n" + out);
    }

}
