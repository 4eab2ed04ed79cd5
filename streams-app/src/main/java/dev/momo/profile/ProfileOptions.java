package dev.momo.profile;

import java.util.Set;

/**
 * Settings of {@link ProfileBuilder}, validated at construction.
 *
 * @param modelId model the profile belongs to
 * @param modelVersion model version the profile belongs to
 * @param timestampColumn event-time column, or null
 * @param predictionColumn prediction column, or null
 * @param probabilityColumn predicted-probability column, or null
 * @param labelColumn label column, or null; never monitored for drift
 * @param categoricalColumns columns read as categorical whatever their values
 * @param numericColumns columns read as numeric whatever their values
 * @param ignoredColumns columns not monitored at all (ids, free text)
 * @param chunkSize rows per reference chunk for the thresholds; use the live window size
 * @param bins quantile bins of numeric columns
 * @param samplePoints points kept of each numeric reference sample for Kolmogorov-Smirnov
 * @param thresholdStdMultiplier k in "threshold = mean + k standard deviations over chunks"
 */
public record ProfileOptions(
        String modelId,
        String modelVersion,
        String timestampColumn,
        String predictionColumn,
        String probabilityColumn,
        String labelColumn,
        Set<String> categoricalColumns,
        Set<String> numericColumns,
        Set<String> ignoredColumns,
        int chunkSize,
        int bins,
        int samplePoints,
        double thresholdStdMultiplier) {

    public static final int DEFAULT_CHUNK_SIZE = 5000;
    public static final int DEFAULT_BINS = 10;
    public static final int DEFAULT_SAMPLE_POINTS = 2000;
    public static final double DEFAULT_THRESHOLD_STD_MULTIPLIER = 3.0;

    public ProfileOptions {
        requireText(modelId, "model id");
        requireText(modelVersion, "model version");
        categoricalColumns = Set.copyOf(categoricalColumns);
        numericColumns = Set.copyOf(numericColumns);
        ignoredColumns = Set.copyOf(ignoredColumns);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 row, got " + chunkSize);
        }
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("bins must be between 1 and 1000, got " + bins);
        }
        if (samplePoints < 10) {
            throw new IllegalArgumentException("sample points must be >= 10, got " + samplePoints);
        }
        if (!(thresholdStdMultiplier >= 0) || Double.isInfinite(thresholdStdMultiplier)) {
            throw new IllegalArgumentException("threshold standard-deviation multiplier must be a finite number >= 0, got "
                    + thresholdStdMultiplier);
        }
        for (final String column : categoricalColumns) {
            if (numericColumns.contains(column)) {
                throw new IllegalArgumentException("column '" + column + "' is named both categorical and numeric; name it once");
            }
        }
    }

    /** Options with every default and no column roles. */
    public static ProfileOptions defaults(final String modelId, final String modelVersion) {
        return new ProfileOptions(modelId, modelVersion, null, null, null, null, Set.of(), Set.of(), Set.of(),
                DEFAULT_CHUNK_SIZE, DEFAULT_BINS, DEFAULT_SAMPLE_POINTS, DEFAULT_THRESHOLD_STD_MULTIPLIER);
    }

    private static void requireText(final String value, final String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing; it must be a non-empty text");
        }
    }
}
