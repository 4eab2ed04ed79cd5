package dev.momo.drift;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A closed window (or one partition's part of it) of one model version: event count, event-time span,
 * a {@link FeatureWindow} per monitored column, and the features that events carried but the reference
 * lacks. Partials merge into the full window before the statistics are computed, which is what keeps
 * per-event work free of per-feature records.
 *
 * @param eventCount events in the window
 * @param minEventTime earliest event time, epoch ms ({@link Long#MAX_VALUE} when empty)
 * @param maxEventTime latest event time, epoch ms ({@link Long#MIN_VALUE} when empty)
 * @param features window of each monitored column, by column name
 * @param newFeatures events carrying each feature the reference lacks, by feature name, for at most
 *     {@link #MAX_NEW_FEATURES} names
 */
public record WindowAggregate(
        long eventCount,
        long minEventTime,
        long maxEventTime,
        Map<String, FeatureWindow> features,
        Map<String, Long> newFeatures) {

    /**
     * Cap on the new feature names a window keeps (the first in name order), so that a producer that
     * puts ids into feature names cannot grow the window state without bound.
     */
    public static final int MAX_NEW_FEATURES = 100;

    public WindowAggregate {
        features = Collections.unmodifiableMap(new TreeMap<>(features));
        newFeatures = Collections.unmodifiableMap(capped(newFeatures == null ? Map.of() : newFeatures));
    }

    public WindowAggregate(final long eventCount, final long minEventTime, final long maxEventTime,
                           final Map<String, FeatureWindow> features) {
        this(eventCount, minEventTime, maxEventTime, features, Map.of());
    }

    public static WindowAggregate empty() {
        return new WindowAggregate(0, Long.MAX_VALUE, Long.MIN_VALUE, Map.of(), Map.of());
    }

    public WindowAggregate merge(final WindowAggregate other, final int maxSamplePoints) {
        final Map<String, FeatureWindow> merged = new TreeMap<>(features);
        other.features.forEach((name, window) -> merged.merge(name, window,
                (mine, theirs) -> mine.merge(theirs, maxSamplePoints)));
        final Map<String, Long> mergedNew = new TreeMap<>(newFeatures);
        other.newFeatures.forEach((name, count) -> mergedNew.merge(name, count, Long::sum));
        return new WindowAggregate(eventCount + other.eventCount,
                Math.min(minEventTime, other.minEventTime),
                Math.max(maxEventTime, other.maxEventTime),
                merged,
                mergedNew);
    }

    private static TreeMap<String, Long> capped(final Map<String, Long> counts) {
        final TreeMap<String, Long> sorted = new TreeMap<>(counts);
        while (sorted.size() > MAX_NEW_FEATURES) {
            sorted.pollLastEntry();
        }
        return sorted;
    }
}
