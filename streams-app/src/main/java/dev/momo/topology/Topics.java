package dev.momo.topology;

import java.util.Map;

/**
 * Names of the topics Momo reads and writes; the defaults are the {@code momo.*} names.
 *
 * @param inferences input inference events, key model id
 * @param labels input ground truth, key model id
 * @param references compacted reference profiles, key {@code modelId/modelVersion}
 * @param driftMetrics output drift metrics, key model id
 * @param alerts output alerts, key model id
 * @param deadLetters rejected input records with headers naming the error
 */
public record Topics(
        String inferences,
        String labels,
        String references,
        String driftMetrics,
        String alerts,
        String deadLetters) {

    public static final Topics DEFAULTS = new Topics("momo.inferences", "momo.labels", "momo.references",
            "momo.drift-metrics", "momo.alerts", "momo.dlq");

    /** Topic configs per topic, for {@code momo topics} and the embedded broker. */
    public Map<String, Map<String, String>> configs() {
        return Map.of(
                inferences, Map.of(),
                labels, Map.of(),
                references, Map.of("cleanup.policy", "compact", "max.message.bytes", String.valueOf(MAX_RECORD_BYTES)),
                driftMetrics, Map.of(),
                alerts, Map.of(),
                deadLetters, Map.of("max.message.bytes", String.valueOf(MAX_RECORD_BYTES)));
    }

    /**
     * Largest record Momo writes: reference profiles and partial windows carry samples of up to a few
     * thousand points per column, so they outgrow Kafka's 1 MB default.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
}
