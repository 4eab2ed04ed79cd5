package dev.momo.topology;

import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.DetectorSpec;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins labels to their predictions by model id and event id, whichever arrives first, within the
 * label delay.
 *
 * <p>The side that arrives first waits in {@link StoreNames#LABEL_PENDING}, with its deadline (its
 * time plus the label delay) indexed in {@link StoreNames#LABEL_DEADLINES} by deadline first, so that
 * expiry is one range scan. Time is the latest prediction or label time seen by the task, not the
 * wall clock, so a replayed history expires the same way as a live stream. A prediction whose label
 * never came and a label whose prediction never came are counted per model
 * ({@code momo_predictions_unlabeled_total}, {@code momo_labels_unmatched_total}) when their deadline
 * passes. The stores hold at most the predictions of one label delay per partition: at 100 events per
 * second and 7 days, about 60 million entries of some 100 bytes each, so size the delay to the traffic.
 *
 * <p>Predictions wait only when their model version expects labels (its profile names a label column
 * or an error or loss detector). A label of a model none of whose versions expects labels is counted as
 * unmatched at once, since its prediction was not kept.
 *
 * <p>Labels and predictions of one model must reach the same task: the labels and inferences topics
 * need the same number of partitions, and producers key both by model id.
 */
final class LabelJoinProcessor implements Processor<String, SpecificRecord, String, LabeledPrediction> {

    private static final Logger LOG = LoggerFactory.getLogger(LabelJoinProcessor.class);

    /** Default label delay: labels later than this after their prediction are not joined. */
    static final Duration DEFAULT_DELAY = Duration.ofDays(7);
    private static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(1);

    private final long delayMillis;
    private final MomoMetrics metrics;
    private ProcessorContext<String, LabeledPrediction> context;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<Bytes, byte[]> deadlines;
    private ProfileLookup profiles;
    private long observedTime = Long.MIN_VALUE;

    LabelJoinProcessor(final Duration delay, final MomoMetrics metrics) {
        this.delayMillis = delay.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, LabeledPrediction> context) {
        this.context = context;
        this.pending = context.getStateStore(StoreNames.LABEL_PENDING);
        this.deadlines = context.getStateStore(StoreNames.LABEL_DEADLINES);
        this.profiles = new ProfileLookup(context.getStateStore(StoreNames.REFERENCES));
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expire());
        LOG.info("Label join task {} started, label delay {}", context.taskId(), Duration.ofMillis(delayMillis));
    }

    @Override
    public void process(final Record<String, SpecificRecord> record) {
        if (record.value() instanceof InferenceEvent event) {
            prediction(event);
        } else if (record.value() instanceof GroundTruth label) {
            label(label);
        }
    }

    private void prediction(final InferenceEvent event) {
        final long time = event.getEventTime().toEpochMilli();
        observedTime = Math.max(observedTime, time);
        // Versions that expect no labels skip the store on this hot path; a label that waits for one of their
        // predictions expires as unmatched.
        if (!expectsLabels(event)) {
            return;
        }
        final String key = key(event.getModelId(), event.getEventId());
        final PendingJoin waiting = take(key);
        if (waiting != null && !waiting.isPrediction()) {
            join(event.getModelId(), event.getEventId(), event.getModelVersion(), time, event.getPrediction(),
                    event.getProbabilities(), waiting.value(), waiting.time());
            return;
        }
        put(key, PendingJoin.prediction(saturatedAdd(time, delayMillis), event.getModelVersion(), time,
                event.getPrediction(), event.getProbabilities()));
    }

    private void label(final GroundTruth label) {
        final long time = label.getEventTime().toEpochMilli();
        observedTime = Math.max(observedTime, time);
        final String key = key(label.getModelId(), label.getEventId());
        final PendingJoin waiting = take(key);
        if (waiting != null && waiting.isPrediction()) {
            join(label.getModelId(), label.getEventId(), waiting.modelVersion(), waiting.time(), waiting.value(),
                    waiting.probabilities(), label.getLabel(), time);
            return;
        }
        if (!anyVersionExpectsLabels(label.getModelId())) {
            // Its prediction was not kept, so the label could only wait out the delay: count it now.
            metrics.labelUnmatched(label.getModelId());
            return;
        }
        put(key, PendingJoin.label(saturatedAdd(time, delayMillis), time, label.getLabel()));
    }

    private void join(final String modelId, final String eventId, final String modelVersion, final long predictionTime,
                      final Object prediction, final java.util.Map<String, Double> probabilities, final Object label,
                      final long labelTime) {
        metrics.labelJoined(modelId, labelTime - predictionTime);
        context.forward(new Record<>(modelId, new LabeledPrediction(modelId, modelVersion, eventId, predictionTime,
                labelTime, prediction, probabilities, label), Math.max(predictionTime, labelTime)));
    }

    /**
     * Whether the event's model version expects labels: its profile names a label column or a detector
     * of the error or loss. Only then does the prediction wait, which spares models without labels two
     * store writes per event.
     */
    private boolean expectsLabels(final InferenceEvent event) {
        final ReferenceProfile profile = profiles.find(event.getModelId(), event.getModelVersion());
        return profile != null && (profile.labelColumn() != null
                || profile.detectors().stream().anyMatch(DetectorSpec::labelSignal));
    }

    private boolean anyVersionExpectsLabels(final String modelId) {
        for (final String[] modelVersion : profiles.modelVersions()) {
            if (modelVersion[0].equals(modelId)) {
                final ReferenceProfile profile = profiles.find(modelVersion[0], modelVersion[1]);
                if (profile != null && (profile.labelColumn() != null
                        || profile.detectors().stream().anyMatch(DetectorSpec::labelSignal))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes and returns what waits under the key, or null. */
    private PendingJoin take(final String key) {
        final byte[] stored = pending.get(key);
        if (stored == null) {
            return null;
        }
        pending.delete(key);
        try {
            final PendingJoin waiting = PendingJoin.decode(stored);
            deadlines.delete(deadlineKey(waiting.deadline(), key));
            return waiting;
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropped an unreadable pending join entry for {} on task {}: {}", key.replace('\u0000', '/'),
                    context.taskId(), e.getMessage());
            return null;
        }
    }

    private void put(final String key, final PendingJoin waiting) {
        pending.put(key, waiting.encode());
        deadlines.put(deadlineKey(waiting.deadline(), key), new byte[0]);
    }

    /** Gives up every entry whose deadline the task's time has passed, counting it per model. */
    private void expire() {
        if (observedTime == Long.MIN_VALUE) {
            return;
        }
        final List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> due = deadlines.range(deadlineKey(0, ""), deadlineKey(observedTime, ""))) {
            while (due.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = due.next();
                expired.add(entry.key);
            }
        }
        for (final Bytes deadlineKey : expired) {
            deadlines.delete(deadlineKey);
            final byte[] raw = deadlineKey.get();
            final String key = new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.UTF_8);
            final byte[] stored = pending.get(key);
            pending.delete(key);
            final String modelId = key.substring(0, Math.max(0, key.indexOf('\u0000')));
            if (stored != null && PendingJoin.decode(stored).isPrediction()) {
                metrics.predictionUnlabeled(modelId);
            } else if (stored != null) {
                metrics.labelUnmatched(modelId);
            }
        }
        if (!expired.isEmpty()) {
            LOG.debug("Label join task {} gave up {} entries older than the label delay", context.taskId(),
                    expired.size());
        }
    }

    static String key(final String modelId, final String eventId) {
        return modelId + '\u0000' + eventId;
    }

    /** Deadline, big-endian so that byte order is time order for deadlines from 1970 on, then the pending key. */
    static Bytes deadlineKey(final long deadline, final String key) {
        final byte[] text = key.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + text.length).putLong(Math.max(0, deadline)).put(text).array());
    }

    private static long saturatedAdd(final long a, final long b) {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
