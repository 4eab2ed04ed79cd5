package dev.momo.profile;

import dev.momo.performance.CbpeModel;
import java.util.List;
import java.util.Map;

/**
 * The model's realized performance on its reference data, which labelled windows are compared with.
 * Built when the reference names a label and a prediction column.
 *
 * <p>Thresholds are the mean plus or minus k population standard deviations of each metric over the
 * reference chunks: below the mean for the metrics that get worse downwards (accuracy, F1, ROC AUC, R²;
 * source {@value #SOURCE_REFERENCE_CHUNKS_LOWER}, the window drifts when its value is less than the
 * threshold), above it for the others (log loss and the regression errors; source
 * {@value StatisticThreshold#SOURCE_REFERENCE_CHUNKS}).
 *
 * @param task {@value #CLASSIFICATION} or {@value #REGRESSION}
 * @param classes class names of a classifier, in the order of {@code dev.momo.performance.ClassLabels}
 *     (the positive class of a binary model second); empty for regression
 * @param probabilityColumn probability column of the positive class of a binary model, or null
 * @param classProbabilityColumns probability column of each class of a multiclass model, by class name,
 *     or an empty map
 * @param thresholds threshold per metric name; the metrics of each labelled window, in this order
 * @param cbpe CBPE model fitted on the reference, for a binary classifier with probabilities; else null
 * @param estimatedThresholds threshold per estimated metric ({@code estimated_accuracy}, ...), from CBPE's
 *     estimates on the reference chunks; empty without a CBPE model
 */
public record PerformanceProfile(String task, List<String> classes, String probabilityColumn,
                                 Map<String, String> classProbabilityColumns,
                                 Map<String, StatisticThreshold> thresholds, CbpeModel cbpe,
                                 Map<String, StatisticThreshold> estimatedThresholds) {

    public static final String CLASSIFICATION = "classification";
    public static final String REGRESSION = "regression";
    /** Threshold source of a metric that drifts downwards: the window drifts when its value is less. */
    public static final String SOURCE_REFERENCE_CHUNKS_LOWER = "reference_chunks_lower";

    public PerformanceProfile {
        classes = classes == null ? List.of() : List.copyOf(classes);
        classProbabilityColumns = classProbabilityColumns == null ? Map.of()
                : new java.util.LinkedHashMap<>(classProbabilityColumns);
        thresholds = thresholds == null ? Map.of() : new java.util.LinkedHashMap<>(thresholds);
        estimatedThresholds = estimatedThresholds == null ? Map.of() : new java.util.LinkedHashMap<>(estimatedThresholds);
    }

    public boolean classification() {
        return CLASSIFICATION.equals(task);
    }

    /**
     * Probability column by class name: each class's column for a multiclass model, the positive class's
     * for a binary one, none otherwise.
     */
    public Map<String, String> probabilityColumnsByClass() {
        if (!classProbabilityColumns.isEmpty()) {
            return classProbabilityColumns;
        }
        return probabilityColumn == null || classes.size() != 2 ? Map.of() : Map.of(classes.get(1), probabilityColumn);
    }
}
