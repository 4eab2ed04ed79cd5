package dev.momo.topology;

import dev.momo.drift.WindowAggregate;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.metrics.MomoMetrics;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.InferenceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * Cuts the events of one input partition into windows and emits each closed window as a
 * {@link PartialWindow}, one record per model version and window whatever the number of features.
 *
 * <p>Per event the work is one small store write: the event's monitored values appended to
 * {@link StoreNames#WINDOW_BUFFER} under the window, the record's input offset and the event's row in
 * that record (a record may carry a batch).
 * {@link StoreNames#WINDOW_OPEN} changes only when a window opens or closes; the event counts and
 * event-time spans of open windows, and the partition's latest event time, live in memory and are
 * rebuilt from the buffered rows when the task starts. A window is aggregated once, when it closes: count windows when they hold {@code size} events, time
 * windows when the partition's latest event time passes their end plus grace, and every window when a
 * flush control record arrives.
 */
final class WindowProcessor implements Processor<String, Ingested<InferenceEvent>, String, WindowOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(WindowProcessor.class);

    /** Bound on cached layouts: replaced profiles leave theirs behind until the cache is cleared. */
    private static final int MAX_LAYOUTS = 1000;

    private final WindowSettings settings;
    private final MomoMetrics metrics;
    private ProcessorContext<String, WindowOutput> context;
    private KeyValueStore<Bytes, byte[]> buffer;
    private KeyValueStore<String, byte[]> openStore;
    private ProfileLookup profiles;
    private final Map<String, OpenWindows> open = new HashMap<>();
    /** Layout per parsed profile; {@link ProfileLookup} returns the same instance until a profile changes. */
    private final Map<ReferenceProfile, EventRows> layouts = new IdentityHashMap<>();
    private long latestEventTime = Long.MIN_VALUE;
    private long rejections;
    /** Input offset of the previous event, and that event's row among the events of its record. */
    private long previousOffset = -1;
    private int previousRow;

    WindowProcessor(final WindowSettings settings, final MomoMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.buffer = context.getStateStore(StoreNames.WINDOW_BUFFER);
        this.openStore = context.getStateStore(StoreNames.WINDOW_OPEN);
        this.profiles = new ProfileLookup(context.getStateStore(StoreNames.REFERENCES));
        try (KeyValueIterator<String, byte[]> all = openStore.all()) {
            all.forEachRemaining(entry -> open.put(entry.key, OpenWindows.decode(entry.value)));
        }
        open.forEach((key, windows) -> windows.windows.forEach(window -> rebuildFromBuffer(key, window)));
        LOG.info("Window task {} started with {} open model versions, {} windows",
                context.taskId(), open.size(), settings.mode());
    }

    @Override
    public void process(final Record<String, Ingested<InferenceEvent>> record) {
        if (record.value().flush()) {
            closeAll();
            return;
        }
        final InferenceEvent event = record.value().value();
        final String key = ModelKeys.modelVersion(event.getModelId(), event.getModelVersion());
        final long eventTime = event.getEventTime().toEpochMilli();
        final ReferenceProfile profile = lookup(event.getModelId(), event.getModelVersion());
        if (profile == null) {
            reject(record, event, DeadLetterHeaders.REASON_NO_PROFILE, "no reference profile for model "
                    + event.getModelId() + " version " + event.getModelVersion() + "; build one with 'momo reference build'"
                    + " and publish it to the references topic with key " + ReferenceKeys.of(event.getModelId(),
                    event.getModelVersion()) + ", then replay this record");
            return;
        }
        final OpenWindows windows = open.computeIfAbsent(key,
                k -> new OpenWindows(event.getModelId(), event.getModelVersion()));

        final long windowId;
        if (settings.mode() == WindowSettings.Mode.COUNT) {
            windowId = windows.nextCountWindowId;
        } else {
            windowId = Math.floorDiv(eventTime, settings.duration().toMillis());
            if (timeWindowEnd(windowId) + settings.grace().toMillis() <= latestEventTime) {
                metrics.lateEvents(event.getModelId(), 1);
                reject(record, event, DeadLetterHeaders.REASON_LATE, "event " + event.getEventId() + " at "
                        + event.getEventTime() + " is late: its window ended at "
                        + java.time.Instant.ofEpochMilli(timeWindowEnd(windowId)) + " and the grace period of "
                        + settings.grace().toSeconds() + " s has passed (latest event time on the partition: "
                        + java.time.Instant.ofEpochMilli(latestEventTime) + "); raise the grace period to keep such events");
                return;
            }
        }
        final int windowsBefore = windows.windows.size();
        final OpenWindows.Window window = windows.window(windowId);
        if (windows.windows.size() != windowsBefore) {
            openStore.put(key, windows.encode());
        }
        final long offset = context.recordMetadata().map(m -> m.offset()).orElse(window.events);
        final EventRows rows = eventRows(profile);
        buffer.put(ModelKeys.bufferKey(key, windowId, offset, rowOf(offset)),
                RowCodec.encode(eventTime, rows.values(event), rows.newFeatures(event)));
        window.add(eventTime);
        metrics.eventProcessed(event.getModelId());

        if (settings.mode() == WindowSettings.Mode.COUNT) {
            if (window.events >= settings.size()) {
                close(windows, window);
                windows.nextCountWindowId++;
                openStore.put(key, windows.encode());
            }
            return;
        }
        if (eventTime > latestEventTime) {
            latestEventTime = eventTime;
            closeExpiredTimeWindows();
        }
    }

    private void closeExpiredTimeWindows() {
        final TreeSet<Long> closing = new TreeSet<>();
        for (final OpenWindows windows : open.values()) {
            for (final OpenWindows.Window window : windows.windows) {
                if (timeWindowEnd(window.id) + settings.grace().toMillis() <= latestEventTime) {
                    closing.add(window.id);
                }
            }
        }
        if (!closing.isEmpty()) {
            closeWindows(closing);
        }
    }

    /** Closes every open window of the partition, for a flush control record. */
    private void closeAll() {
        if (settings.mode() == WindowSettings.Mode.COUNT) {
            for (final Map.Entry<String, OpenWindows> entry : open.entrySet()) {
                final OpenWindows windows = entry.getValue();
                for (final OpenWindows.Window window : List.copyOf(windows.windows)) {
                    close(windows, window);
                    windows.nextCountWindowId++;
                }
                openStore.put(entry.getKey(), windows.encode());
            }
        } else {
            final TreeSet<Long> closing = new TreeSet<>();
            open.values().forEach(windows -> windows.windows.forEach(window -> closing.add(window.id)));
            closeWindows(closing);
        }
        LOG.info("Flushed the open windows of task {} on request of a control record", context.taskId());
    }

    /**
     * Closes the time windows with these ids for every profiled model version: those with events in the
     * window on this partition send their part, the others an empty part. The merge step then has a part
     * from every partition and need not wait for its timeout.
     */
    private void closeWindows(final TreeSet<Long> windowIds) {
        for (final long windowId : windowIds) {
            final Set<String> sent = new HashSet<>();
            for (final Map.Entry<String, OpenWindows> entry : open.entrySet()) {
                final OpenWindows windows = entry.getValue();
                final OpenWindows.Window window = windows.windows.stream()
                        .filter(w -> w.id == windowId).findFirst().orElse(null);
                if (window != null) {
                    close(windows, window);
                    openStore.put(entry.getKey(), windows.encode());
                    sent.add(entry.getKey());
                }
            }
            for (final String[] modelVersion : profiles.modelVersions()) {
                if (!sent.contains(ModelKeys.modelVersion(modelVersion[0], modelVersion[1]))) {
                    emit(modelVersion[0], modelVersion[1], windowId, WindowAggregate.empty(), new byte[0]);
                }
            }
        }
    }

    /** Aggregates a window's buffered rows, emits the part, and drops the rows and the window. */
    private void close(final OpenWindows windows, final OpenWindows.Window window) {
        final String key = ModelKeys.modelVersion(windows.modelId, windows.modelVersion);
        final ReferenceProfile profile = lookup(windows.modelId, windows.modelVersion);
        final Bytes prefix = ModelKeys.bufferPrefix(key, window.id);
        final WindowAggregateBuilder builder = profile == null ? null
                : new WindowAggregateBuilder(profile, settings.samplePoints());
        final PredictionRows predictions = profile == null ? null : PredictionRows.forProfile(profile);
        final List<Bytes> rowKeys = new ArrayList<>();
        long skippedRows = 0;

        try (KeyValueIterator<Bytes, byte[]> rows = buffer.prefixScan(prefix, Serdes.Bytes().serializer())) {
            while (rows.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = rows.next();
                rowKeys.add(entry.key);
                if (builder != null) {
                    final RowCodec.Row row = RowCodec.decode(entry.value);
                    if (row.values().length == profile.columns().size()) {
                        builder.add(row.values(), row.newFeatures(), row.eventTime());
                        if (predictions != null) {
                            predictions.add(rowKeys.size(), row.values());
                        }
                    } else {
                        skippedRows++;
                    }
                }
            }
        }
        rowKeys.forEach(buffer::delete);
        windows.windows.remove(window);

        if (skippedRows > 0) {
            // NOTE: rows buffered under an earlier profile of the same model version with other columns
            // cannot be read under the new one. They are counted here and left out of the window.
            LOG.warn("Left {} events out of window {} of model {} version {}: its profile changed columns while"
                    + " the window was open", skippedRows, window.id, windows.modelId, windows.modelVersion);
        }
        if (builder == null) {
            // NOTE: only reached when the profile was deleted while the window was open. Its events
            // are then dropped with this warning instead of going to the dead-letter topic.
            LOG.warn("No reference profile for model {} version {}: window {} of {} events on task {} was not compared",
                    windows.modelId, windows.modelVersion, window.id, window.events, context.taskId());
            return;
        }
        if (predictions != null && predictions.rejected() > 0) {
            LOG.warn("Left {} events of window {} of model {} version {} out of its performance estimate: their"
                    + " prediction or probability was missing or invalid", predictions.rejected(), window.id,
                    windows.modelId, windows.modelVersion);
        }
        emit(windows.modelId, windows.modelVersion, window.id, builder.build(),
                predictions == null ? new byte[0] : predictions.encode());
    }

    private void emit(final String modelId, final String modelVersion, final long windowId,
                      final WindowAggregate aggregate, final byte[] predictions) {
        final boolean count = settings.mode() == WindowSettings.Mode.COUNT;
        final long start = count ? aggregate.minEventTime() : windowId * settings.duration().toMillis();
        final long end = count ? aggregate.maxEventTime() : timeWindowEnd(windowId);
        final int partition = context.recordMetadata().map(m -> m.partition()).orElse(context.taskId().partition());
        final PartialWindow part = new PartialWindow(modelId, modelVersion, settings.mode(), windowId, partition,
                start, end, aggregate, predictions);
        context.forward(new Record<>(modelId, WindowOutput.partial(part.encode()), context.currentStreamTimeMs()));
    }

    /** Sends an event that cannot join a window to the dead-letter topic, with its original bytes. */
    private void reject(final Record<String, Ingested<InferenceEvent>> record, final InferenceEvent event,
                        final String reason, final String message) {
        final var source = context.recordMetadata();
        final String topic = source.map(m -> m.topic()).orElse("unknown");
        metrics.eventRejected(topic, reason);
        rejections++;
        if (rejections <= 10 || rejections % 1000 == 0) {
            LOG.warn("Rejected event {} of model {} ({} rejected by task {} so far): {}", event.getEventId(),
                    event.getModelId(), rejections, context.taskId(), message);
        }
        context.forward(new Record<>(event.getModelId(),
                WindowOutput.rejected(record.value().rawKey(), record.value().rawValue()), record.timestamp(),
                DeadLetterHeaders.rejection(record.headers(), reason, message, topic,
                        source.map(m -> m.partition()).orElse(-1), source.map(m -> m.offset()).orElse(-1L))));
    }

    /**
     * Returns the row of the current event among the events of its input record: 0 for the first, then
     * 1, 2, ... for the rest of a batch. The ingest step forwards a record's events one after another
     * before the next record, so consecutive events with the same offset come from the same record.
     */
    private int rowOf(final long offset) {
        previousRow = offset == previousOffset ? previousRow + 1 : 0;
        previousOffset = offset;
        return previousRow;
    }

    private EventRows eventRows(final ReferenceProfile profile) {
        if (layouts.size() > MAX_LAYOUTS) {
            layouts.clear();
        }
        return layouts.computeIfAbsent(profile, EventRows::new);
    }

    private ReferenceProfile lookup(final String modelId, final String modelVersion) {
        return profiles.find(modelId, modelVersion);
    }

    /**
     * Recounts an open window's events and event-time span from its buffered rows, after a restart or
     * a rebalance, and moves the partition's latest event time up to its newest row.
     */
    private void rebuildFromBuffer(final String modelVersionKey, final OpenWindows.Window window) {
        window.events = 0;
        window.minEventTime = Long.MAX_VALUE;
        window.maxEventTime = Long.MIN_VALUE;
        try (KeyValueIterator<Bytes, byte[]> rows = buffer.prefixScan(ModelKeys.bufferPrefix(modelVersionKey, window.id),
                Serdes.Bytes().serializer())) {
            rows.forEachRemaining(entry -> window.add(RowCodec.decode(entry.value).eventTime()));
        }
        latestEventTime = Math.max(latestEventTime, window.maxEventTime);
    }

    private long timeWindowEnd(final long windowId) {
        return (windowId + 1) * settings.duration().toMillis();
    }


}
