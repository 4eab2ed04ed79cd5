package dev.momo.profile;

import java.util.Map;
import java.util.Set;

/**
 * Consistency checks of a profile read from JSON, which a person may have edited: every array the
 * statistics index must fit the others, counts must be finite and non-negative, edges increasing, and
 * detectors must watch signals the columns carry. A profile that fails is rejected when it is read,
 * instead of failing the stream thread on every window.
 */
final class ProfileChecks {

    private static final Set<String> SOURCES = Set.of(StatisticThreshold.SOURCE_REFERENCE_CHUNKS,
            StatisticThreshold.SOURCE_FIXED, StatisticThreshold.SOURCE_P_VALUE,
            PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER);

    private ProfileChecks() {
    }

    /** @throws IllegalArgumentException naming the column, the field and the bad value */
    static void check(final ReferenceProfile profile) {
        if (profile.chunkSize() < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + profile.chunkSize());
        }
        for (final ColumnProfile column : profile.columns()) {
            final String where = "column '" + column.name() + "'";
            if (column.kind() == ColumnKind.NUMERIC) {
                numeric(where, column.numeric());
            } else {
                counts(where + " counts", column.categorical().counts());
            }
            thresholds(where, column.thresholds());
        }
        for (final DetectorSpec detector : profile.detectors()) {
            detector.checkAgainst(profile.columns());
        }
        if (profile.performance() != null) {
            thresholds("performance", profile.performance().thresholds());
            thresholds("performance", profile.performance().estimatedThresholds());
        }
    }

    private static void numeric(final String where, final NumericSummary summary) {
        final double[] edges = summary.binEdges();
        if (edges == null || edges.length < 2) {
            throw new IllegalArgumentException(where + " binEdges must hold at least 2 edges");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException(where + " binEdges must be finite and strictly increasing, but"
                        + " binEdges[" + i + "] is " + edges[i]);
            }
        }
        if (summary.binCounts() == null || summary.binCounts().length != edges.length + 1) {
            throw new IllegalArgumentException(where + " binCounts must hold " + (edges.length + 1)
                    + " counts (one per bin plus underflow and overflow), got "
                    + (summary.binCounts() == null ? 0 : summary.binCounts().length));
        }
        counts(where + " binCounts", summary.binCounts());
        if (summary.sampleValues() == null || summary.sampleWeights() == null) {
            throw new IllegalArgumentException(where + " has no reference sample");
        }
        // The sample's own checks: same lengths, sorted values, positive weights, bound in [0, 1].
        summary.sample();
        if (!(summary.std() >= 0) || !(summary.min() <= summary.max())) {
            throw new IllegalArgumentException(where + " has min " + summary.min() + ", max " + summary.max()
                    + " and std " + summary.std());
        }
    }

    private static void counts(final String where, final double[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (!(counts[i] >= 0) || Double.isInfinite(counts[i])) {
                throw new IllegalArgumentException(where + "[" + i + "] must be a finite count >= 0, got " + counts[i]);
            }
        }
    }

    private static void thresholds(final String where, final Map<String, StatisticThreshold> thresholds) {
        thresholds.forEach((statistic, threshold) -> {
            if (!SOURCES.contains(threshold.source())) {
                throw new IllegalArgumentException(where + " threshold of " + statistic + " has source '"
                        + threshold.source() + "'; valid sources are " + SOURCES);
            }
            if (Double.isInfinite(threshold.threshold())) {
                throw new IllegalArgumentException(where + " threshold of " + statistic + " must be finite, got "
                        + threshold.threshold());
            }
        });
    }
}
