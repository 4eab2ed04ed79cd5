package dev.momo.topology;

import dev.momo.drift.AbsentValue;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.InferenceEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads inference events by one profile's layout. The monitored values come in the order of the
 * profile's columns: a feature column reads {@code features}, the prediction column {@code prediction},
 * a probability column its entry of {@code probabilities}. A feature key the event lacks reads as
 * {@link AbsentValue#INSTANCE}, a null value as null (missing). Features the reference does not know
 * are listed apart, for the {@code new_feature} check.
 */
final class EventRows {

    private static final String[] NONE = new String[0];

    private final List<ColumnProfile> columns;
    private final Set<String> known = new HashSet<>();

    EventRows(final ReferenceProfile profile) {
        this.columns = profile.columns();
        for (final ColumnProfile column : columns) {
            known.add(column.name());
        }
        known.addAll(profile.ignoredColumns());
        if (profile.timestampColumn() != null) {
            known.add(profile.timestampColumn());
        }
        if (profile.labelColumn() != null) {
            known.add(profile.labelColumn());
        }
    }

    Object[] values(final InferenceEvent event) {
        final Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            final ColumnProfile column = columns.get(i);
            values[i] = switch (column.role()) {
                case FEATURE -> entry(event.getFeatures(), column.name());
                case PREDICTION -> event.getPrediction();
                // The schema's probability map holds no nulls, so a probability the event lacks is missing.
                case PROBABILITY -> event.getProbabilities().get(column.name());
            };
        }
        return values;
    }

    /** Names of the event's features that the reference does not know, usually none. */
    String[] newFeatures(final InferenceEvent event) {
        List<String> unknown = null;
        for (final String name : event.getFeatures().keySet()) {
            if (!known.contains(name)) {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(name);
            }
        }
        return unknown == null ? NONE : unknown.toArray(NONE);
    }

    private static Object entry(final Map<String, ?> map, final String name) {
        final Object value = map.get(name);
        return value != null || map.containsKey(name) ? value : AbsentValue.INSTANCE;
    }
}
