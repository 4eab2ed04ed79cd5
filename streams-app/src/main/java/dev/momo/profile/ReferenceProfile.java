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
 * @param thresholdStdMultiplier k in "mean + k standard deviations"
 * @param columns monitored columns in file order
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
        double thresholdStdMultiplier,
        List<ColumnProfile> columns) {

    public static final int FORMAT_VERSION = 1;

    public ReferenceProfile {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public Optional<ColumnProfile> column(final String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    ReferenceProfile withColumns(final List<ColumnProfile> newColumns) {
        return new ReferenceProfile(formatVersion, modelId, modelVersion, createdAt, source, rows,
                timestampColumn, predictionColumn, probabilityColumn, labelColumn, chunkSize, chunkCount,
                thresholdStdMultiplier, newColumns);
    }
}
