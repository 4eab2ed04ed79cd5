package dev.momo.topology;

import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.DetectorState;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.DetectorSpec;
import dev.momo.profile.ReferenceProfile;
import dev.momo.alerting.AlertSettings;
import dev.momo.alerting.AlertTexts;
import dev.momo.alerting.AlertTracker;
import dev.momo.alerting.Judgement;
import dev.momo.profile.ColumnRole;
import dev.momo.schema.DriftMetric;
import dev.momo.schema.InferenceEvent;
import dev.momo.table.Cells;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each event to the streaming change detectors of its model version's profile, one value per
 * detector and event, and reports every detection as a {@code DriftMetric} and an alert.
 *
 * <p>Detectors run on the input partition's task, like count windows: a model whose events spread over
 * P partitions has P detectors per configured signal, each seeing its partition's events in order.
 * Their state lives in {@link StoreNames#DETECTOR_STATE} (see {@link DetectorSlot}), written on every
 * event through the store's cache, which keeps RocksDB and changelog writes to one per commit; the
 * decoded detector is kept while the store returns the array last written.
 * A stored state that does not decode (written by another
 * release, or corrupt) is replaced by a fresh detector with a warning, never a crash, and a changed
 * detector configuration in a republished profile restarts the detector.
 *
 * <p>Alerts follow the {@link AlertSettings#forDetectors() detector lifecycle}: the first detection opens
 * an alert on the model version, signal, detector and input partition, further detections update it
 * (CRITICAL from the second on), and it resolves after {@code resolveAfter} profile chunks of values
 * (the window size the profile was built for) in a row without a detection; the cool-down counts
 * chunks too.
 *
 * <p>Values a detector cannot take (missing values, text in a numeric signal, NaN, infinities, values
 * outside [0, 1] for the error-rate detectors) are left out and counted in
 * {@code momo_detector_rejected_values_total}; the event itself still goes into its window.
 */
public final class DetectorProcessor implements Processor<String, Object, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorProcessor.class);

    /** Threshold source of detector metrics: the detector decides by its own rule. */
    public static final String THRESHOLD_SOURCE = "detector";
    /** Values between two refreshes of the detector gauges, which keeps per-event cost low. */
    private static final int GAUGE_INTERVAL = 100;

    private final MomoMetrics metrics;
    private final AlertSettings alertSettings;
    private final AlertSettings detectorAlerts;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> store;
    private ProfileLookup profiles;
    /**
     * The slot decoded from each stored array, by store key. The store's cache returns the array this
     * processor put, so an unchanged identity means the slot is current and needs no decoding.
     */
    private final Map<String, Decoded> decoded = new HashMap<>();

    private record Decoded(byte[] stored, DetectorSlot slot) {
    }

    DetectorProcessor(final MomoMetrics metrics, final AlertSettings alertSettings) {
        this.metrics = metrics;
        this.alertSettings = alertSettings;
        this.detectorAlerts = alertSettings.forDetectors();
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.DETECTOR_STATE);
        this.profiles = new ProfileLookup(context.getStateStore(StoreNames.REFERENCES));
        decoded.clear();
        LOG.info("Detector task {} started", context.taskId());
    }

    /**
     * Takes an accepted {@code Ingested<InferenceEvent>}, for the column signals, or a
     * {@link LabeledPrediction}, for the {@code error} and {@code loss} signals.
     */
    @Override
    public void process(final Record<String, Object> record) {
        final Input input = Input.of(record.value());
        if (input == null) {
            return;
        }
        final ReferenceProfile profile = profiles.find(input.modelId(), input.modelVersion());
        if (profile == null || profile.detectors().isEmpty()) {
            return;
        }
        final List<DetectorSpec> specs = profile.detectors();
        for (int i = 0; i < specs.size(); i++) {
            final DetectorSpec spec = specs.get(i);
            if (spec.labelSignal() != (input.joined() != null)) {
                continue;
            }
            final Double value = input.joined() != null ? labelSignalValue(spec, input.joined())
                    : signalValue(profile, spec, input.event());
            if (value == null) {
                metrics.detectorValueRejected(input.modelId(), spec.statistic(), spec.signal());
                continue;
            }
            final String key = ModelKeys.modelVersion(input.modelId(), input.modelVersion()) + '\u0000' + i;
            final DetectorSlot slot = slot(key, spec);
            update(profile, spec, slot, value, input);
            final byte[] encoded = slot.encode();
            store.put(key, encoded);
            decoded.put(key, new Decoded(encoded, slot));
        }
    }

    /** Input of a detector: an event, or a prediction joined with its label. */
    private record Input(String modelId, String modelVersion, Instant time, InferenceEvent event,
                         LabeledPrediction joined) {
        static Input of(final Object value) {
            if (value instanceof Ingested<?> ingested && ingested.value() instanceof InferenceEvent event) {
                return new Input(event.getModelId(), event.getModelVersion(), event.getEventTime(), event, null);
            }
            if (value instanceof LabeledPrediction joined) {
                return new Input(joined.modelId(), joined.modelVersion(), Instant.ofEpochMilli(joined.labelTime()),
                        null, joined);
            }
            return null;
        }
    }

    /** Returns the error indicator or the loss of a joined prediction, or null when it has none. */
    static Double labelSignalValue(final DetectorSpec spec, final LabeledPrediction joined) {
        return DetectorSpec.ERROR_SIGNAL.equals(spec.signal()) ? joined.error() : joined.loss();
    }

    private void update(final ReferenceProfile profile, final DetectorSpec spec, final DetectorSlot slot,
                        final double value, final Input event) {
        final DetectorState state;
        try {
            state = slot.detector.update(value);
        } catch (IllegalArgumentException e) {
            metrics.detectorValueRejected(event.modelId(), spec.statistic(), spec.signal());
            return;
        }
        slot.valuesSeen++;
        slot.sinceDetection++;
        if (state == DetectorState.DRIFT) {
            slot.detections++;
            detected(profile, spec, slot, event);
            slot.sinceDetection = 0;
        } else if (!slot.track.isQuiet() && slot.sinceDetection % Math.max(1, profile.chunkSize()) == 0) {
            trackAlert(profile, spec, slot, event, false);
        }
        if (state == DetectorState.DRIFT || slot.valuesSeen % GAUGE_INTERVAL == 0) {
            metrics.detectorEstimate(event.modelId(), event.modelVersion(), spec.statistic(), spec.signal(),
                    slot.detector.estimate());
        }
    }

    private void detected(final ReferenceProfile profile, final DetectorSpec spec, final DetectorSlot slot,
                          final Input event) {
        final Map<String, Double> estimate = slot.detector.estimate();
        final long now = System.currentTimeMillis();
        final DriftMetric metric = DriftMetric.newBuilder()
                .setModelId(event.modelId())
                .setModelVersion(event.modelVersion())
                .setFeature(spec.signal())
                .setStatistic(spec.statistic())
                .setWindowIndex(slot.valuesSeen - 1)
                .setWindowStart(event.time())
                .setWindowEnd(event.time())
                .setInputPartition(context.recordMetadata().map(m -> m.partition()).orElse(null))
                .setSampleSize(slot.sinceDetection)
                .setReferenceSize(0)
                .setValue(primaryValue(estimate))
                .setThreshold(thresholdValue(estimate))
                .setThresholdSource(THRESHOLD_SOURCE)
                .setDrifted(true)
                .setComputedAt(Instant.ofEpochMilli(now))
                .build();
        context.forward(new Record<>(event.modelId(), metric, now));
        metrics.detection(event.modelId(), event.modelVersion(), spec.statistic(), spec.signal());
        LOG.info("Detector {} found a change in {} of model {} version {} at value {} ({})", spec.statistic(),
                spec.signal(), event.modelId(), event.modelVersion(), slot.valuesSeen - 1, estimate);

        trackAlert(profile, spec, slot, event, true);
    }

    /** Moves the detector's alert by one detection, or by one chunk of values without any. */
    private void trackAlert(final ReferenceProfile profile, final DetectorSpec spec, final DetectorSlot slot,
                            final Input event, final boolean detected) {
        final Map<String, Double> estimate = slot.detector.estimate();
        final long now = System.currentTimeMillis();
        final Long time = event.time() == null ? null : event.time().toEpochMilli();
        final AlertTracker.WindowInfo info = new AlertTracker.WindowInfo(event.modelId(), event.modelVersion(),
                slot.valuesSeen - 1, time, time);
        final Judgement judgement = new Judgement(spec.signal(), spec.statistic(), primaryValue(estimate),
                thresholdValue(estimate), Double.NaN, THRESHOLD_SOURCE, Double.NaN, slot.sinceDetection, 0, detected,
                detected && slot.track.isOpen());
        // The partition belongs in the id: each partition's detector counts its own values.
        final String scope = "\u0000" + context.recordMetadata().map(m -> m.partition()).orElse(-1);
        final AlertTracker.Transition transition = AlertTracker.update(slot.track, judgement, 0, info, scope,
                detectorAlerts, now);
        slot.track = transition.next();
        transition.alert().ifPresent(alert -> alert.setInputPartition(
                context.recordMetadata().map(m -> m.partition()).orElse(null)));
        transition.alert().ifPresent(alert -> CheckRecords.publish(alert, subject(profile, spec), profile, alertSettings,
                metrics, done -> context.forward(new Record<>(done.getModelId(), done, now))));
    }

    /** Alert subject of a detector's signal: performance for the error and loss, else the column's role. */
    private static String subject(final ReferenceProfile profile, final DetectorSpec spec) {
        if (spec.labelSignal()) {
            return AlertTexts.PERFORMANCE;
        }
        return profile.column(spec.column()).map(c -> c.role() == ColumnRole.FEATURE ? "feature" : "prediction")
                .orElse("feature");
    }

    /** Returns the task's slot of a detector, restored from the store or new. */
    private DetectorSlot slot(final String key, final DetectorSpec spec) {
        final String configuration = spec.toString();
        DetectorSlot slot = null;
        final byte[] stored = store.get(key);
        final Decoded known = decoded.get(key);
        if (stored != null && known != null && known.stored() == stored
                && known.slot().configuration.equals(configuration)) {
            return known.slot();
        }
        if (stored != null) {
            try {
                slot = DetectorSlot.decode(stored);
            } catch (IllegalArgumentException e) {
                LOG.warn("Stored state of detector {} on {} (store key {}, task {}) is unreadable and starts over: {}",
                        spec.statistic(), spec.signal(), key.replace('\u0000', '/'), context.taskId(), e.getMessage());
            }
        }
        if (slot != null && !slot.configuration.equals(configuration)) {
            LOG.info("Detector configuration changed to {} (store key {}): the detector starts over", configuration,
                    key.replace('\u0000', '/'));
            slot = null;
        }
        if (slot == null) {
            final ChangeDetector detector = spec.detectorParameters().newDetector();
            slot = new DetectorSlot(configuration, detector);
        }
        return slot;
    }

    /**
     * Returns the signal's value in the event: the number of a numeric column, or 1 or 0 for a category
     * share. Null when the event has no usable value.
     */
    static Double signalValue(final ReferenceProfile profile, final DetectorSpec spec, final InferenceEvent event) {
        final ColumnProfile column = profile.column(spec.column()).orElse(null);
        if (column == null) {
            return null;
        }
        final Object raw = switch (column.role()) {
            case FEATURE -> event.getFeatures().get(column.name());
            case PREDICTION -> event.getPrediction();
            case PROBABILITY -> event.getProbabilities().get(column.name());
        };
        if (raw == null || raw instanceof String text && Cells.isMissing(text)) {
            return null;
        }
        if (spec.category() != null) {
            return Cells.categoryOf(raw).equals(spec.category()) ? 1.0 : 0.0;
        }
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        if (raw instanceof Boolean flag) {
            return flag ? 1.0 : 0.0;
        }
        return Cells.parseNumber(raw.toString());
    }

    /** Returns the detector's test statistic where it has one, else its mean, else its first estimate. */
    private static double primaryValue(final Map<String, Double> estimate) {
        for (final String name : List.of("statistic", "mean")) {
            if (estimate.containsKey(name)) {
                return estimate.get(name);
            }
        }
        return estimate.isEmpty() ? Double.NaN : estimate.values().iterator().next();
    }

    private static double thresholdValue(final Map<String, Double> estimate) {
        for (final String name : List.of("threshold", "drift_level")) {
            if (estimate.containsKey(name)) {
                return estimate.get(name);
            }
        }
        return Double.NaN;
    }
}
