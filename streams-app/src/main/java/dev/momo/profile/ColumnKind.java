package dev.momo.profile;

/** Kind of a column, which decides how its values are compared with the reference. */
public enum ColumnKind {
    /** Real numbers: quantile bins, weighted sample, Jensen-Shannon, Kolmogorov-Smirnov, PSI. */
    NUMERIC,
    /** Labels (strings, booleans, binary numbers): category counts, Jensen-Shannon, PSI, chi-square. */
    CATEGORICAL
}
