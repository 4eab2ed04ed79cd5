package dev.momo.detectors;

/** Conclusion of a change detector after its latest value. */
public enum DetectorState {
    /** No evidence of change. */
    NONE,
    /** The statistic passed the warning level but not the drift level; only DDM, EDDM and HDDM have one. */
    WARNING,
    /** A change was detected at this value. The detector discards the old data at its next update. */
    DRIFT
}
