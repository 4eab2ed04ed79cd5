package dev.momo.load.alerts;

import dev.momo.analyze.FileAnalysis;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.DriftMetric;
import dev.momo.topology.DetectorProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the alert signals among the alert records of one file analysis and places each on a row of the
 * analysed table.
 *
 * <ul>
 *   <li>A window or performance check signals with its OPENED record only; UPDATED and RESOLVED records
 *       continue or end an alert already counted. Its position is the last row of its window: the
 *       analysis cuts the rows, in file order, into count windows of {@code chunkSize} rows, so window
 *       {@code w} ends at row {@code min((w + 1) * chunkSize, rows) - 1}.</li>
 *   <li>A detector record (threshold source {@value DetectorProcessor#THRESHOLD_SOURCE}) signals when it
 *       carries a new detection, that is when a detection metric of the same signal, detector and value
 *       index exists; a RESOLVED record never does. Its position is that value index.</li>
 * </ul>
 *
 * <p>NOTE: realized-performance windows count labelled rows in the profile's chunk size, so the window
 * formula holds only when every row has its label and the analysis uses the profile's chunk size, as the
 * benchmark does. The value index of a label-signal detector ({@code error}, {@code loss}) counts joined
 * predictions, which equals the row only under the same condition.
 */
final class AlertSignals {

    private AlertSignals() {
    }

    /**
     * Returns the signals of an analysis, by position, then in record order.
     *
     * @param result output of {@link FileAnalysis#run}
     * @param chunkSize rows per window of that analysis
     */
    static List<AlertSignal> of(final FileAnalysis.Result result, final int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 row, got " + chunkSize);
        }
        final Set<String> detections = new HashSet<>();
        for (final DriftMetric metric : result.metrics()) {
            if (detector(metric.getThresholdSource())) {
                detections.add(key(metric.getFeature(), metric.getStatistic(), metric.getWindowIndex()));
            }
        }

        final List<AlertSignal> signals = new ArrayList<>();
        for (final DriftAlert alert : result.alerts()) {
            if (detector(alert.getThresholdSource())) {
                if (alert.getState() != AlertState.RESOLVED
                        && detections.contains(key(alert.getFeature(), alert.getCheck(), alert.getWindowIndex()))) {
                    signals.add(new AlertSignal(alert.getWindowIndex(), alert));
                }
            } else if (alert.getState() == AlertState.OPENED) {
                signals.add(new AlertSignal(lastRow(alert.getWindowIndex(), chunkSize, result.rows()), alert));
            }
        }
        signals.sort(Comparator.comparingLong(AlertSignal::position));
        return signals;
    }

    /** Returns the last row of window {@code windowIndex}; the last window may be shorter. */
    static long lastRow(final long windowIndex, final int chunkSize, final long rows) {
        return Math.min((windowIndex + 1) * chunkSize, rows) - 1;
    }

    private static boolean detector(final String thresholdSource) {
        return DetectorProcessor.THRESHOLD_SOURCE.equals(thresholdSource);
    }

    private static String key(final String signal, final String detector, final long valueIndex) {
        return signal + '\u0000' + detector + '\u0000' + valueIndex;
    }
}
