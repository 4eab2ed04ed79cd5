package dev.momo.drift;

/**
 * Marks, in a row of monitored values, a column that the event does not carry at all, as opposed to a
 * null value of a column it carries. The two feed different checks: {@code absent_rate} tells that a
 * producer stopped sending a feature, {@code missing_rate} that its values went missing.
 */
public enum AbsentValue {
    INSTANCE
}
