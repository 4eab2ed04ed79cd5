package dev.momo.load.alerts;

import dev.momo.schema.DriftAlert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Formats the scores of a run as Markdown: the scenarios, one summary row per scenario, what found
 * each change point, every false alert with its evidence, and the definitions behind the numbers.
 */
final class QualityReport {

    static final String DEFINITIONS = """
            Definitions:

            - An *alert signal* is an OPENED alert record of a window or performance check, or a detector \
            alert record (threshold source `detector`) that carries a new detection. Its position is the row \
            of the analysed table that produced it: the last row of the window, counting windows of the \
            chunk size in file order, or the detector's value index.
            - A change point `c`, followed by the next change point `c'` or by the end of the table, is \
            *found* when an alert signal falls in `[c, c')`. Its *delay* is the first such position minus \
            `c`, in events (rows). A window check therefore has a delay of at least the rows from `c` to \
            the end of its window.
            - A *false alert* is an alert signal before the first change point, or any alert signal in a \
            no-drift scenario.
            - *Alerts opened* counts OPENED records of every kind; *alert signals* adds the detector \
            records that carry a further detection of an open alert.
            """;

    private QualityReport() {
    }

    /**
     * Returns the report.
     *
     * @param header lines above the tables: the command, the machine, the settings
     * @param scores one per scenario, in the order they ran
     */
    static String markdown(final List<String> header, final List<ScenarioScore> scores) {
        final StringBuilder text = new StringBuilder();
        header.forEach(line -> text.append(line).append("\n"));
        text.append("\nScenarios:\n\n");
        for (final ScenarioScore score : scores) {
            text.append("- `").append(score.scenario().name()).append("`: ").append(score.scenario().description())
                    .append(".\n");
        }

        text.append("\n| scenario | rows analysed | change points | alerts opened | alert signals | false alerts"
                + " | changes found | missed | delay per change (rows) | median delay (rows) |\n");
        text.append("|---|---:|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (final ScenarioScore score : scores) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %d | %s | %s |%n",
                    score.scenario().name(), score.rows(), changePoints(score), score.alertsOpened(),
                    score.signals().size(), score.falseAlerts().size(), score.found(), score.missed(), delays(score),
                    median(score.medianDelay())));
        }

        text.append("\nChecks that raised the alert signals (\"x3\": three signals):\n\n");
        text.append("| scenario | feature or signal | checks |\n");
        text.append("|---|---|---|\n");
        for (final ScenarioScore score : scores) {
            final Map<String, Map<String, Integer>> byFeature = bySignalFeature(score.signals());
            if (byFeature.isEmpty()) {
                text.append("| ").append(score.scenario().name()).append(" | none | |\n");
            }
            byFeature.forEach((feature, checks) -> text.append("| ").append(score.scenario().name()).append(" | ")
                    .append(feature).append(" | ").append(checks(checks)).append(" |\n"));
        }

        text.append("\nWhat found each change point (the signals at the first position after it):\n\n");
        text.append("| scenario | change point | first signal at row | delay (rows) | found by |\n");
        text.append("|---|---:|---:|---:|---|\n");
        for (final ScenarioScore score : scores) {
            for (final ScenarioScore.ChangeOutcome change : score.changes()) {
                text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", score.scenario().name(),
                        change.changePoint(), change.found() ? change.firstSignals().get(0).position() : "-",
                        change.found() ? change.delay() : "missed", foundBy(change)));
            }
        }

        final List<ScenarioScore> withFalseAlerts = scores.stream().filter(s -> !s.falseAlerts().isEmpty()).toList();
        if (withFalseAlerts.isEmpty()) {
            text.append("\nNo false alerts.\n");
        } else {
            text.append("\nFalse alerts:\n\n");
            text.append("| scenario | row | window or value index | feature/check | state | severity | value"
                    + " | threshold (source) | sample size |\n");
            text.append("|---|---:|---:|---|---|---|---:|---|---:|\n");
            for (final ScenarioScore score : withFalseAlerts) {
                for (final AlertSignal signal : score.falseAlerts()) {
                    final DriftAlert alert = signal.alert();
                    text.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s (%s) | %d |%n",
                            score.scenario().name(), signal.position(), alert.getWindowIndex(), signal.source(),
                            alert.getState(), alert.getSeverity(), number(alert.getValue()),
                            number(alert.getThreshold()), alert.getThresholdSource(), alert.getSampleSize()));
                }
            }
        }
        text.append("\n").append(DEFINITIONS);
        return text.toString();
    }

    private static String changePoints(final ScenarioScore score) {
        return score.scenario().changePoints().isEmpty() ? "none"
                : score.scenario().changePoints().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String delays(final ScenarioScore score) {
        if (score.changes().isEmpty()) {
            return "-";
        }
        return score.changes().stream().map(c -> c.found() ? String.valueOf(c.delay()) : "missed")
                .collect(Collectors.joining(", "));
    }

    private static String median(final OptionalDouble median) {
        if (median.isEmpty()) {
            return "-";
        }
        final double value = median.getAsDouble();
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Counts signals per feature, then check, in order of first signal. */
    private static Map<String, Map<String, Integer>> bySignalFeature(final List<AlertSignal> signals) {
        final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (final AlertSignal signal : signals) {
            counts.computeIfAbsent(signal.alert().getFeature(), feature -> new LinkedHashMap<>())
                    .merge(signal.alert().getCheck(), 1, Integer::sum);
        }
        return counts;
    }

    private static String checks(final Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
    }

    private static String foundBy(final ScenarioScore.ChangeOutcome change) {
        if (!change.found()) {
            return "nothing before row " + change.end();
        }
        final Map<String, Map<String, Integer>> byFeature = bySignalFeature(change.firstSignals());
        return byFeature.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue().keySet()))
                .collect(Collectors.joining("; "));
    }

    private static String number(final double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4g", value);
    }
}
