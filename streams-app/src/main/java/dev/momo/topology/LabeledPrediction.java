package dev.momo.topology;

import dev.momo.table.Cells;
import java.util.Map;

/**
 * A prediction joined with its label.
 *
 * @param modelId model id
 * @param modelVersion model version of the prediction
 * @param eventId event id shared by the prediction and the label
 * @param predictionTime event time of the prediction, epoch ms
 * @param labelTime time the label was observed, epoch ms
 * @param prediction predicted class or value, or null when the event had none
 * @param probabilities predicted probability per column name (empty when the model gives none)
 * @param label observed class (String) or value (Double)
 */
record LabeledPrediction(String modelId, String modelVersion, String eventId, long predictionTime, long labelTime,
                         Object prediction, Map<String, Double> probabilities, Object label) {

    /** 1 when the predicted class differs from the label, 0 when it equals it, null without a prediction. */
    Double error() {
        if (prediction == null) {
            return null;
        }
        return Cells.categoryOf(prediction).equals(Cells.categoryOf(label)) ? 0.0 : 1.0;
    }

    /** Absolute difference of a numeric prediction and label, null when either is not a number. */
    Double loss() {
        final Double predicted = number(prediction);
        final Double observed = number(label);
        return predicted == null || observed == null ? null : Math.abs(predicted - observed);
    }

    private static Double number(final Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value instanceof String text ? Cells.parseNumber(text) : null;
    }
}
