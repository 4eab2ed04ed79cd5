package dev.momo.detectors;

import java.util.Map;

/**
 * A streaming change detector: it reads one number at a time and reports whether the stream
 * has changed. Implementations are not thread-safe; a caller keeps one instance per stream (for example
 * per model and signal) and feeds it from one thread.
 *
 * <p>Typical use, with the state kept between records in a key-value store:
 * <pre>{@code
 * ChangeDetector detector = stored == null ? parameters.newDetector() : ChangeDetectors.decode(stored);
 * if (detector.update(value) == DetectorState.DRIFT) {
 *     report(detector.estimate());
 * }
 * store.put(key, detector.encode());
 * }</pre>
 */
public sealed interface ChangeDetector permits Adwin, PageHinkley, Cusum, Kswin, Ddm, Eddm, HddmA, HddmW {

    /**
     * Adds one value and returns the state after it.
     *
     * @throws IllegalArgumentException naming the value when the detector cannot take it: NaN and
     *     infinities for every detector, values outside [0, 1] for DDM and HDDM, and values other
     *     than 0 and 1 for EDDM. The detector is unchanged then.
     */
    DetectorState update(double value);

    /** Returns the state after the latest value, {@link DetectorState#NONE} before the first. */
    DetectorState state();

    /** Returns the parameters the detector was built with. */
    DetectorParameters parameters();

    /**
     * Returns the detector's current statistics by name (snake_case, in a fixed order), for
     * dashboards and detection reports. Values may be NaN or infinite before the detector has
     * seen enough data.
     */
    Map<String, Double> estimate();

    /**
     * Encodes the parameters and the whole state: a format byte (detector kind in the high four
     * bits, format version in the low four), then the fields in big-endian order. {@link
     * ChangeDetectors#decode(byte[])} restores a detector that continues exactly as this one would.
     */
    byte[] encode();
}
