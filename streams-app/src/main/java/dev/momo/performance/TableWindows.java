package dev.momo.performance;

import java.util.List;

/**
 * Windows read from a table, with the rows that could not be used.
 *
 * @param windows one window per chunk, in table order
 * @param rejectedRows rows skipped because a value was missing or invalid (unknown class, probability
 *     outside [0, 1], non-numeric regression value)
 * @param firstRejection the reason the first skipped row was skipped, naming its row and value; null when
 *     none was
 * @param <W> {@link ClassificationWindow} or {@link RegressionWindow}
 */
public record TableWindows<W>(List<W> windows, long rejectedRows, String firstRejection) {

    public TableWindows {
        windows = List.copyOf(windows);
    }
}
