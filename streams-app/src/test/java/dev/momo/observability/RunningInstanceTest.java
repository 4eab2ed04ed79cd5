package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and rules against a running Momo ({@link RunningMomo}). Every metric name they query must be
 * one the instance exposes after processing drifting events with labels. A real Prometheus server (Debian's
 * {@code prometheus}, on 127.0.0.1) scrapes the instance, stores its drift series, and evaluates the alerting
 * rules of deploy/prometheus/rules and every dashboard query without error. The Prometheus tests are skipped
 * only when the {@code prometheus} binary is not on the PATH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class RunningInstanceTest {

    private static final String JOB = "momo";
    /** Series that Prometheus itself writes for every target and alert, not the instance. */
    private static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE",
            "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
            "scrape_series_added");
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(60);

    private Path dir;
    private RunningMomo momo;
    private MetricsText exposed;
    private PrometheusServer prometheus;

    @BeforeAll
    void startMomo(@TempDir final Path directory) throws Exception {
        dir = directory;
        momo = RunningMomo.start(dir);
        momo.awaitWindowsClosed(Duration.ofSeconds(120));
        exposed = momo.awaitNames(usedNames().keySet(), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (momo != null) {
                momo.close();
            }
        }
    }

    @Test
    void exposedMetrics_includeEveryNameQueried() {
        final Map<String, Set<String>> missing = new TreeMap<>(usedNames());
        missing.keySet().removeAll(exposed.names());

        assertThat(usedNames()).hasSizeGreaterThan(40);
        assertThat(missing).as("metric names queried by dashboards or rules but not exposed by a running Momo,"
                + " with where they are used; exposed: %s", exposed.names()).isEmpty();
    }

    @Test
    void exposedMetrics_carryDatasetDriftOfScript() {
        final double share = exposed.value("momo_drift_value", Map.of("model", RunningMomo.MODEL,
                "version", RunningMomo.VERSION, "feature", "dataset", "statistic", "drifted_feature_share"));

        // The script ends with drifting windows: income, debt_to_income, region and channel move.
        assertThat(share).isGreaterThan(0.25);
        assertThat(exposed.value("momo_events_rejected_total", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(momo.webhookCalls()).isPositive();
    }

    @Test
    void script_opensAndResolvesAlerts() throws Exception {
        // Drift, recovery and drift again: some alert resolved and some is open, so that the alert metrics
        // of both transitions exist.
        assertThat(momo.alerts("state=resolved&limit=1000")).contains("\"state\":\"RESOLVED\"");
        assertThat(momo.alerts("state=open&limit=1000")).contains("\"modelId\":\"" + RunningMomo.MODEL + "\"");
    }

    @Test
    void prometheus_listensOnLoopbackOnly() throws Exception {
        startPrometheus();

        final List<String> addresses = prometheus.listeningAddresses();

        assumeTrue(!addresses.isEmpty(), "/proc/net/tcp lists no socket of the server; cannot check its address");
        assertThat(addresses).as("listening addresses (hexadecimal) of port %d", prometheus.port())
                .containsOnly("0100007F");
    }

    @Test
    void prometheus_storesDriftSeries() throws Exception {
        startPrometheus();
        final String query = "momo_drift_value{job=\"" + JOB + "\", model=\"" + RunningMomo.MODEL
                + "\", feature=\"dataset\", statistic=\"drifted_feature_share\"}";

        final JsonNode result = awaitResult(query);

        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("metric").path("version").asText()).isEqualTo(RunningMomo.VERSION);
        assertThat(result.get(0).path("metric").path("instance").asText()).isEqualTo("127.0.0.1:" + momo.metricsPort());
        assertThat(Double.parseDouble(result.get(0).path("value").get(1).asText())).isGreaterThan(0.25);
    }

    @Test
    void prometheus_datasetDriftRuleActive() throws Exception {
        startPrometheus();

        final JsonNode rule = awaitRuleState("MomoDatasetDrift", Set.of("pending", "firing"));

        assertThat(rule.path("health").asText()).isEqualTo("ok");
        assertThat(rule.path("alerts")).isNotEmpty();
        assertThat(rule.path("alerts").get(0).path("labels").path("model").asText()).isEqualTo(RunningMomo.MODEL);
    }

    @Test
    void prometheus_deadLetterRuleFiring() throws Exception {
        startPrometheus();

        final JsonNode rule = awaitRuleState("MomoDeadLetterRecords", Set.of("firing"));

        assertThat(rule.path("alerts").get(0).path("labels").path("topic").asText()).isEqualTo("momo.inferences");
    }

    @Test
    void prometheus_everyRuleEvaluatesWithoutError() throws Exception {
        startPrometheus();
        awaitRuleState("MomoDeadLetterRecords", Set.of("firing"));

        final List<String> unhealthy = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final JsonNode group : prometheus.rules().path("data").path("groups")) {
            for (final JsonNode rule : group.path("rules")) {
                names.add(rule.path("name").asText());
                if (!rule.path("health").asText().equals("ok")) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }

        assertThat(names).containsExactlyInAnyOrderElementsOf(RuleFiles.allRules().stream().map(RuleFiles.Rule::name)
                .toList());
        assertThat(unhealthy).isEmpty();
    }

    @Test
    void prometheus_evaluatesEveryDashboardQuery() throws Exception {
        startPrometheus();
        awaitResult("momo_drift_value{job=\"" + JOB + "\"}");
        final Map<String, String> variables = Map.of("job", JOB, "instance", "127.0.0.1:" + momo.metricsPort(),
                "model", RunningMomo.MODEL, "version", RunningMomo.VERSION, "feature", "income",
                "statistic", "jensen_shannon", "output", "default_probability", "metric", "accuracy");

        final List<String> failures = new ArrayList<>();
        int evaluated = 0;
        for (final Path file : ObservabilityFiles.dashboards()) {
            for (final DashboardFile.Query query : DashboardFile.read(file).queries()) {
                if (query.expression().isBlank()) {
                    continue;
                }
                final String promQl = QueryVariables.substitute(query.expression(), variables);
                final JsonNode response = prometheus.query(promQl);
                evaluated++;
                if (!response.path("status").asText().equals("success")) {
                    failures.add(query.location() + ": " + response.path("error").asText() + " in " + promQl);
                }
            }
        }

        assertThat(evaluated).isGreaterThan(50);
        assertThat(failures).isEmpty();
    }

    /** Returns the metric names of every dashboard query and rule, each with the places that use it. */
    private static Map<String, Set<String>> usedNames() {
        final Map<String, Set<String>> used = new TreeMap<>();
        for (final Path file : ObservabilityFiles.dashboards()) {
            for (final DashboardFile.Query query : DashboardFile.read(file).queries()) {
                PromQlNames.of(query.expression()).forEach(name ->
                        used.computeIfAbsent(name, key -> new TreeSet<>()).add(query.location()));
            }
        }
        for (final RuleFiles.Rule rule : RuleFiles.allRules()) {
            PromQlNames.of(rule.expression()).forEach(name ->
                    used.computeIfAbsent(name, key -> new TreeSet<>()).add(rule.location()));
        }
        used.keySet().removeAll(WRITTEN_BY_PROMETHEUS);
        return used;
    }

    /** Starts Prometheus once for the tests that need it, scraping the running instance. */
    private void startPrometheus() throws Exception {
        if (prometheus != null) {
            return;
        }
        final Path binary = ExternalCommand.find("prometheus").orElse(null);
        assumeTrue(binary != null, "prometheus is not on the PATH: install Debian's prometheus package"
                + " (apt-get install prometheus) for the end-to-end test");
        final Path directory = java.nio.file.Files.createDirectories(dir.resolve("prometheus"));
        prometheus = PrometheusServer.start(binary, directory, JOB, "127.0.0.1:" + momo.metricsPort(),
                ObservabilityFiles.ruleFiles());
    }

    private JsonNode awaitResult(final String query) throws Exception {
        final long deadline = System.nanoTime() + PROMETHEUS_TIMEOUT.toNanos();
        JsonNode response = null;
        while (System.nanoTime() < deadline) {
            response = prometheus.query(query);
            final JsonNode result = response.path("data").path("result");
            if (response.path("status").asText().equals("success") && !result.isEmpty()) {
                return result;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no result for " + query + " within " + PROMETHEUS_TIMEOUT.toSeconds() + " s; last"
                + " response: " + response + "\ntargets: " + prometheus.targets() + "\nlog:\n" + prometheus.log());
    }

    private JsonNode awaitRuleState(final String name, final Set<String> states) throws Exception {
        final long deadline = System.nanoTime() + PROMETHEUS_TIMEOUT.toNanos();
        JsonNode found = null;
        while (System.nanoTime() < deadline) {
            for (final JsonNode group : prometheus.rules().path("data").path("groups")) {
                for (final JsonNode rule : group.path("rules")) {
                    if (rule.path("name").asText().equals(name)) {
                        found = rule;
                    }
                }
            }
            if (found != null && states.contains(found.path("state").asText())) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("rule " + name + " not in state " + states + " within " + PROMETHEUS_TIMEOUT.toSeconds()
                + " s; last: " + found + "\nlog:\n" + prometheus.log());
    }
}
