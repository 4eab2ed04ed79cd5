package dev.momo.metrics;

import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code momo_alerts_open{model, severity}}: open alerts (latest state OPENED or UPDATED) in the
 * alert view stores of this instance's tasks. Each task of the alert view keeps a {@link TaskCounts},
 * rebuilt from its store when the task starts and dropped when it closes. The gauge sums the tasks'
 * counts at scrape time. A model's alerts live in one partition of the alerts topic, so one instance
 * reports each model and a sum over instances counts every open alert once.
 *
 * <p>A model and severity that had an open alert on a task keep a series with value 0 after the alert
 * resolves, until the task closes.
 */
public final class OpenAlertCounts {

    /** Counts by task name, such as {@code momo/3_0}. Only the task's stream thread writes its counts. */
    private final ConcurrentMap<String, TaskCounts> tasks = new ConcurrentHashMap<>();

    OpenAlertCounts(final PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("momo_alerts_open")
                .help("Open alerts (latest state opened or updated) in the alert view of this instance")
                .labelNames("model", "severity")
                .callback(callback -> totals().forEach((labels, count) ->
                        callback.call(count, labels.get(0), labels.get(1))))
                .register(registry);
    }

    /**
     * Starts the counts of one task, replacing the counts that an earlier start of the same task left
     * behind (a task that failed and restarted without closing).
     *
     * @param task a name unique within the JVM: application id and task id
     */
    TaskCounts start(final String task) {
        final TaskCounts counts = new TaskCounts(task);
        tasks.put(task, counts);
        return counts;
    }

    private Map<List<String>, Double> totals() {
        final Map<List<String>, Double> totals = new TreeMap<>(OpenAlertCounts::compare);
        for (final TaskCounts task : tasks.values()) {
            task.counts.forEach((labels, count) -> totals.merge(labels, (double) count.get(), Double::sum));
        }
        return totals;
    }

    private static boolean isOpen(final DriftAlert alert) {
        return alert.getState() != AlertState.RESOLVED;
    }

    private static int compare(final List<String> a, final List<String> b) {
        final int byModel = a.get(0).compareTo(b.get(0));
        return byModel != 0 ? byModel : a.get(1).compareTo(b.get(1));
    }

    /**
     * The open alerts of one task of the alert view, by model and severity (lower case). Updated by the
     * task's stream thread, read by the scrape.
     */
    public final class TaskCounts implements AutoCloseable {

        private final String task;
        private final Map<List<String>, AtomicLong> counts = new ConcurrentHashMap<>();

        private TaskCounts(final String task) {
            this.task = task;
        }

        /** Counts an alert found in the store when the task starts, if its latest record is open. */
        public void add(final DriftAlert latest) {
            if (isOpen(latest)) {
                counter(latest).incrementAndGet();
            }
        }

        /**
         * Moves the count from an alert's previous latest record to its new one: an alert that resolves
         * leaves the count of its severity, and one whose severity changes moves to the new severity.
         *
         * @param previous the latest record before, or null for a new alert
         */
        public void replace(final DriftAlert previous, final DriftAlert next) {
            if (previous != null && isOpen(previous)) {
                counter(previous).updateAndGet(count -> Math.max(0, count - 1));
            }
            add(next);
        }

        private AtomicLong counter(final DriftAlert alert) {
            final List<String> key = List.of(alert.getModelId(), alert.getSeverity().name().toLowerCase(Locale.ROOT));
            return counts.computeIfAbsent(key, labels -> new AtomicLong());
        }

        /** Drops the task's counts, unless a later start of the same task replaced them. */
        @Override
        public void close() {
            tasks.remove(task, this);
        }
    }
}
