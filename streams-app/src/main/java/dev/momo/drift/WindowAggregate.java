package dev.momo.drift;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A closed window (or one partition's part of it) of one model version: event count, event-time span,
 * and a {@link FeatureWindow} per monitored column. Partials merge into the full window before the
 * statistics are computed, which is what keeps per-event work free of per-feature records.
 *
 * @param eventCount events in the window
 * @param minEventTime earliest event time, epoch ms ({@link Long#MAX_VALUE} when empty)
 * @param maxEventTime latest event time, epoch ms ({@link Long#MIN_VALUE} when empty)
 * @param features window of each monitored column, by column name
 */
public record WindowAggregate(
        long eventCount,
        long minEventTime,
        long maxEventTime,
        Map<String, FeatureWindow> features) {

    public WindowAggregate {
        features = Collections.unmodifiableMap(new TreeMap<>(features));
    }

    public static WindowAggregate empty() {
        return new WindowAggregate(0, Long.MAX_VALUE, Long.MIN_VALUE, Map.of());
    }

    public WindowAggregate merge(final WindowAggregate other, final int maxSamplePoints) {
        final Map<String, FeatureWindow> merged = new TreeMap<>(features);
        other.features.forEach((name, window) -> merged.merge(name, window,
                (mine, theirs) -> mine.merge(theirs, maxSamplePoints)));
        return new WindowAggregate(eventCount + other.eventCount,
                Math.min(minEventTime, other.minEventTime),
                Math.max(maxEventTime, other.maxEventTime),
                merged);
    }
}
