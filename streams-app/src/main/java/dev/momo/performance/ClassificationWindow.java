package dev.momo.performance;

import java.util.Map;

/**
 * A mergeable window of a classifier's predictions, with their true classes once labels are known: the
 * input of {@link ClassificationMetrics} (realized performance, labeled rows only) and of
 * {@link CbpeEstimator} (estimated performance, every row). Several partial windows (one per input
 * partition) merge with {@link #addAll} into the full window; {@link PerformanceWindowCodec} encodes them.
 *
 * <p>What is exact at any size: the confusion matrix (so accuracy, precision, recall, specificity and F1)
 * and the log-loss sum. What needs the rows: ROC AUC, average precision and the CBPE estimates. The
 * window keeps every row up to its cap ({@value #DEFAULT_MAX_ROWS} by default), so these are exact up to
 * that many rows. Past the cap it keeps the rows with the smallest sample keys (see {@link SampleKeys}), a
 * uniform sample whatever the order or partition of arrival, and the metrics report it
 * ({@link PerformanceMetrics#sampled()}). Memory: about 16 + 8 &times; w bytes a row, up to twice the
 * cap while rows are being added, with w = 1 for a binary model with probabilities, the class count for
 * a multiclass one and 0 without probabilities. Encoded size: 12 + 8 &times; w bytes a row.
 * NOTE: at the default cap a binary window encodes to about 2 MB, above Kafka's default record limit of
 * 1 MiB; a topic or changelog that carries whole windows needs a larger limit or a smaller cap.
 *
 * <p>Rows are validated when added: class indices must be known classes, probabilities finite and in
 * [0, 1], and a multiclass row's probabilities must add up to 1 within the tolerance of
 * {@code numpy.allclose} (|sum - 1| &lt;= 1e-8 + 1e-5 &times; |sum|), which scikit-learn 1.6.1's multiclass
 * {@code roc_auc_score} demands. A rejected row throws {@link IllegalArgumentException} naming the value
 * and changes nothing. Binary windows keep the probability of the positive class only.
 *
 * <p>Not thread-safe.
 */
public final class ClassificationWindow {

    /** Default cap on the rows a window keeps: up to it every metric is exact. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    /** {@code numpy.finfo(numpy.float64).eps}: scikit-learn 1.6.1's {@code log_loss} clips probabilities to [eps, 1 - eps]. */
    static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

    /** Most classes a window takes: the encoding stores class indices in 16 bits. */
    public static final int MAX_CLASSES = Short.MAX_VALUE;

    private static final double SUM_ABSOLUTE_TOLERANCE = 1e-8;
    private static final double SUM_RELATIVE_TOLERANCE = 1e-5;

    private final ClassLabels classes;
    private final boolean withProbabilities;
    private final long[] confusion;
    private final CompensatedSum logLoss;
    private final ScoredRows rows;
    private long rowCount;
    private long labeledCount;

