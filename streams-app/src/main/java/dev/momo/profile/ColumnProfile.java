package dev.momo.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reference of one monitored column.
 *
 * @param name column name: feature name, prediction column or probability name
 * @param kind numeric or categorical
 * @param role where the value sits in an inference event
 * @param count reference rows with a value
 * @param missing reference rows without a value
 * @param numeric distribution of a numeric column, null for categorical ones
 * @param categorical frequencies of a categorical column, null for numeric ones
 * @param thresholds drift threshold per statistic name
 */
public record ColumnProfile(
        String name,
        ColumnKind kind,
        ColumnRole role,
        long count,
        long missing,
        NumericSummary numeric,
        CategoricalSummary categorical,
        Map<String, StatisticThreshold> thresholds) {

    public ColumnProfile {
        thresholds = thresholds == null ? Map.of() : new TreeMap<>(thresholds);
        if (kind == ColumnKind.NUMERIC && numeric == null) {
            throw new IllegalArgumentException("numeric column '" + name + "' has no numeric summary");
        }
        if (kind == ColumnKind.CATEGORICAL && categorical == null) {
            throw new IllegalArgumentException("categorical column '" + name + "' has no category counts");
        }
    }

    ColumnProfile withThresholds(final Map<String, StatisticThreshold> newThresholds) {
        return new ColumnProfile(name, kind, role, count, missing, numeric, categorical, newThresholds);
    }
}
