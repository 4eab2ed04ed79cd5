package dev.momo.analyze;

import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.table.Cells;
import dev.momo.table.CsvTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of a table into the inference events a model server would have published, reading
 * each column as its profile defines it: features into {@code features}, the prediction column into
 * {@code prediction}, the probability column into {@code probabilities}.
 */
public final class RowEvents {

    private final ReferenceProfile profile;
    private final CsvTable table;
    private final int timestampIndex;
    private final List<ColumnProfile> presentColumns;
    private final int[] columnIndexes;
    /** Column of the labels, or -1 when the profile has no reference performance or the table no label column. */
    private final int labelIndex;

    /**
     * @throws IllegalArgumentException when the profile names a timestamp column that the table lacks
     */
    public RowEvents(final ReferenceProfile profile, final CsvTable table) {
        this.profile = profile;
        this.table = table;
        if (profile.timestampColumn() != null && !table.hasColumn(profile.timestampColumn())) {
            throw new IllegalArgumentException("timestamp column '" + profile.timestampColumn() + "' of the profile is not in "
                    + table.source() + "; its columns are " + table.header());
        }
        this.timestampIndex = profile.timestampColumn() == null ? -1 : table.columnIndex(profile.timestampColumn());
        this.presentColumns = profile.columns().stream().filter(c -> table.hasColumn(c.name())).toList();
        this.columnIndexes = presentColumns.stream().mapToInt(c -> table.columnIndex(c.name())).toArray();
        this.labelIndex = profile.performance() != null && profile.labelColumn() != null
                && table.hasColumn(profile.labelColumn()) ? table.columnIndex(profile.labelColumn()) : -1;
    }

    /** Monitored columns of the profile that the table lacks: events do not carry them (absent_rate 1). */
    public List<String> absentColumns() {
        return profile.columns().stream().map(ColumnProfile::name).filter(name -> !table.hasColumn(name)).toList();
    }

    /**
     * Builds the event of row {@code index}. Without a timestamp column the event time is {@code index} ms
     * after the epoch, which keeps file order.
     *
     * @throws IllegalArgumentException naming the row when its timestamp cannot be read
     */
    public InferenceEvent event(final int index) {
        final String[] cells = table.row(index);
        final Instant eventTime;
        if (timestampIndex < 0) {
            eventTime = Instant.ofEpochMilli(index);
        } else {
            try {
                eventTime = Cells.parseTimestamp(cells[timestampIndex]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(table.source() + " row " + (index + 1) + ": " + e.getMessage(), e);
            }
        }
        final Map<String, Object> features = new HashMap<>();
        final Map<String, Double> probabilities = new HashMap<>();
        Object prediction = null;
        for (int i = 0; i < presentColumns.size(); i++) {
            final ColumnProfile column = presentColumns.get(i);
            final Object value = typed(column, cells[columnIndexes[i]]);
            if (column.role() == ColumnRole.PREDICTION) {
                prediction = value instanceof Number n ? (Object) n.doubleValue() : value;
            } else if (column.role() == ColumnRole.PROBABILITY) {
                if (value instanceof Double d) {
                    probabilities.put(column.name(), d);
                }
            } else {
                features.put(column.name(), value);
            }
        }
        return InferenceEvent.newBuilder()
                .setEventId("row-" + index)
                .setModelId(profile.modelId())
                .setModelVersion(profile.modelVersion())
                .setEventTime(eventTime)
                .setFeatures(features)
                .setPrediction(prediction)
                .setProbabilities(probabilities)
                .setSegments(Map.of())
                .build();
    }

    /**
     * Builds the label of row {@code index} when the profile has a reference performance and the table
     * its label column: the class as text, or the value of a regression model as a number. Null when
     * the row has no label. Its time is the prediction's, as if the outcome were known at once.
     */
    public GroundTruth label(final int index) {
        if (labelIndex < 0) {
            return null;
        }
        final String cell = table.row(index)[labelIndex];
        if (Cells.isMissing(cell)) {
            return null;
        }
        final Object label;
        if (profile.performance().classification()) {
            label = cell;
        } else {
            final Double number = Cells.parseNumber(cell);
            if (number == null) {
                return null;
            }
            label = number;
        }
        return GroundTruth.newBuilder()
                .setEventId("row-" + index)
                .setModelId(profile.modelId())
                .setLabel(label)
                .setEventTime(event(index).getEventTime())
                .build();
    }

    /** Null for a missing cell, a double for a number in a numeric column, the text otherwise. */
    private static Object typed(final ColumnProfile column, final String cell) {
        if (Cells.isMissing(cell)) {
            return null;
        }
        if (column.kind() == ColumnKind.NUMERIC || column.role() == ColumnRole.PROBABILITY) {
            final Double number = Cells.parseNumber(cell);
            return number == null ? cell : number;
        }
        return cell;
    }
}
