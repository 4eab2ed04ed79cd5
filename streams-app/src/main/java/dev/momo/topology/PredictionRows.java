package dev.momo.topology;

import dev.momo.performance.ClassLabels;
import dev.momo.performance.ClassificationWindow;
import dev.momo.performance.PerformanceWindowCodec;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.table.Cells;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictions of one closing window, with their probabilities and without labels, collected from its
 * buffered rows for CBPE's estimate of the window's performance. Rows whose prediction or probability the
 * estimate cannot take (missing, an unknown class, a probability outside [0, 1]) are counted and left out.
 */
final class PredictionRows {

    private final ClassificationWindow window;
    private final int predictionIndex;
    /** Row index of each class's probability column, by class name. */
    private final Map<String, Integer> probabilityIndexes;
    private long rejected;

    private PredictionRows(final ClassificationWindow window, final int predictionIndex,
                           final Map<String, Integer> probabilityIndexes) {
        this.window = window;
        this.predictionIndex = predictionIndex;
        this.probabilityIndexes = probabilityIndexes;
    }

    /** A collector for the profile, or null when it has no CBPE model or lacks one of its columns. */
    static PredictionRows forProfile(final ReferenceProfile profile) {
        final PerformanceProfile performance = profile.performance();
        if (performance == null || performance.cbpe() == null) {
            return null;
        }
        final List<ColumnProfile> columns = profile.columns();
        final List<String> names = columns.stream().map(ColumnProfile::name).toList();
        final int prediction = names.indexOf(profile.predictionColumn());
        final Map<String, Integer> probabilities = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : performance.probabilityColumnsByClass().entrySet()) {
            probabilities.put(entry.getKey(), names.indexOf(entry.getValue()));
        }
        if (prediction < 0 || probabilities.isEmpty() || probabilities.containsValue(-1)) {
            return null;
        }
        return new PredictionRows(ClassificationWindow.create(ClassLabels.of(performance.classes()), true), prediction,
                probabilities);
    }

    /** Adds one buffered row, keyed by its buffer sequence so that the window's sample is deterministic. */
    void add(final long sequence, final Object[] values) {
        final Object predicted = values[predictionIndex];
        final Map<String, Double> probabilities = new LinkedHashMap<>();
        for (final Map.Entry<String, Integer> entry : probabilityIndexes.entrySet()) {
            if (values[entry.getValue()] instanceof Number number) {
                probabilities.put(entry.getKey(), number.doubleValue());
            }
        }
        if (predicted == null || probabilities.size() != probabilityIndexes.size()) {
            rejected++;
            return;
        }
        try {
            window.add(sequence, null, ClassLabels.canonical(Cells.categoryOf(predicted)), probabilities);
        } catch (IllegalArgumentException e) {
            rejected++;
        }
    }

    long rejected() {
        return rejected;
    }

    byte[] encode() {
        return PerformanceWindowCodec.encode(window);
    }
}
