package dev.momo.load;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prints the results of a benchmark as Markdown: one row per run, the medians per kind of run, the
 * ratio of Momo to the pass-through, and a row for the table in {@code docs/benchmarks.md}.
 *
 * @param events input events
 * @param bytesPerEvent mean size of a serialized event value
 * @param partitions input partitions
 * @param threads stream threads
 * @param commitIntervalMs commit interval of every run
 * @param machine where it ran
 * @param goalRatio the lowest acceptable ratio of Momo's events/s to the pass-through's
 */
record BenchmarkReport(long events, long bytesPerEvent, int partitions, int threads, int commitIntervalMs,
                       Machine machine, double goalRatio) {

    /**
     * Prints the report.
     *
     * @param warmups results of the warm-up rounds, shown but left out of the medians; may be empty
     * @param runs results by kind of run, in the order they ran; each list contains one result per round
     * @param baseline kind of the pass-through runs
     * @param momo kind of the Momo runs compared with the baseline
     */
    void print(final PrintStream out, final Map<String, List<RunResult>> warmups,
               final Map<String, List<RunResult>> runs, final String baseline, final String momo) {
        final int rounds = runs.get(baseline).size();
        out.println();
        out.printf(Locale.ROOT, "Throughput benchmark: %d events of %d bytes, %d partitions, %d stream thread(s),"
                        + " commit interval %d ms, exactly_once_v2, %d warm-up and %d measured round(s)%n", events,
                bytesPerEvent, partitions, threads, commitIntervalMs, warmups.isEmpty() ? 0
                        : warmups.values().iterator().next().size(), rounds);
        out.println("Machine: " + machine.describe() + ", max heap " + Runtime.getRuntime().maxMemory() / (1L << 20)
                + " MiB");
        out.println();
        printRuns(out, warmups, runs);
        out.println();
        printMedians(out, runs);

        final double ratio = median(runs.get(momo), RunResult::eventsPerSecond)
                / median(runs.get(baseline), RunResult::eventsPerSecond);
        final double cpuRatio = median(runs.get(momo), RunResult::eventsPerCpuSecond)
                / median(runs.get(baseline), RunResult::eventsPerCpuSecond);
        final String perRound = IntStream.range(0, rounds)
                .mapToObj(i -> format(runs.get(momo).get(i).eventsPerSecond() / runs.get(baseline).get(i).eventsPerSecond()))
                .collect(Collectors.joining(", "));
        out.println();
        out.printf(Locale.ROOT, "%s / %s: %.2f in events/s (per round: %s), %.2f in events per CPU second;"
                + " the goal is at least %.1f in events/s: %s%n", momo, baseline, ratio, perRound, cpuRatio, goalRatio,
                ratio >= goalRatio ? "met" : "NOT met");
        out.println();
        out.println("Row for docs/benchmarks.md:");
        final double[] momoRates = runs.get(momo).stream().mapToDouble(RunResult::eventsPerSecond).sorted().toArray();
        out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.0f | %.0f | %.0f-%.0f | %.2f | %.2f | %s |%n",
                LocalDate.now(ZoneOffset.UTC), events, partitions, threads, commitIntervalMs, rounds,
                median(runs.get(baseline), RunResult::eventsPerSecond), median(runs.get(momo), RunResult::eventsPerSecond),
                momoRates[0], momoRates[momoRates.length - 1], ratio, cpuRatio, machine.summary());
        out.flush();
    }

    private static void printRuns(final PrintStream out, final Map<String, List<RunResult>> warmups,
                                  final Map<String, List<RunResult>> runs) {
        out.println("| round | run | events/s | processing s | CPU s | events per CPU s | internal offsets per event"
                + " | first commit after s | output records | last output after input done, s | output check |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        printRounds(out, "warm-up ", warmups);
        printRounds(out, "", runs);
    }

    private static void printRounds(final PrintStream out, final String label, final Map<String, List<RunResult>> runs) {
        final int rounds = runs.isEmpty() ? 0 : runs.values().iterator().next().size();
        for (int round = 0; round < rounds; round++) {
            for (final List<RunResult> kind : runs.values()) {
                final RunResult run = kind.get(round);
                out.printf(Locale.ROOT, "| %s%d | %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %d | %s | %s |%n",
                        label, round + 1, run.name(), run.eventsPerSecond(), run.processingSeconds(), run.cpuSeconds(),
                        run.eventsPerCpuSecond(), run.internalOffsets() / (double) run.events(), run.firstCommitSeconds(),
                        run.outputRecords(),
                        run.lastOutputMillis() == Long.MIN_VALUE ? "-" : format(run.lastOutputMillis() / 1000.0),
                        run.problems().isEmpty() ? "exact" : String.join("; ", run.problems()));
            }
        }
    }

    private static void printMedians(final PrintStream out, final Map<String, List<RunResult>> runs) {
        out.println("| run | median events/s | median events per CPU s |");
        out.println("|---|---:|---:|");
        runs.forEach((kind, results) -> out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", kind,
                median(results, RunResult::eventsPerSecond), median(results, RunResult::eventsPerCpuSecond)));
    }

    /** Returns the median; for an even count, the mean of the two middle values. */
    static double median(final List<RunResult> results, final ToDoubleFunction<RunResult> value) {
        final double[] values = results.stream().mapToDouble(value).sorted().toArray();
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String format(final double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
