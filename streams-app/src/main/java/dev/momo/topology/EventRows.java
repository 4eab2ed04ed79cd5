package dev.momo.topology;

import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.InferenceEvent;
import java.util.List;

/**
 * The monitored values of an inference event in the order of its profile's columns: a feature column
 * reads {@code features}, the prediction column {@code prediction}, a probability column its entry of
 * {@code probabilities}. A value the event lacks is null (missing).
 */
final class EventRows {

    private EventRows() {
    }

    static Object[] values(final InferenceEvent event, final ReferenceProfile profile) {
        final List<ColumnProfile> columns = profile.columns();
        final Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            final ColumnProfile column = columns.get(i);
            values[i] = switch (column.role()) {
                case FEATURE -> event.getFeatures().get(column.name());
                case PREDICTION -> event.getPrediction();
                case PROBABILITY -> event.getProbabilities().get(column.name());
            };
        }
        return values;
    }
}
