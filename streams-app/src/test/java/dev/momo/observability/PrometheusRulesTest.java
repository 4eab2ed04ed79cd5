package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files checked with promtool from Debian's {@code prometheus} package: the rules and the
 * scrape configuration are valid, the rules' unit tests pass and cover every alert, and every dashboard
 * query parses as PromQL. Skipped only when promtool is not on the PATH.
 */
class PrometheusRulesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern QUERY_RECORD = Pattern.compile("dashboard_query_(\\d+)");
    /** Values for the dashboards' template variables; promtool only parses, so any valid text does. */
    private static final Map<String, String> VARIABLES = Map.of("job", "momo", "instance", "127.0.0.1:9464",
            "model", "credit-default", "version", "1", "feature", "income", "statistic", "psi",
            "output", "default_probability", "metric", "accuracy");

    @TempDir
    Path dir;

    @Test
    void ruleFiles_passPromtoolCheck() throws IOException {
        final List<String> command = new ArrayList<>(List.of(promtool().toString(), "check", "rules"));
        ObservabilityFiles.ruleFiles().forEach(file -> command.add(file.toString()));

        final ExternalCommand.Result result = ExternalCommand.run(command, ObservabilityFiles.root(), TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void prometheusConfig_passesPromtoolCheck() throws IOException {
        final ExternalCommand.Result result = ExternalCommand.run(List.of(promtool().toString(), "check", "config",
                ObservabilityFiles.prometheusConfig().toString()), ObservabilityFiles.root(), TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("rule files found");
    }

    @Test
    void ruleUnitTests_pass() throws IOException {
        final List<String> command = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
        ObservabilityFiles.ruleTests().forEach(file -> command.add(file.toString()));

        final ExternalCommand.Result result = ExternalCommand.run(command, ObservabilityFiles.root(), TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("SUCCESS");
    }

    @Test
    void ruleUnitTests_fireEveryAlert() {
        final Set<String> alerts = new TreeSet<>();
        RuleFiles.allRules().stream().filter(RuleFiles.Rule::alerting).forEach(rule -> alerts.add(rule.name()));
        final Set<String> tested = new TreeSet<>();
        ObservabilityFiles.ruleTests().forEach(file -> tested.addAll(RuleFiles.alertsExpectedToFire(file)));

        assertThat(alerts).isNotEmpty();
        assertThat(tested).as("alerts that some promtool test expects to fire").containsAll(alerts);
    }

    @Test
    void dashboardQueries_parseAsPromQl() throws IOException {
        final Path promtool = promtool();
        final StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        final List<String> locations = new ArrayList<>();
        for (final Path file : ObservabilityFiles.dashboards()) {
            for (final DashboardFile.Query query : DashboardFile.read(file).queries()) {
                if (query.expression().isBlank()) {
                    continue;
                }
                locations.add(query.location());
                rules.append("      - record: dashboard_query_").append(locations.size()).append('\n')
                        .append("        expr: ").append(RuleFiles.YAML.writeValueAsString(
                                QueryVariables.substitute(query.expression(), VARIABLES)).replaceFirst("^---\\s*", "")
                                .strip().replace("\n", "\n          ")).append('\n');
            }
        }
        final Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);

        final ExternalCommand.Result result = ExternalCommand.run(List.of(promtool.toString(), "check", "rules",
                file.toString()), dir, TIMEOUT);

        assertThat(locations).hasSizeGreaterThan(50);
        assertThat(result.exitCode()).as("%s\nfailing queries: %s", result.describe(), failing(result, locations))
                .isZero();
        assertThat(result.stdout()).contains("SUCCESS: " + locations.size() + " rules found");
    }

    /** Returns the promtool executable, or skips the test when it is not on the PATH. */
    private static Path promtool() {
        final Path promtool = ExternalCommand.find("promtool").orElse(null);
        assumeTrue(promtool != null, "promtool is not on the PATH: install Debian's prometheus package"
                + " (apt-get install prometheus) to check the rules and dashboard queries");
        return promtool;
    }

    /** Returns the dashboard locations of the records that promtool's output names. */
    private static Set<String> failing(final ExternalCommand.Result result, final List<String> locations) {
        final Set<String> failing = new TreeSet<>();
        final Matcher record = QUERY_RECORD.matcher(result.stdout() + result.stderr());
        while (record.find()) {
            failing.add(locations.get(Integer.parseInt(record.group(1)) - 1));
        }
        return failing;
    }
}
