package dev.momo.load;

import dev.momo.schema.DriftMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the drift metrics of one Momo run: exactly {@code expectedWindows} × {@code checksPerWindow}
 * metrics, no duplicate (input partition, window, column, statistic), and every metric computed over
 * a whole window. The synthetic events have no missing values, so the sample size of every column
 * equals the events per window.
 */
final class DriftMetricCheck {

    private final long expectedWindows;
    private final int checksPerWindow;
    private final long eventsPerWindow;
    private final Set<String> checks = new HashSet<>();
    /** Smallest sample size seen per window, keyed by input partition and window index. */
    private final Map<String, Long> smallestSample = new HashMap<>();
    private long metrics;
    private long lastTimestamp = Long.MIN_VALUE;

    DriftMetricCheck(final long expectedWindows, final int checksPerWindow, final long eventsPerWindow) {
        this.expectedWindows = expectedWindows;
        this.checksPerWindow = checksPerWindow;
        this.eventsPerWindow = eventsPerWindow;
    }

    void add(final DriftMetric metric, final long timestamp) {
        metrics++;
        final String window = metric.getInputPartition() + "/" + metric.getWindowIndex();
        checks.add(window + "/" + metric.getFeature() + "/" + metric.getStatistic());
        smallestSample.merge(window, metric.getSampleSize(), Math::min);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    /** Returns the latest record timestamp seen, epoch ms; Momo sets it to the time the metric was computed. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    /** Returns what differs from the expected output, one sentence each; empty when nothing does. */
    List<String> problems() {
        final List<String> problems = new ArrayList<>();
        final long expectedMetrics = expectedWindows * checksPerWindow;
        if (metrics != expectedMetrics) {
            problems.add(metrics + " drift metrics, expected exactly " + expectedMetrics + " (" + expectedWindows
                    + " windows x " + checksPerWindow + " checks)");
        }
        if (checks.size() != metrics) {
            problems.add((metrics - checks.size()) + " duplicate drift metrics");
        }
        if (smallestSample.size() != expectedWindows) {
            problems.add(smallestSample.size() + " windows, expected " + expectedWindows);
        }
        final long partial = smallestSample.values().stream().filter(size -> size != eventsPerWindow).count();
        if (partial > 0) {
            final long smallest = smallestSample.values().stream().mapToLong(Long::longValue).min().orElse(0);
            problems.add(partial + " of " + smallestSample.size() + " windows have metrics over fewer or more than "
                    + eventsPerWindow + " events (smallest sample " + smallest + ")");
        }
        return problems;
    }
}