    private ClassificationWindow(final ClassLabels classes, final boolean withProbabilities, final int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("a window takes at most " + MAX_CLASSES + " classes, got "
                    + classes.size());
        }
        this.classes = classes;
        this.withProbabilities = withProbabilities;
        this.confusion = new long[classes.size() * classes.size()];
        this.logLoss = new CompensatedSum();
        this.rows = new ScoredRows(maxRows, withProbabilities ? probabilityWidth(classes) : 0);
    }

    /** Returns an empty window with the default cap of {@value #DEFAULT_MAX_ROWS} rows. */
    public static ClassificationWindow create(final ClassLabels classes, final boolean withProbabilities) {
        return new ClassificationWindow(classes, withProbabilities, DEFAULT_MAX_ROWS);
    }

    /** Returns an empty window that keeps at most {@code maxRows} rows, so its metrics are exact up to that size. */
    public static ClassificationWindow create(final ClassLabels classes, final boolean withProbabilities,
                                              final int maxRows) {
        return new ClassificationWindow(classes, withProbabilities, maxRows);
    }

    private static int probabilityWidth(final ClassLabels classes) {
        return classes.isBinary() ? 1 : classes.size();
    }

    /**
     * Adds one prediction by class index.
     *
     * @param sampleKey the row's sample key, from {@link SampleKeys}
     * @param trueClass index of the true class, or {@link ClassLabels#NO_LABEL} before the label is known
     * @param predictedClass index of the predicted class
     * @param probabilities none for a window without probabilities. A binary model gives the probability
     *     of the positive class, or one per class in class order. A multiclass model gives one per class.
     * @throws IllegalArgumentException when an index, a probability or their count is invalid
     */
    public void add(final long sampleKey, final int trueClass, final int predictedClass, final double... probabilities) {
        checkClassIndex(trueClass, "true class", true);
        checkClassIndex(predictedClass, "predicted class", false);
        final double[] stored = storedProbabilities(probabilities);

        if (trueClass != ClassLabels.NO_LABEL) {
            confusion[trueClass * classes.size() + predictedClass]++;
            labeledCount++;
            if (withProbabilities) {
                logLoss.add(-Math.log(clip(probabilityOfClass(stored, trueClass))));
            }
        }
        rows.add(sampleKey, trueClass, predictedClass, stored, 0);
        rowCount++;
    }

    /**
     * Adds one prediction by class name, as events carry them.
     *
     * @param trueLabel the true class, or null before the label is known
     * @param probabilities probability by class name; for a binary model either class alone is enough
     * @throws IllegalArgumentException when a class is unknown or a probability is invalid or missing
     */
    public void add(final long sampleKey, final String trueLabel, final String predictedClass,
                    final Map<String, Double> probabilities) {
        final int trueClass = trueLabel == null ? ClassLabels.NO_LABEL : classes.requireIndex(trueLabel, "label");
        final int predicted = classes.requireIndex(predictedClass, "predicted class");
        add(sampleKey, trueClass, predicted, probabilitiesByIndex(probabilities));
    }

    /**
     * Adds the rows and counts of another window of the same classes, for example another partition's
     * part of the same window; {@code other} is left logically unchanged.
     *
     * @throws IllegalArgumentException when the classes or the probability setting differ, or other is this window
     */
    public void addAll(final ClassificationWindow other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a window into itself; merge a copy decoded from its bytes");
        }
        if (!classes.equals(other.classes) || withProbabilities != other.withProbabilities) {
            throw new IllegalArgumentException("cannot merge a window of classes " + other.classes
                    + (other.withProbabilities ? " with" : " without") + " probabilities into one of classes "
                    + classes + (withProbabilities ? " with" : " without") + " probabilities");
        }
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] += other.confusion[i];
        }
        logLoss.add(other.logLoss);
        rows.addAll(other.rows);
        rowCount += other.rowCount;
        labeledCount += other.labeledCount;
    }

    public ClassLabels classes() {
        return classes;
    }

    public boolean withProbabilities() {
        return withProbabilities;
    }

    /** Rows added, labeled or not. */
    public long rowCount() {
        return rowCount;
    }

    /** Rows added with a true class. */
    public long labeledCount() {
        return labeledCount;
    }

    /** Cap on the rows held exactly. */
    public int maxRows() {
        return rows.cap();
    }

    /** Counts of labeled rows by true class (row) and predicted class (column). */
    public long[][] confusionMatrix() {
        final int k = classes.size();
        final long[][] matrix = new long[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(confusion, i * k, matrix[i], 0, k);
        }
        return matrix;
    }

    /** Sum of the per-row log losses of labeled rows (natural logarithm). */
    double logLossSum() {
        return logLoss.value();
    }

    CompensatedSum logLoss() {
        return logLoss;
    }

    ScoredRows rows() {
        return rows;
    }

    long[] confusionCounts() {
        return confusion;
    }

    /** Sets the counts of a window being decoded; the codec has filled its matrix, sums and rows. */
    void restoreCounts(final long restoredRows, final long restoredLabeled) {
        rowCount = restoredRows;
        labeledCount = restoredLabeled;
    }

    /** Probability of a class from a stored row, whose binary rows keep the positive class only. */
    double probabilityOfClass(final double[] stored, final int offset, final int classIndex) {
        if (classes.isBinary()) {
            final double positive = stored[offset];
            return classIndex == classes.positiveIndex() ? positive : 1.0 - positive;
        }
        return stored[offset + classIndex];
    }

    private double probabilityOfClass(final double[] stored, final int classIndex) {
        return probabilityOfClass(stored, 0, classIndex);
    }

    private static double clip(final double probability) {
        return Math.min(Math.max(probability, LOG_LOSS_EPSILON), 1.0 - LOG_LOSS_EPSILON);
    }

    private void checkClassIndex(final int index, final String role, final boolean mayBeMissing) {
        if (mayBeMissing && index == ClassLabels.NO_LABEL) {
            return;
        }
        if (index < 0 || index >= classes.size()) {
            throw new IllegalArgumentException(role + " index " + index + " is out of range; expected 0 to "
                    + (classes.size() - 1) + (mayBeMissing ? " or -1 for no label" : "") + " for classes " + classes);
        }
    }

    private double[] storedProbabilities(final double[] probabilities) {
        final int given = probabilities == null ? 0 : probabilities.length;
        if (!withProbabilities) {
            if (given != 0) {
                throw new IllegalArgumentException("this window has no probabilities, but a row carries " + given);
            }
            return new double[0];
        }
        if (classes.isBinary() && given == 1) {
            checkProbability(probabilities[0], "the positive class '" + classes.name(classes.positiveIndex()) + "'");
            return new double[] {probabilities[0] + 0.0};
        }
        if (given != classes.size()) {
            throw new IllegalArgumentException("expected " + (classes.isBinary() ? "1 or 2" : classes.size())
                    + " probabilities for classes " + classes + ", got " + given);
        }
        for (int i = 0; i < given; i++) {
            checkProbability(probabilities[i], "class '" + classes.name(i) + "'");
        }
        checkSum(probabilities);
        if (classes.isBinary()) {
            return new double[] {probabilities[classes.positiveIndex()] + 0.0};
        }
        final double[] copy = new double[given];
        for (int i = 0; i < given; i++) {
            // Adding 0.0 turns -0.0 into 0.0, which ties with 0.0 in the ranking metrics as in NumPy.
            copy[i] = probabilities[i] + 0.0;
        }
        return copy;
    }

    private static void checkProbability(final double probability, final String target) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability " + probability + " of " + target
                    + " is invalid; expected a finite value in [0, 1]");
        }
    }

    private void checkSum(final double[] probabilities) {
        double sum = 0.0;
        for (final double probability : probabilities) {
            sum += probability;
        }
        if (Math.abs(sum - 1.0) > SUM_ABSOLUTE_TOLERANCE + SUM_RELATIVE_TOLERANCE * Math.abs(sum)) {
            throw new IllegalArgumentException("probabilities of classes " + classes + " add up to " + sum
                    + "; expected 1 within 1e-5");
        }
    }

    private double[] probabilitiesByIndex(final Map<String, Double> byName) {
        if (!withProbabilities) {
            if (byName != null && !byName.isEmpty()) {
                throw new IllegalArgumentException("this window has no probabilities, but a row carries " + byName);
            }
            return new double[0];
        }
        if (byName == null || byName.isEmpty()) {
            throw new IllegalArgumentException("probabilities are missing; expected one per class of " + classes);
        }
        final double[] byIndex = new double[classes.size()];
        final boolean[] present = new boolean[classes.size()];
        for (final Map.Entry<String, Double> entry : byName.entrySet()) {
            final int index = classes.requireIndex(entry.getKey(), "probability class");
            final double value = entry.getValue() == null ? Double.NaN : entry.getValue();
            checkProbability(value, "class '" + classes.name(index) + "'");
            byIndex[index] = value;
            present[index] = true;
        }
        if (classes.isBinary() && byName.size() == 1) {
            final int positive = classes.positiveIndex();
            return new double[] {present[positive] ? byIndex[positive] : 1.0 - byIndex[1 - positive]};
        }
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                throw new IllegalArgumentException("probability of class '" + classes.name(i) + "' is missing; got "
                        + byName.keySet() + " for classes " + classes);
            }
        }
        return byIndex;
    }
}
