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

    /**
     * Describes the text cells of a column whose values are at least 90 % numbers, which a typo in the data
     * can turn categorical; null when the column is not such a case.
     */
    static String fewTextCells(final String[] cells) {
        long numbers = 0;
        long present = 0;
        String firstText = null;
        for (final String cell : cells) {
            if (Cells.isMissing(cell)) {
                continue;
            }
            present++;
            if (Cells.parseNumber(cell) != null) {
                numbers++;
            } else if (firstText == null) {
                firstText = cell;
            }
        }
        if (numbers == present || numbers < 0.9 * present) {
            return null;
        }
        return (present - numbers) + " of its " + present + " values are not numbers (first: '" + firstText + "')";
    }
}
