package dev.momo.profile;

import dev.momo.drift.Statistic;
import dev.momo.statistics.BinningRule;
import java.util.List;
import java.util.Map;
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
 * @param bins bins of numeric columns for the rules that take a count (quantile, equal width)
 * @param samplePoints distinct points kept of each numeric reference sample for the two-sample
 *     statistics; the sample is exact up to this many distinct values
 * @param thresholdStdMultiplier k in "threshold = mean + k standard deviations over chunks"
 * @param binning binning rule of numeric columns
 * @param columnBinning binning rule of single columns, overriding {@code binning}
 * @param thresholdMode how distance and test thresholds are set
 * @param alpha significance level of p-value thresholds
 * @param correction multiple-testing correction of p-value thresholds
 * @param statistics ids of the distances and tests to run, or null for the size-aware default
 *     ({@link CheckSettings#defaultStatistics})
 * @param epsilon replacement proportion of empty bins in PSI and KL divergence
 * @param chunkReference what each reference chunk is compared with
 * @param detectors change detectors, or null for the default: ADWIN on the probability column, else on
 *     a numeric prediction column, else none
 * @param classProbabilities probability column of each class of a multiclass model, by class name, in
 *     class order; empty for a binary model (which names {@code probabilityColumn}) or a regression model
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
        double thresholdStdMultiplier,
        BinningRule binning,
        Map<String, BinningRule> columnBinning,
        ThresholdMode thresholdMode,
        double alpha,
        PValueCorrection correction,
        List<String> statistics,
        double epsilon,
        ChunkReference chunkReference,
        List<DetectorSpec> detectors,
        Map<String, String> classProbabilities) {

    public static final int DEFAULT_CHUNK_SIZE = 5000;
    public static final int DEFAULT_BINS = 10;
    /**
     * Exact reference samples up to 50,000 distinct values. A profile stores each as a JSON number of up
     * to about 20 characters, so a column costs up to about 1 MB, within the 16 MiB records that the
     * references topic accepts.
     */
    public static final int DEFAULT_SAMPLE_POINTS = 50_000;
    public static final double DEFAULT_THRESHOLD_STD_MULTIPLIER = CheckSettings.DEFAULT_STD_MULTIPLIER;

    /** Options with the given roles and sizes and the default binning and checks. */
    public ProfileOptions(final String modelId, final String modelVersion, final String timestampColumn,
                          final String predictionColumn, final String probabilityColumn, final String labelColumn,
                          final Set<String> categoricalColumns, final Set<String> numericColumns,
                          final Set<String> ignoredColumns, final int chunkSize, final int bins,
                          final int samplePoints, final double thresholdStdMultiplier) {
        this(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn, labelColumn,
                categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, BinningRule.QUANTILE, Map.of(), ThresholdMode.FIXED,
                Statistic.DEFAULT_ALPHA, PValueCorrection.NONE, null, CheckSettings.DEFAULT_EPSILON,
                ChunkReference.REST, null, Map.of());
    }

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
        if (binning == null) {
            binning = BinningRule.QUANTILE;
        }
        if (thresholdMode == null) {
            thresholdMode = ThresholdMode.FIXED;
        }
        if (correction == null) {
            correction = PValueCorrection.NONE;
        }
        if (chunkReference == null) {
            chunkReference = ChunkReference.REST;
        }
        columnBinning = Map.copyOf(columnBinning == null ? Map.of() : columnBinning);
        statistics = statistics == null ? null : List.copyOf(statistics);
        detectors = detectors == null ? null : List.copyOf(detectors);
        classProbabilities = classProbabilities == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classProbabilities));
        if (!classProbabilities.isEmpty() && probabilityColumn != null) {
            throw new IllegalArgumentException("give either one probability column (" + probabilityColumn
                    + ") or one per class (" + classProbabilities + "), not both");
        }
        // Validates alpha, epsilon and the statistic ids once, with the messages of CheckSettings.
        new CheckSettings(thresholdMode, thresholdStdMultiplier, alpha, correction,
                statistics == null ? List.of() : statistics, epsilon, chunkReference);
    }

    /** Returns the check settings that a profile built with these options records. */
    CheckSettings checks(final int windowSize) {
        return new CheckSettings(thresholdMode, thresholdStdMultiplier, alpha, correction,
                statistics == null ? CheckSettings.defaultStatistics(thresholdMode, windowSize) : statistics,
                epsilon, chunkReference);
    }

    /** Returns the binning rule of a column. */
    public BinningRule binningOf(final String column) {
        return columnBinning.getOrDefault(column, binning);
    }

    /** These options with another binning rule, for all numeric columns and for single ones. */
    public ProfileOptions withBinning(final BinningRule rule, final Map<String, BinningRule> perColumn) {
        return new ProfileOptions(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn,
                labelColumn, categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, rule, perColumn, thresholdMode, alpha, correction, statistics, epsilon,
                chunkReference, detectors, classProbabilities);
    }

    /** These options with other thresholds. */
    public ProfileOptions withThresholds(final ThresholdMode mode, final double newAlpha,
                                         final PValueCorrection newCorrection, final ChunkReference newChunkReference) {
        return new ProfileOptions(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn,
                labelColumn, categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, binning, columnBinning, mode, newAlpha, newCorrection, statistics, epsilon,
                newChunkReference, detectors, classProbabilities);
    }

    /** These options with other statistics (null for the size-aware default) and empty-bin epsilon. */
    public ProfileOptions withStatistics(final List<String> newStatistics, final double newEpsilon) {
        return new ProfileOptions(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn,
                labelColumn, categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, binning, columnBinning, thresholdMode, alpha, correction, newStatistics,
                newEpsilon, chunkReference, detectors, classProbabilities);
    }

    /** These options with other change detectors; an empty list turns the default detector off. */
    public ProfileOptions withDetectors(final List<DetectorSpec> newDetectors) {
        return new ProfileOptions(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn,
                labelColumn, categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, binning, columnBinning, thresholdMode, alpha, correction, statistics, epsilon,
                chunkReference, newDetectors, classProbabilities);
    }

    /** These options with a probability column per class of a multiclass model. */
    public ProfileOptions withClassProbabilities(final Map<String, String> columnsByClass) {
        return new ProfileOptions(modelId, modelVersion, timestampColumn, predictionColumn, probabilityColumn,
                labelColumn, categoricalColumns, numericColumns, ignoredColumns, chunkSize, bins, samplePoints,
                thresholdStdMultiplier, binning, columnBinning, thresholdMode, alpha, correction, statistics, epsilon,
                chunkReference, detectors, columnsByClass);
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
