package dev.momo.topology;

import dev.momo.alerting.AlertSettings;
import dev.momo.alerting.AlertTexts;
import dev.momo.alerting.AlertTracker;
import dev.momo.alerting.Judgement;
import dev.momo.drift.CheckResult;
import dev.momo.metrics.MomoMetrics;
import dev.momo.performance.ClassLabels;
import dev.momo.performance.ClassificationMetrics;
import dev.momo.performance.ClassificationWindow;
import dev.momo.performance.PerformanceMetrics;
import dev.momo.performance.RegressionMetrics;
import dev.momo.performance.RegressionWindow;
import dev.momo.performance.SampleKeys;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.schema.DriftMetric;
import dev.momo.table.Cells;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realized performance: cuts the predictions joined with their labels into count windows of the
 * profile's chunk size, per model version and input partition, and compares each window's metrics with
 * the reference ({@link PerformanceProfile}). Every metric of a closed window is a {@code DriftMetric}
 * on the feature {@code performance} and feeds an alert, like a drift check.
 *
 * <p>The rows of an open window wait in {@link StoreNames#PERFORMANCE_BUFFER}, one entry per joined
 * prediction; {@link StoreNames#PERFORMANCE_OPEN} holds each model version's window number and row count.
 * Joined predictions whose label or prediction the window cannot take (an unknown class, a probability
 * outside [0, 1]) are left out and logged once per window.
 *
 * <p>NOTE: windows are counted in joined predictions, in the order the labels arrive; windows by event
 * time of the prediction, and estimated performance (CBPE) per drift window, are not built yet.
 */
final class PerformanceProcessor implements Processor<String, LabeledPrediction, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceProcessor.class);

    private final MomoMetrics metrics;
    private final AlertSettings alertSettings;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Bytes, byte[]> buffer;
    private KeyValueStore<String, byte[]> open;
    private KeyValueStore<String, byte[]> alerts;
    private ProfileLookup profiles;

    PerformanceProcessor(final MomoMetrics metrics, final AlertSettings alertSettings) {
        this.metrics = metrics;
        this.alertSettings = alertSettings;
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.buffer = context.getStateStore(StoreNames.PERFORMANCE_BUFFER);
        this.open = context.getStateStore(StoreNames.PERFORMANCE_OPEN);
        this.alerts = context.getStateStore(StoreNames.PERFORMANCE_ALERTS);
        this.profiles = new ProfileLookup(context.getStateStore(StoreNames.REFERENCES));
        LOG.info("Performance task {} started", context.taskId());
    }

    @Override
    public void process(final Record<String, LabeledPrediction> record) {
        final LabeledPrediction joined = record.value();
        final ReferenceProfile profile = profiles.find(joined.modelId(), joined.modelVersion());
        if (profile == null || profile.performance() == null) {
            return;
        }
        final String key = ModelKeys.modelVersion(joined.modelId(), joined.modelVersion());
        final byte[] state = open.get(key);
        final long windowId = state == null ? 0 : ByteBuffer.wrap(state).getLong(0);
        final long rows = state == null ? 0 : ByteBuffer.wrap(state).getLong(Long.BYTES);
        // Row: label, prediction, event id, then the probability of each class that has a column.
        final Map<String, String> probabilityColumns = profile.performance().probabilityColumnsByClass();
        final Object[] values = new Object[3 + probabilityColumns.size()];
        values[0] = joined.label();
        values[1] = joined.prediction();
        values[2] = joined.eventId();
        int i = 3;
        for (final String column : probabilityColumns.values()) {
            values[i++] = joined.probabilities().get(column);
        }
        buffer.put(ModelKeys.bufferKey(key, windowId, rows), RowCodec.encode(joined.predictionTime(), values,
                new String[0]));
        if (rows + 1 >= profile.chunkSize()) {
            close(profile, joined, key, windowId);
            open.put(key, counters(windowId + 1, 0));
        } else {
            open.put(key, counters(windowId, rows + 1));
        }
    }

    private void close(final ReferenceProfile profile, final LabeledPrediction joined, final String key,
                       final long windowId) {
        final PerformanceProfile performance = profile.performance();
        final ClassificationWindow classification = performance.classification()
                ? ClassificationWindow.create(ClassLabels.of(performance.classes()),
                        !performance.probabilityColumnsByClass().isEmpty())
                : null;
        final RegressionWindow regression = performance.classification() ? null : new RegressionWindow();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long rejected = 0;
        String firstRejection = null;
        final List<Bytes> rowKeys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> rows = buffer.prefixScan(ModelKeys.bufferPrefix(key, windowId),
                Serdes.Bytes().serializer())) {
            while (rows.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = rows.next();
                rowKeys.add(entry.key);
                final RowCodec.Row row = RowCodec.decode(entry.value);
                first = Math.min(first, row.eventTime());
                last = Math.max(last, row.eventTime());
                try {
                    add(performance, classification, regression, row.values());
                } catch (IllegalArgumentException e) {
                    rejected++;
                    firstRejection = firstRejection == null ? e.getMessage() : firstRejection;
                }
            }
        }
        rowKeys.forEach(buffer::delete);
        if (rejected > 0) {
            LOG.warn("Left {} joined predictions out of performance window {} of model {} version {}; first: {}",
                    rejected, windowId, joined.modelId(), joined.modelVersion(), firstRejection);
        }
        final PerformanceMetrics computed = classification != null ? ClassificationMetrics.compute(classification)
                : RegressionMetrics.compute(regression);
        final long now = System.currentTimeMillis();
        final AlertTracker.WindowInfo info = new AlertTracker.WindowInfo(joined.modelId(), joined.modelVersion(),
                windowId, first == Long.MAX_VALUE ? null : first, last == Long.MIN_VALUE ? null : last);
        for (final Map.Entry<String, StatisticThreshold> entry : performance.thresholds().entrySet()) {
            final String metric = entry.getKey();
            final CheckResult result = PerformanceChecks.judge(computed.values().getOrDefault(metric, Double.NaN),
                    computed.rowCount(), entry.getValue(), profile.rows());
            final DriftMetric record = CheckRecords.metric(result, metric, info,
                    context.recordMetadata().map(m -> m.partition()).orElse(null), now);
            record.setReferenceValue(Double.isNaN(entry.getValue().chunkMean()) ? null : entry.getValue().chunkMean());
            context.forward(new Record<>(joined.modelId(), record, now));
            metrics.drift(joined.modelId(), joined.modelVersion(), metric, result);
            metrics.performance(joined.modelId(), joined.modelVersion(), metric, MomoMetrics.REALIZED, result.value(),
                    result.threshold(), entry.getValue().chunkMean());
            // Each input partition judges its own windows, so its alerts carry the partition in their id.
            CheckRecords.trackAlert(alerts, Judgement.of(result, metric), 0, info,
                    "\u0000" + record.getInputPartition(), alertSettings, now)
                    .ifPresent(alert -> {
                        alert.setReferenceValue(record.getReferenceValue());
                        alert.setInputPartition(record.getInputPartition());
                        CheckRecords.publish(alert, AlertTexts.PERFORMANCE, profile, alertSettings, metrics,
                                done -> context.forward(new Record<>(done.getModelId(), done, now)));
                    });
        }
    }

    /** Adds a buffered row: label, prediction, event id, then one probability per class with a column. */
    private static void add(final PerformanceProfile performance, final ClassificationWindow classification,
                            final RegressionWindow regression, final Object[] values) {
        if (classification == null) {
            regression.add(number(values[0], "label"), number(values[1], "prediction"));
            return;
        }
        final long sampleKey = SampleKeys.ofEventId(String.valueOf(values[2]));
        final String label = ClassLabels.canonical(Cells.categoryOf(values[0]));
        if (values[1] == null) {
            throw new IllegalArgumentException("a joined prediction has no predicted class");
        }
        final String predicted = ClassLabels.canonical(Cells.categoryOf(values[1]));
        final Map<String, Double> probabilities = new java.util.LinkedHashMap<>();
        int i = 3;
        for (final Map.Entry<String, String> entry : performance.probabilityColumnsByClass().entrySet()) {
            if (!(values[i++] instanceof Number p)) {
                throw new IllegalArgumentException("a joined prediction lacks its probability " + entry.getValue());
            }
            probabilities.put(entry.getKey(), p.doubleValue());
        }
        classification.add(sampleKey, label, predicted, probabilities);
    }

    private static double number(final Object value, final String role) {
        final Double number = value instanceof Number n ? Double.valueOf(n.doubleValue())
                : value == null ? null : Cells.parseNumber(value.toString());
        if (number == null || !Double.isFinite(number)) {
            throw new IllegalArgumentException("the " + role + " " + value + " is not a finite number");
        }
        return number;
    }

    private static byte[] counters(final long windowId, final long rows) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(windowId).putLong(rows).array();
    }
}
