package dev.momo.performance;

/**
 * The labeled rows of a window's sample as columns: true class per row and the predicted probability of
 * each class, for the rank-based metrics of {@link ClassificationMetrics}.
 */
final class LabeledScores {

    private final ClassificationWindow window;
    private final int[] labels;
    private final double[][] probabilityColumns;

    private LabeledScores(final ClassificationWindow window, final int[] labels, final double[][] probabilityColumns) {
        this.window = window;
        this.labels = labels;
        this.probabilityColumns = probabilityColumns;
    }

    static LabeledScores of(final ClassificationWindow window) {
        final ScoredRows rows = window.rows();
        final int size = rows.size();
        int labeled = 0;
        for (int i = 0; i < size; i++) {
            labeled += rows.label(i) == ClassLabels.NO_LABEL ? 0 : 1;
        }
        final int width = rows.width();
        final int[] labels = new int[labeled];
        final double[][] columns = new double[width][labeled];
        int next = 0;
        for (int i = 0; i < size; i++) {
            if (rows.label(i) == ClassLabels.NO_LABEL) {
                continue;
            }
            labels[next] = rows.label(i);
            for (int column = 0; column < width; column++) {
                columns[column][next] = rows.probability(i, column);
            }
            next++;
        }
        return new LabeledScores(window, labels, columns);
    }

    int classCount() {
        return window.classes().size();
    }

    /** Returns the one-vs-rest ROC AUC of class c against the others. */
    double rocAuc(final int classIndex) {
        return RankingMetrics.rocAuc(scoresOf(classIndex), indicator(classIndex), false);
    }

    /** Returns the one-vs-rest average precision of class c. */
    double averagePrecision(final int classIndex) {
        return RankingMetrics.averagePrecision(scoresOf(classIndex), indicator(classIndex));
    }

    /**
     * Returns the mean of per-class values weighted by each class's true count in these rows; classes with
     * weight 0 count as 0 even when NaN, and all weights 0 give 0 ({@code _average_binary_score} of
     * scikit-learn 1.6.1).
     */
    double supportWeighted(final double[] perClass) {
        final double[] support = new double[perClass.length];
        for (final int label : labels) {
            support[label]++;
        }
        double sum = 0.0;
        double weights = 0.0;
        for (int c = 0; c < perClass.length; c++) {
            if (support[c] > 0.0) {
                sum += support[c] * perClass[c];
                weights += support[c];
            }
        }
        return weights == 0.0 ? 0.0 : sum / weights;
    }

    private double[] scoresOf(final int classIndex) {
        final ClassLabels classes = window.classes();
        if (!classes.isBinary()) {
            return probabilityColumns[classIndex];
        }
        final double[] positive = probabilityColumns[0];
        if (classIndex == classes.positiveIndex()) {
            return positive;
        }
        final double[] negative = new double[positive.length];
        for (int i = 0; i < positive.length; i++) {
            negative[i] = 1.0 - positive[i];
        }
        return negative;
    }

    private double[] indicator(final int classIndex) {
        final double[] indicator = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            indicator[i] = labels[i] == classIndex ? 1.0 : 0.0;
        }
        return indicator;
    }
}
