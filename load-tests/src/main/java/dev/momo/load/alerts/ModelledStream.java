package dev.momo.load.alerts;

import dev.momo.table.CsvTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled stream without model output (the Harvard concept-drift streams: features {@code X1},
 * {@code X2}, sometimes {@code X3}, and a 0/1 label {@code class}) with predictions added by a
 * {@link GridClassifier} over {@code X1} and {@code X2}, trained on the first {@link #TRAINING_ROWS}
 * rows, which all belong to the first concept. The result is written as CSV with the stream's features,
 * {@link #PREDICTION}, {@link #PROBABILITY} and the label, and read back, so that the same file can be
 * given to {@code momo reference build} and {@code momo analyze}.
 */
final class ModelledStream {

    static final int TRAINING_ROWS = 5000;
    /** 10 x 10 cells, 50 training rows each on average. */
    static final int GRID_CELLS = 10;
    static final String LABEL = "class";
    static final String PREDICTION = "prediction";
    static final String PROBABILITY = "probability";
    private static final String FIRST = "X1";
    private static final String SECOND = "X2";

    private ModelledStream() {
    }

    /**
     * Reads {@code stream}, trains the classifier on its first rows, writes the stream with the model's
     * columns to {@code directory} and returns that table.
     *
     * @throws IllegalArgumentException when the stream lacks X1, X2 or the label, has fewer than
     *     {@link #TRAINING_ROWS} rows, a cell of those columns is not a number, or a label is not 0 or 1
     */
    static CsvTable withModel(final Path stream, final Path directory) {
        final CsvTable table = CsvTable.read(stream);
        if (table.rowCount() < TRAINING_ROWS) {
            throw new IllegalArgumentException(stream + " has " + table.rowCount() + " rows; the model needs "
                    + TRAINING_ROWS + " to train on");
        }
        final double[] first = numbers(table, FIRST);
        final double[] second = numbers(table, SECOND);
        final double[] labelValues = numbers(table, LABEL);
        final int[] labels = new int[labelValues.length];
        for (int i = 0; i < labels.length; i++) {
            if (labelValues[i] != 0 && labelValues[i] != 1) {
                throw new IllegalArgumentException(stream + " row " + (i + 1) + ": label " + LABEL + " is "
                        + labelValues[i] + "; expected 0 or 1");
            }
            labels[i] = (int) labelValues[i];
        }
        final GridClassifier model = GridClassifier.train(Arrays.copyOf(first, TRAINING_ROWS),
                Arrays.copyOf(second, TRAINING_ROWS), Arrays.copyOf(labels, TRAINING_ROWS),
                GRID_CELLS);

        final List<String> features = table.header().stream().filter(name -> !name.equals(LABEL)).toList();
        final List<String> header = new ArrayList<>(features);
        header.add(PREDICTION);
        header.add(PROBABILITY);
        header.add(LABEL);
        final String name = stream.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        final Path output = directory.resolve(name + "-with-model.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", header));
            writer.newLine();
            final int labelIndex = table.columnIndex(LABEL);
            final int[] featureIndexes = features.stream().mapToInt(table::columnIndex).toArray();
            for (int row = 0; row < table.rowCount(); row++) {
                final String[] cells = table.row(row);
                final StringBuilder line = new StringBuilder();
                for (final int index : featureIndexes) {
                    line.append(cells[index]).append(',');
                }
                line.append(model.predict(first[row], second[row])).append(',')
                        .append(model.probability(first[row], second[row])).append(',')
                        .append(cells[labelIndex]);
                writer.write(line.toString());
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
        return CsvTable.read(output);
    }

    private static double[] numbers(final CsvTable table, final String column) {
        final String[] cells = table.column(column);
        final double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                values[i] = Double.parseDouble(cells[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(table.source() + " row " + (i + 1) + ": column " + column
                        + " holds '" + cells[i] + "', not a number", e);
            }
        }
        return values;
    }
}
