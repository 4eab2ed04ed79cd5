package dev.momo.load.alerts;

import java.util.Arrays;

/**
 * A binary classifier over two numeric features, trained by counting: the training range of each
 * feature is cut into {@code cells} equal-width intervals, and the probability of class 1 in a grid
 * cell is the share of class 1 among the training rows that fall into it,
 * {@code p(cell) = ones(cell) / rows(cell)}, or 0.5 for a cell without training rows. The predicted
 * class is 1 when {@code p >= 0.5} (a majority vote in the cell). Values outside the training range
 * go to the edge cells.
 *
 * <p>It is the model of streams that carry features and a label but no predictions: fitted once on
 * the first concept, it makes more errors when the relation between features and label changes later.
 */
final class GridClassifier {

    private final int cells;
    private final double low1;
    private final double width1;
    private final double low2;
    private final double width2;
    /** Share of class 1 per cell, row-major over (feature 1, feature 2). */
    private final double[] probabilities;

    private GridClassifier(final int cells, final double low1, final double width1, final double low2,
                           final double width2, final double[] probabilities) {
        this.cells = cells;
        this.low1 = low1;
        this.width1 = width1;
        this.low2 = low2;
        this.width2 = width2;
        this.probabilities = probabilities;
    }

    /**
     * Fits the grid.
     *
     * @param first values of the first feature, finite
     * @param second values of the second feature, finite, as many as {@code first}
     * @param labels class of each row, 0 or 1
     * @param cells intervals per feature, 1 to 1000
     * @throws IllegalArgumentException when the arrays are empty or differ in length, a value is not
     *     finite, a label is neither 0 nor 1, or {@code cells} is out of range
     */
    static GridClassifier train(final double[] first, final double[] second, final int[] labels, final int cells) {
        if (cells < 1 || cells > 1000) {
            throw new IllegalArgumentException("cells must be between 1 and 1000, got " + cells);
        }
        if (first.length == 0 || first.length != second.length || first.length != labels.length) {
            throw new IllegalArgumentException("training needs the same non-zero number of values per array, got "
                    + first.length + ", " + second.length + " and " + labels.length);
        }
        final double low1 = min(first, "first");
        final double low2 = min(second, "second");
        final double width1 = (Arrays.stream(first).max().orElseThrow() - low1) / cells;
        final double width2 = (Arrays.stream(second).max().orElseThrow() - low2) / cells;
        final GridClassifier empty = new GridClassifier(cells, low1, width1, low2, width2, new double[cells * cells]);

        final long[] rows = new long[cells * cells];
        final long[] ones = new long[cells * cells];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + labels[i] + " at row " + i);
            }
            final int cell = empty.cellOf(first[i], second[i]);
            rows[cell]++;
            ones[cell] += labels[i];
        }
        final double[] probabilities = new double[cells * cells];
        for (int cell = 0; cell < probabilities.length; cell++) {
            probabilities[cell] = rows[cell] == 0 ? 0.5 : ones[cell] / (double) rows[cell];
        }
        return new GridClassifier(cells, low1, width1, low2, width2, probabilities);
    }

    /** Returns the probability of class 1 for one row: the training share of class 1 in its cell. */
    double probability(final double first, final double second) {
        return probabilities[cellOf(first, second)];
    }

    /** Returns the predicted class of one row, 0 or 1. */
    int predict(final double first, final double second) {
        return probability(first, second) >= 0.5 ? 1 : 0;
    }

    private int cellOf(final double first, final double second) {
        return interval(first, low1, width1) * cells + interval(second, low2, width2);
    }

    /** Interval index in [0, cells); a feature with a single training value puts every row in interval 0. */
    private int interval(final double value, final double low, final double width) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("feature values must be finite, got " + value);
        }
        if (width == 0) {
            return 0;
        }
        final int index = (int) Math.floor((value - low) / width);
        return Math.max(0, Math.min(cells - 1, index));
    }

    private static double min(final double[] values, final String name) {
        double min = Double.POSITIVE_INFINITY;
        for (final double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the " + name + " feature must be finite, got " + value);
            }
            min = Math.min(min, value);
        }
        return min;
    }
}
