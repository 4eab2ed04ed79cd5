package dev.momo.load.alerts;

import dev.momo.schema.DriftAlert;

/**
 * An alert record that signals a change: an OPENED record of a window or performance check, or a
 * detector record (threshold source {@code detector}) that carries a new detection.
 *
 * @param position the analysed table's 0-based row that produced the signal: the last row of the
 *     window, or the detector's value index
 * @param alert the record
 */
record AlertSignal(long position, DriftAlert alert) {

    /** Returns {@code feature/check}, for example {@code car_value/wasserstein_normalized}. */
    String source() {
        return alert.getFeature() + "/" + alert.getCheck();
    }
}
