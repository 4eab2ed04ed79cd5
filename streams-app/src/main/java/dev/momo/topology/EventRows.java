package dev.momo.topology;

import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.InferenceEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The monitored values of an inference event under the column names of its profile: every feature,
 * the prediction under the profile's prediction column (or {@value #DEFAULT_PREDICTION_NAME}), and each
 * probability under its key.
 */
final class EventRows {

    static final String DEFAULT_PREDICTION_NAME = "prediction";

    private EventRows() {
    }

    static Map<String, Object> of(final InferenceEvent event, final ReferenceProfile profile) {
        final Map<String, Object> row = new HashMap<>(event.getFeatures().size() + 4);
        event.getFeatures().forEach((name, value) -> row.put(name, value));
        if (event.getPrediction() != null) {
            final String predictionName = profile != null && profile.predictionColumn() != null
                    ? profile.predictionColumn() : DEFAULT_PREDICTION_NAME;
            row.put(predictionName, event.getPrediction());
        }
        event.getProbabilities().forEach((name, value) -> row.put(name, value));
        return row;
    }
}
