package dev.momo.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Inputs and outputs of one model version on its reference data, with the thresholds that decide
 * when a live window has drifted away from it. Stored as JSON (see {@link ProfileJson}) in
 * files and as the value of the compacted {@code momo.references} topic.
 *
 * @param formatVersion version of this JSON layout, {@value #FORMAT_VERSION} today
 * @param modelId model the profile belongs to
 * @param modelVersion model version the profile belongs to
 * @param createdAt when the profile was built
 * @param source file or stream the reference came from
 * @param rows reference rows read
 * @param timestampColumn event-time column of the reference file, or null
 * @param predictionColumn prediction column, or null
 * @param probabilityColumn predicted-probability column, or null
 * @param labelColumn label column (not monitored for drift), or null
 * @param chunkSize rows per reference chunk used to derive thresholds
 * @param chunkCount full chunks of the reference
 * @param ignoredColumns columns of the reference left out on purpose; events that carry them are not
 *     flagged for new features
 * @param checks which checks run on each window and how they are judged
 * @param columns monitored columns in file order
 * @param detectors streaming change detectors that watch the model's events one by one
 * @param performance realized performance on the reference, or null without a label column
 */
public record ReferenceProfile(
        int formatVersion,
        String modelId,
        String modelVersion,
        Instant createdAt,
        String source,
        long rows,
        String timestampColumn,
        String predictionColumn,
        String probabilityColumn,
        String labelColumn,
        int chunkSize,
        int chunkCount,
        List<String> ignoredColumns,
        CheckSettings checks,
        List<ColumnProfile> columns,
        List<DetectorSpec> detectors,
        PerformanceProfile performance) {

    /**
     * Version 2 added the check settings, the binning rule and exact reference samples; version-1 files
     * still read, with {@link CheckSettings#version1()}.
     */
    public static final int FORMAT_VERSION = 2;

    public ReferenceProfile {
        columns = columns == null ? List.of() : List.copyOf(columns);
        ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
        if (checks == null) {
            checks = CheckSettings.version1();
        }
        detectors = detectors == null ? List.of() : List.copyOf(detectors);
    }

    /** A profile without change detectors. */
    public ReferenceProfile(final int formatVersion, final String modelId, final String modelVersion,
                            final Instant createdAt, final String source, final long rows, final String timestampColumn,
                            final String predictionColumn, final String probabilityColumn, final String labelColumn,
                            final int chunkSize, final int chunkCount, final List<String> ignoredColumns,
                            final CheckSettings checks, final List<ColumnProfile> columns) {
        this(formatVersion, modelId, modelVersion, createdAt, source, rows, timestampColumn, predictionColumn,
                probabilityColumn, labelColumn, chunkSize, chunkCount, ignoredColumns, checks, columns, List.of(), null);
    }

    /**
     * Whether an event may carry this feature without it being new: a monitored column, or a column the
     * reference had but left out (timestamp, label, ignored).
     */
    public boolean knowsFeature(final String name) {
        return name.equals(timestampColumn) || name.equals(labelColumn) || ignoredColumns.contains(name)
                || column(name).isPresent();
    }

    public Optional<ColumnProfile> column(final String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * This profile with other statistics; checks without a threshold in the profile use their fixed
     * defaults.
     */
    public ReferenceProfile withStatistics(final List<String> statistics) {
        return new ReferenceProfile(formatVersion, modelId, modelVersion, createdAt, source, rows,
                timestampColumn, predictionColumn, probabilityColumn, labelColumn, chunkSize, chunkCount,
                ignoredColumns, new CheckSettings(checks.thresholdMode(), checks.stdMultiplier(), checks.alpha(),
                        checks.correction(), statistics, checks.epsilon(), checks.chunkReference()), columns, detectors,
                performance);
    }

    ReferenceProfile withDetectors(final List<DetectorSpec> newDetectors) {
        return new ReferenceProfile(formatVersion, modelId, modelVersion, createdAt, source, rows,
                timestampColumn, predictionColumn, probabilityColumn, labelColumn, chunkSize, chunkCount,
                ignoredColumns, checks, columns, newDetectors, performance);
    }

    ReferenceProfile withColumns(final List<ColumnProfile> newColumns) {
        return new ReferenceProfile(formatVersion, modelId, modelVersion, createdAt, source, rows,
                timestampColumn, predictionColumn, probabilityColumn, labelColumn, chunkSize, chunkCount,
                ignoredColumns, checks, newColumns, detectors, performance);
    }

    ReferenceProfile withPerformance(final PerformanceProfile newPerformance) {
        return new ReferenceProfile(formatVersion, modelId, modelVersion, createdAt, source, rows,
                timestampColumn, predictionColumn, probabilityColumn, labelColumn, chunkSize, chunkCount,
                ignoredColumns, checks, columns, detectors, newPerformance);
    }
}
