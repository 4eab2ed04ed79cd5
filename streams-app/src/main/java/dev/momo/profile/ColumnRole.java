package dev.momo.profile;

/** Source field of a monitored column in an {@code InferenceEvent}. */
public enum ColumnRole {
    /** An entry of {@code features}. */
    FEATURE,
    /** The {@code prediction} field. */
    PREDICTION,
    /** An entry of {@code probabilities}, keyed by the column name. */
    PROBABILITY
}
