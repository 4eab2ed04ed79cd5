package dev.momo.load;

import java.util.List;

/**
 * Measurements of one timed run.
 *
 * @param name what ran, for the report
 * @param events input events processed
 * @param timedEvents input events committed between the two ends of the clock
 * @param firstCommitNanos from {@code KafkaStreams.start()} until the first committed input records
 *     were seen: the start-up
 * @param processingNanos from the first committed input records until the committed offsets reached
 *     the input's end
 * @param cpuNanos CPU time of the whole JVM (broker, application and benchmark) in the same interval,
 *     or -1 when not measured
 * @param outputRecords committed output records, counted after the application closed
 * @param internalOffsets sum of the end offsets of the application's internal topics (changelogs and
 *     repartition topics): records written plus transaction markers
 * @param lastOutputMillis timestamp of the last output record minus the time the input was seen
 *     committed, or {@link Long#MIN_VALUE} when the output's timestamps are not the time of processing
 *     (the pass-through copies input timestamps)
 * @param problems what the output check found wrong; empty when the output is exactly as expected
 */
record RunResult(String name, long events, long timedEvents, long firstCommitNanos, long processingNanos,
                 long cpuNanos, long outputRecords, long internalOffsets, long lastOutputMillis,
                 List<String> problems) {

    RunResult {
        problems = List.copyOf(problems);
    }

    double eventsPerSecond() {
        return timedEvents * 1e9 / processingNanos;
    }

    /**
     * Events per second of CPU time of the JVM, less sensitive to other load on the machine than
     * events/s; NaN when the CPU time was not measured.
     */
    double eventsPerCpuSecond() {
        return cpuNanos <= 0 ? Double.NaN : timedEvents * 1e9 / cpuNanos;
    }

    double processingSeconds() {
        return processingNanos / 1e9;
    }

    double firstCommitSeconds() {
        return firstCommitNanos / 1e9;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }
}
