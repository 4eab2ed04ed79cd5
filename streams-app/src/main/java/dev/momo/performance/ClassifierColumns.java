package dev.momo.performance;

import java.util.Map;

/**
 * Columns of a table that hold a classifier's label, prediction and probabilities.
 *
 * @param label true class column, or null for a table without labels
 * @param prediction predicted class column
 * @param positiveProbability probability column of the positive class of a binary model, or null
 * @param classProbabilities probability column by class name (multiclass models, or binary models that
 *     publish both classes), or an empty map
 */
public record ClassifierColumns(String label, String prediction, String positiveProbability,
                                Map<String, String> classProbabilities) {

    public ClassifierColumns {
        if (prediction == null || prediction.isBlank()) {
            throw new IllegalArgumentException("the prediction column is required");
        }
        classProbabilities = classProbabilities == null ? Map.of() : Map.copyOf(classProbabilities);
        if (positiveProbability != null && !classProbabilities.isEmpty()) {
            throw new IllegalArgumentException("give either the positive-class probability column "
                    + positiveProbability + " or one column per class " + classProbabilities + ", not both");
        }
    }

    /** Columns of a binary model with one probability column, that of the positive class. */
    public static ClassifierColumns binary(final String label, final String prediction,
                                           final String positiveProbability) {
        return new ClassifierColumns(label, prediction, positiveProbability, Map.of());
    }

    /** Columns of a model with one probability column per class. */
    public static ClassifierColumns perClass(final String label, final String prediction,
                                             final Map<String, String> classProbabilities) {
        return new ClassifierColumns(label, prediction, null, classProbabilities);
    }

    public boolean withProbabilities() {
        return positiveProbability != null || !classProbabilities.isEmpty();
    }
}
