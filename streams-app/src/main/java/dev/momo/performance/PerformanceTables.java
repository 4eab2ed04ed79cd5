package dev.momo.performance;

import dev.momo.table.Cells;
import dev.momo.table.CsvTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the performance windows of a table, in chunks of consecutive rows: for {@code momo analyze} and
 * for the reference profile, whose per-chunk realized metrics give the thresholds (mean plus or minus k
 * standard deviations of each metric over the reference chunks, see {@link #valuesByMetric}).
 *
 * <p>Chunks: {@code chunkSize} rows each in table order; a last chunk with fewer rows is dropped unless the
 * whole table is shorter than one chunk, in which case it is the only chunk. Row i of the table gets the
 * sample key {@link SampleKeys#ofRowIndex(long) ofRowIndex(i)}.
 *
 * <p>Rows: a missing label makes an unlabeled row; a missing or unknown prediction, an unknown label, or a
 * missing or invalid probability skips the row and counts it in {@link TableWindows#rejectedRows()}.
 */
public final class PerformanceTables {

    private PerformanceTables() {
    }

    /**
     * Returns the classes of a table: the keys of the per-class probability columns when there are some,
     * else the distinct values of the label and prediction columns.
     *
     * @throws IllegalArgumentException when fewer than two classes are found
     */
    public static ClassLabels classesOf(final CsvTable table, final ClassifierColumns columns) {
        if (!columns.classProbabilities().isEmpty()) {
            return ClassLabels.of(columns.classProbabilities().keySet());
        }
        final Set<String> values = new LinkedHashSet<>();
        for (final String column : columns.label() == null ? List.of(columns.prediction())
                : List.of(columns.label(), columns.prediction())) {
            for (final String cell : table.column(column)) {
                if (!Cells.isMissing(cell)) {
                    values.add(ClassLabels.canonical(cell));
                }
            }
        }
        return ClassLabels.of(values);
    }

    /** Returns one classification window per chunk, labels included when the columns name a label column. */
    public static TableWindows<ClassificationWindow> classificationChunks(
            final CsvTable table, final ClassifierColumns columns, final ClassLabels classes,
            final int chunkSize, final int maxRows) {
        final List<ClassificationWindow> windows = new ArrayList<>();
        final Rejections rejections = new Rejections();
        final ClassificationReader reader = new ClassificationReader(table, columns, classes);
        for (final int[] chunk : chunks(table.rowCount(), chunkSize)) {
            final ClassificationWindow window = ClassificationWindow.create(classes, columns.withProbabilities(), maxRows);
            for (int row = chunk[0]; row < chunk[1]; row++) {
                try {
                    reader.addRow(window, row);
                } catch (IllegalArgumentException e) {
                    rejections.add(table, row, e);
                }
            }
            windows.add(window);
        }
        return new TableWindows<>(windows, rejections.count, rejections.first);
    }

    /** Returns one regression window per chunk of a table with numeric label and prediction columns. */
    public static TableWindows<RegressionWindow> regressionChunks(final CsvTable table, final String labelColumn,
                                                                  final String predictionColumn, final int chunkSize) {
        final int label = table.columnIndex(labelColumn);
        final int prediction = table.columnIndex(predictionColumn);
        final List<RegressionWindow> windows = new ArrayList<>();
        final Rejections rejections = new Rejections();
        for (final int[] chunk : chunks(table.rowCount(), chunkSize)) {
            final RegressionWindow window = new RegressionWindow();
            for (int row = chunk[0]; row < chunk[1]; row++) {
                try {
                    window.add(number(table, row, label, labelColumn), number(table, row, prediction, predictionColumn));
                } catch (IllegalArgumentException e) {
                    rejections.add(table, row, e);
                }
            }
            windows.add(window);
        }
        return new TableWindows<>(windows, rejections.count, rejections.first);
    }

    /**
     * Computes every realized metric of a classifier on each chunk of reference rows: metric name to its
     * value per chunk, the input of reference-derived thresholds.
     */
    public static Map<String, double[]> classificationMetricsByChunk(final CsvTable table,
                                                                     final ClassifierColumns columns,
                                                                     final ClassLabels classes, final int chunkSize) {
        final List<PerformanceMetrics> metrics = new ArrayList<>();
        for (final ClassificationWindow window : classificationChunks(table, columns, classes, chunkSize,
                ClassificationWindow.DEFAULT_MAX_ROWS).windows()) {
            metrics.add(ClassificationMetrics.compute(window));
        }
        return valuesByMetric(metrics);
    }

    /** Computes every regression metric on each chunk of reference rows, as {@link #classificationMetricsByChunk}. */
    public static Map<String, double[]> regressionMetricsByChunk(final CsvTable table, final String labelColumn,
                                                                 final String predictionColumn, final int chunkSize) {
        final List<PerformanceMetrics> metrics = new ArrayList<>();
        for (final RegressionWindow window : regressionChunks(table, labelColumn, predictionColumn, chunkSize)
                .windows()) {
            metrics.add(RegressionMetrics.compute(window));
        }
        return valuesByMetric(metrics);
    }

    /**
     * Returns, for each metric name, its value in each chunk (NaN where a chunk lacks it): the series from
     * which reference thresholds are derived.
     */
    public static Map<String, double[]> valuesByMetric(final List<PerformanceMetrics> chunks) {
        final Map<String, double[]> series = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            for (final Map.Entry<String, Double> entry : chunks.get(i).values().entrySet()) {
                final double[] values = series.computeIfAbsent(entry.getKey(), name -> {
                    final double[] empty = new double[chunks.size()];
                    Arrays.fill(empty, Double.NaN);
                    return empty;
                });
                values[i] = entry.getValue();
            }
        }
        return series;
    }

    /** Row ranges [from, to) of the chunks, as the class header defines them. */
    static List<int[]> chunks(final int rowCount, final int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 row, got " + chunkSize);
        }
        final List<int[]> chunks = new ArrayList<>();
        if (rowCount < chunkSize) {
            chunks.add(new int[] {0, rowCount});
            return chunks;
        }
        for (int from = 0; from + chunkSize <= rowCount; from += chunkSize) {
            chunks.add(new int[] {from, from + chunkSize});
        }
        return chunks;
    }

    private static double number(final CsvTable table, final int row, final int column, final String name) {
        final String cell = table.row(row)[column];
        final Double value = Cells.parseNumber(cell);
        if (value == null) {
            throw new IllegalArgumentException("value '" + cell + "' in column " + name + " is not a number");
        }
        return value;
    }

    /** Reads classification rows; column indices resolved once. */
    private static final class ClassificationReader {

        private final CsvTable table;
        private final ClassLabels classes;
        private final int label;
        private final int prediction;
        private final int positiveProbability;
        private final Map<String, Integer> probabilityByClass = new HashMap<>();
        private final Map<String, Double> rowProbabilities = new HashMap<>();

        ClassificationReader(final CsvTable table, final ClassifierColumns columns, final ClassLabels classes) {
            this.table = table;
            this.classes = classes;
            this.label = columns.label() == null ? -1 : table.columnIndex(columns.label());
            this.prediction = table.columnIndex(columns.prediction());
            this.positiveProbability = columns.positiveProbability() == null ? -1
                    : table.columnIndex(columns.positiveProbability());
            columns.classProbabilities().forEach((name, column) -> probabilityByClass.put(name, table.columnIndex(column)));
        }

        void addRow(final ClassificationWindow window, final int row) {
            final String[] cells = table.row(row);
            final String trueLabel = label < 0 || Cells.isMissing(cells[label]) ? null : cells[label];
            if (Cells.isMissing(cells[prediction])) {
                throw new IllegalArgumentException("the prediction is missing");
            }
            rowProbabilities.clear();
            if (positiveProbability >= 0) {
                rowProbabilities.put(classes.name(classes.positiveIndex()),
                        probability(cells[positiveProbability]));
            }
            probabilityByClass.forEach((name, column) -> rowProbabilities.put(name, probability(cells[column])));
            window.add(SampleKeys.ofRowIndex(row), trueLabel, cells[prediction], rowProbabilities);
        }

        private static double probability(final String cell) {
            final Double value = Cells.parseNumber(cell);
            if (value == null) {
                throw new IllegalArgumentException("probability '" + cell + "' is not a number");
            }
            return value;
        }
    }

    /** Count and first reason of skipped rows. */
    private static final class Rejections {

        private long count;
        private String first;

        void add(final CsvTable table, final int row, final IllegalArgumentException error) {
            count++;
            if (first == null) {
                first = table.source() + " row " + (row + 1) + ": " + error.getMessage();
            }
        }
    }
}
