package dev.momo.performance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The rows of a classification window that the ranking metrics (ROC AUC, average precision) and CBPE
 * need: sample key, true class index ({@link ClassLabels#NO_LABEL} when unlabeled), predicted class index
 * and predicted probabilities, {@code width} per row.
 *
 * <p>Holds every row up to {@code cap} rows. Past the cap it keeps the {@code cap} rows with the smallest
 * sample keys (a bottom-k sample), ties broken by the row's content, so that the kept rows do not depend
 * on the order of {@link #add} and {@link #addAll} calls. Rows are appended and trimmed to the cap once
 * twice the cap is reached, and again before they are read. Not thread-safe.
 */
final class ScoredRows {

    private final int cap;
    private final int width;
    private long[] keys;
    private int[] labels;
    private int[] predictions;
    private double[] probabilities;
    private int size;
    private boolean sampled;

    ScoredRows(final int cap, final int width) {
        this.cap = cap;
        this.width = width;
        final int capacity = Math.min(cap, 1024);
        keys = new long[capacity];
        labels = new int[capacity];
        predictions = new int[capacity];
        probabilities = new double[capacity * width];
    }

    int cap() {
        return cap;
    }

    int width() {
        return width;
    }

    /** Returns whether rows were dropped because more than {@link #cap()} arrived. */
    boolean sampled() {
        return sampled;
    }

    void markSampled() {
        sampled = true;
    }

    void add(final long key, final int label, final int prediction, final double[] rowProbabilities, final int offset) {
        if (size == keys.length) {
            if (size >= 2 * cap) {
                trimToCap();
            } else {
                grow();
            }
        }
        keys[size] = key;
        labels[size] = label;
        predictions[size] = prediction;
        System.arraycopy(rowProbabilities, offset, probabilities, size * width, width);
        size++;
    }

    void addAll(final ScoredRows other) {
        other.trimToCap();
        for (int i = 0; i < other.size; i++) {
            add(other.keys[i], other.labels[i], other.predictions[i], other.probabilities, i * width);
        }
        sampled |= other.sampled;
    }

    /** Returns the number of rows kept after trimming to the cap. */
    int size() {
        trimToCap();
        return size;
    }

    long key(final int row) {
        return keys[row];
    }

    int label(final int row) {
        return labels[row];
    }

    int prediction(final int row) {
        return predictions[row];
    }

    double probability(final int row, final int column) {
        return probabilities[row * width + column];
    }

    private void grow() {
        final int capacity = (int) Math.min(2L * cap, Math.max(16L, 2L * keys.length));
        keys = Arrays.copyOf(keys, capacity);
        labels = Arrays.copyOf(labels, capacity);
        predictions = Arrays.copyOf(predictions, capacity);
        probabilities = Arrays.copyOf(probabilities, capacity * width);
    }

    private void trimToCap() {
        if (size <= cap) {
            return;
        }
        final int[] kept = IntStream.range(0, size).boxed()
                .sorted(rowOrder())
                .limit(cap)
                .mapToInt(Integer::intValue)
                .toArray();
        final long[] newKeys = new long[keys.length];
        final int[] newLabels = new int[labels.length];
        final int[] newPredictions = new int[predictions.length];
        final double[] newProbabilities = new double[probabilities.length];
        for (int i = 0; i < kept.length; i++) {
            final int row = kept[i];
            newKeys[i] = keys[row];
            newLabels[i] = labels[row];
            newPredictions[i] = predictions[row];
            System.arraycopy(probabilities, row * width, newProbabilities, i * width, width);
        }
        keys = newKeys;
        labels = newLabels;
        predictions = newPredictions;
        probabilities = newProbabilities;
        size = kept.length;
        sampled = true;
    }

    private Comparator<Integer> rowOrder() {
        return (a, b) -> {
            int order = Long.compare(keys[a], keys[b]);
            if (order == 0) {
                order = Integer.compare(labels[a], labels[b]);
            }
            if (order == 0) {
                order = Integer.compare(predictions[a], predictions[b]);
            }
            for (int column = 0; order == 0 && column < width; column++) {
                order = Double.compare(probabilities[a * width + column], probabilities[b * width + column]);
            }
            return order;
        };
    }
}
