package dev.momo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Prometheus rule files and promtool test files (YAML) into their parts. */
final class RuleFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One alerting or recording rule: its name and PromQL. */
    record Rule(Path file, String name, boolean alerting, String expression) {
        String location() {
            return file.getFileName() + " rule " + name;
        }
    }

    private RuleFiles() {
    }

    static JsonNode read(final Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML file " + file, e);
        }
    }

    static List<Rule> rules(final Path file) {
        final List<Rule> rules = new ArrayList<>();
        for (final JsonNode group : read(file).path("groups")) {
            for (final JsonNode rule : group.path("rules")) {
                final boolean alerting = rule.has("alert");
                rules.add(new Rule(file, rule.path(alerting ? "alert" : "record").asText(), alerting,
                        rule.path("expr").asText()));
            }
        }
        return rules;
    }

    static List<Rule> allRules() {
        final List<Rule> rules = new ArrayList<>();
        ObservabilityFiles.ruleFiles().forEach(file -> rules.addAll(rules(file)));
        return rules;
    }

    /** Returns the names of the alerts that a promtool test file expects to fire at least once. */
    static List<String> alertsExpectedToFire(final Path testFile) {
        final List<String> names = new ArrayList<>();
        for (final JsonNode test : read(testFile).path("tests")) {
            for (final JsonNode check : test.path("alert_rule_test")) {
                if (check.path("exp_alerts").size() > 0) {
                    names.add(check.path("alertname").asText());
                }
            }
        }
        return names;
    }
}
