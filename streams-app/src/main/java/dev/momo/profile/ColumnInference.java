package dev.momo.profile;

import dev.momo.table.Cells;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether a column is numeric or categorical from its reference values. A column is numeric
 * when every present value parses as a number and it takes more than two distinct values. Binary
 * columns (0/1 flags, predicted classes), booleans and text are categorical.
 */
final class ColumnInference {

    private ColumnInference() {
    }

    static ColumnKind infer(final String[] cells) {
        final Set<Double> distinct = new HashSet<>();
        boolean anyValue = false;
        for (final String cell : cells) {
            if (Cells.isMissing(cell)) {
                continue;
            }
            anyValue = true;
            final Double number = Cells.parseNumber(cell);
            if (number == null) {
                return ColumnKind.CATEGORICAL;
            }
            if (distinct.size() <= 2) {
                distinct.add(number);
            }
        }
        return anyValue && distinct.size() > 2 ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
    }
}
