package dev.momo.topology;

import dev.momo.performance.ClassLabels;
import dev.momo.performance.ClassificationWindow;
import dev.momo.performance.PerformanceWindowCodec;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.ReferenceProfile;
import dev.momo.table.Cells;
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
    private final int probabilityIndex;
    private final String positiveClass;
    private long rejected;

    private PredictionRows(final ClassificationWindow window, final int predictionIndex, final int probabilityIndex,
                           final String positiveClass) {
        this.window = window;
        this.predictionIndex = predictionIndex;
        this.probabilityIndex = probabilityIndex;
        this.positiveClass = positiveClass;
    }

    /** A collector for the profile, or null when it has no CBPE model or lacks one of its columns. */
    static PredictionRows forProfile(final ReferenceProfile profile) {
        final PerformanceProfile performance = profile.performance();
        if (performance == null || performance.cbpe() == null) {
            return null;
        }
        final List<ColumnProfile> columns = profile.columns();
        int prediction = -1;
        int probability = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(profile.predictionColumn())) {
                prediction = i;
            } else if (columns.get(i).name().equals(performance.probabilityColumn())) {
                probability = i;
            }
        }
        if (prediction < 0 || probability < 0) {
            return null;
        }
        final ClassLabels classes = ClassLabels.of(performance.classes());
        return new PredictionRows(ClassificationWindow.create(classes, true), prediction, probability,
                classes.name(classes.positiveIndex()));
    }

    /** Adds one buffered row, keyed by its buffer sequence so that the window's sample is deterministic. */
    void add(final long sequence, final Object[] values) {
        final Object predicted = values[predictionIndex];
        final Object probability = values[probabilityIndex];
        if (predicted == null || !(probability instanceof Number number)) {
            rejected++;
            return;
        }
        try {
            window.add(sequence, null, ClassLabels.canonical(Cells.categoryOf(predicted)),
                    Map.of(positiveClass, number.doubleValue()));
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
