package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.statistics.Binning;
import dev.momo.statistics.WeightedSample;
import dev.momo.table.Cells;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the rows of one window and builds its {@link WindowAggregate}, reading each value by the
 * profile's column kind and counting numeric values over the profile's bins as they arrive. Not
 * thread-safe, so use one builder per window.
 */
public final class WindowAggregateBuilder {

    private final int maxSamplePoints;
    private final Map<String, ColumnCollector> collectors = new LinkedHashMap<>();
    /** The collectors in profile column order, for positional rows. */
    private final ColumnCollector[] columnCollectors;
    private final Map<String, Long> newFeatures = new TreeMap<>();
    private long eventCount;
    private long minEventTime = Long.MAX_VALUE;
    private long maxEventTime = Long.MIN_VALUE;

    /**
     * @param profile the reference that decides which columns are monitored, how they are read and binned
     * @param maxSamplePoints cap on the distinct points of each numeric sample; the window is exact below it
     */
    public WindowAggregateBuilder(final ReferenceProfile profile, final int maxSamplePoints) {
        if (maxSamplePoints < 2) {
            throw new IllegalArgumentException("maxSamplePoints must be >= 2, got " + maxSamplePoints);
        }
        this.maxSamplePoints = maxSamplePoints;
        for (final ColumnProfile column : profile.columns()) {
            collectors.put(column.name(), new ColumnCollector(column.kind(),
                    column.kind() == ColumnKind.NUMERIC ? column.numeric().binEdges() : null));
        }
        this.columnCollectors = collectors.values().toArray(new ColumnCollector[0]);
    }

    /**
     * Adds one event.
     *
     * @param values monitored values by column name; a null entry is a missing value, an absent key an
     *     absent column; keys of no monitored column are ignored
     * @param eventTime event time, epoch ms
     */
    public void add(final Map<String, ?> values, final long eventTime) {
        countEvent(eventTime);
        for (final Map.Entry<String, ColumnCollector> entry : collectors.entrySet()) {
            final String name = entry.getKey();
            entry.getValue().add(values.containsKey(name) ? values.get(name) : AbsentValue.INSTANCE);
        }
    }

    /**
     * Adds one event whose values are in profile column order, as {@link ReferenceProfile#columns()}.
     *
     * @param values one value per monitored column; null is a missing value, {@link AbsentValue#INSTANCE}
     *     an absent column
     * @param newFeatureNames features the event carries that the reference lacks, possibly empty
     * @param eventTime event time, epoch ms
     * @throws IllegalArgumentException when the number of values differs from the number of columns
     */
    public void add(final Object[] values, final String[] newFeatureNames, final long eventTime) {
        if (values.length != columnCollectors.length) {
            throw new IllegalArgumentException("row has " + values.length + " values but the profile monitors "
                    + columnCollectors.length + " columns");
        }
        countEvent(eventTime);
        for (int i = 0; i < values.length; i++) {
            columnCollectors[i].add(values[i]);
        }
        for (final String name : newFeatureNames) {
            if (newFeatures.containsKey(name) || newFeatures.size() < WindowAggregate.MAX_NEW_FEATURES) {
                newFeatures.merge(name, 1L, Long::sum);
            }
        }
    }

    private void countEvent(final long eventTime) {
        eventCount++;
        minEventTime = Math.min(minEventTime, eventTime);
        maxEventTime = Math.max(maxEventTime, eventTime);
    }

    public long eventCount() {
        return eventCount;
    }

    public WindowAggregate build() {
        final Map<String, FeatureWindow> features = new HashMap<>();
        collectors.forEach((name, collector) -> features.put(name, collector.build(maxSamplePoints)));
        return new WindowAggregate(eventCount, minEventTime, maxEventTime, features, newFeatures);
    }


    /** Values of one column, kept raw until the window closes. */
    private static final class ColumnCollector {
        private final ColumnKind kind;
        private final double[] edges;
        private final double[] binCounts;
        private double[] numbers = new double[64];
        private int numberCount;
        private final Map<String, Double> categories = new HashMap<>();
        private long missing;
        private long absent;
        private long typeMismatches;
        private long nonFinite;

        ColumnCollector(final ColumnKind kind, final double[] edges) {
            this.kind = kind;
            this.edges = edges;
            this.binCounts = edges == null || edges.length < 2 ? new double[0] : new double[edges.length + 1];
        }

        void add(final Object value) {
            if (value == null) {
                missing++;
            } else if (value == AbsentValue.INSTANCE) {
                absent++;
            } else if (kind == ColumnKind.NUMERIC) {
                addNumber(value);
            } else {
                addCategory(value);
            }
        }

        private void addNumber(final Object value) {
            final double number;
            if (value instanceof Number n) {
                number = n.doubleValue();
            } else if (value instanceof String s) {
                if (Cells.isMissing(s)) {
                    missing++;
                    return;
                }
                final Double parsed = Cells.parseNumber(s);
                if (parsed == null) {
                    typeMismatches++;
                    return;
                }
                number = parsed;
            } else if (value instanceof Boolean b) {
                number = b ? 1 : 0;
            } else {
                typeMismatches++;
                return;
            }
            if (!Double.isFinite(number)) {
                nonFinite++;
                return;
            }
            if (numberCount == numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
            }
            numbers[numberCount++] = number;
            if (binCounts.length > 0) {
                binCounts[Binning.binIndex(edges, number)]++;
            }
        }

        private void addCategory(final Object value) {
            if (value instanceof Double d && Double.isNaN(d)) {
                nonFinite++;
                return;
            }
            if (value instanceof String s && Cells.isMissing(s)) {
                missing++;
                return;
            }
            categories.merge(Cells.categoryOf(value), 1.0, Double::sum);
        }

        FeatureWindow build(final int maxSamplePoints) {
            final WeightedSample sample = numberCount == 0
                    ? WeightedSample.empty()
                    : WeightedSample.of(Arrays.copyOf(numbers, numberCount)).combineTies().compress(maxSamplePoints);
            return new FeatureWindow(kind, missing, absent, typeMismatches, nonFinite, sample, binCounts.clone(),
                    categories);
        }
    }
}
