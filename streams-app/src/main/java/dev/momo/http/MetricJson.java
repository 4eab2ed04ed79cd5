package dev.momo.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.drift.Statistic;
import dev.momo.profile.PerformanceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.topology.DetectorProcessor;
import dev.momo.topology.MetricView;
import dev.momo.schema.DistributionBin;
import dev.momo.schema.DriftMetric;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * JSON of drift metrics for the model routes. A point is one record of one check: window, value, levels and
 * verdict. Numbers that are NaN or infinite, and absent ones, are JSON null; times are ISO-8601 UTC.
 */
final class MetricJson {

    /** Subject of the data-set drift share. */
    static final String DATASET = "dataset";
    /** Subject of the performance metrics. */
    static final String PERFORMANCE = "performance";
    /** Score of a check whose p-value is 0 or whose value is far past its level: a cap that still sorts first. */
    static final double MAX_SCORE = 1e6;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double SMALLEST_P_VALUE = 1e-300;

    /** Oldest window first: by window end (or computation time), then partition. */
    static final Comparator<DriftMetric> OLDEST_FIRST = Comparator.comparingLong(MetricView::time)
            .thenComparingLong(metric -> metric.getWindowIndex())
            .thenComparingInt(metric -> metric.getInputPartition() == null ? -1 : metric.getInputPartition());

    private MetricJson() {
    }

    /** Returns one record as a point. */
    static ObjectNode point(final DriftMetric metric) {
        final ObjectNode node = NODES.objectNode();
        node.put("windowIndex", metric.getWindowIndex());
        putTime(node, "windowStart", metric.getWindowStart());
        putTime(node, "windowEnd", metric.getWindowEnd());
        putPartition(node, metric.getInputPartition());
        putNumber(node, "value", metric.getValue());
        putNumber(node, "threshold", metric.getThreshold());
        putNumber(node, "criticalThreshold", metric.getCriticalThreshold());
        putNumber(node, "pValue", metric.getPValue());
        putNumber(node, "referenceValue", metric.getReferenceValue());
        node.put("drifted", metric.getDrifted());
        node.put("sampleSize", metric.getSampleSize());
        putTime(node, "computedAt", metric.getComputedAt());
        return node;
    }

    /** Returns the latest record of a check as a point with its statistic, family and threshold source. */
    static ObjectNode check(final DriftMetric metric) {
        final ObjectNode node = NODES.objectNode();
        node.put("statistic", metric.getStatistic());
        node.put("family", family(metric));
        node.put("thresholdSource", metric.getThresholdSource());
        putNumber(node, "score", score(metric));
        node.setAll(point(metric));
        return node;
    }

    /** Returns the points of records, oldest first. */
    static ArrayNode points(final List<DriftMetric> records) {
        final ArrayNode points = NODES.arrayNode();
        records.stream().sorted(OLDEST_FIRST).forEach(metric -> points.add(point(metric)));
        return points;
    }

    /** Returns a record's distribution as {@code {windowIndex, windowEnd, inputPartition, bins}}. */
    static ObjectNode distribution(final DriftMetric metric) {
        final ObjectNode node = NODES.objectNode();
        node.put("windowIndex", metric.getWindowIndex());
        putTime(node, "windowEnd", metric.getWindowEnd());
        putTime(node, "computedAt", metric.getComputedAt());
        putPartition(node, metric.getInputPartition());
        final ArrayNode bins = node.putArray("bins");
        for (final DistributionBin bin : metric.getDistribution()) {
            final ObjectNode binNode = bins.addObject();
            binNode.put("label", bin.getLabel());
            putNumber(binNode, "reference", bin.getReferenceShare());
            putNumber(binNode, "current", bin.getCurrentShare());
        }
        return node;
    }

    /**
     * The family of a check: {@code distance}, {@code test} or {@code quality} for the statistics of
     * {@link Statistic}, {@code detector} for streaming detectors, {@code performance}, {@code dataset}, or
     * {@code other} for a statistic this version does not know.
     */
    static String family(final DriftMetric metric) {
        if (DetectorProcessor.THRESHOLD_SOURCE.equals(metric.getThresholdSource())) {
            return "detector";
        }
        if (PERFORMANCE.equals(metric.getFeature())) {
            return PERFORMANCE;
        }
        if (DATASET.equals(metric.getFeature())) {
            return DATASET;
        }
        try {
            return Statistic.fromId(metric.getStatistic()).family().name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "other";
        }
    }

    /**
     * How far a check is past its warning level, 1 at the level: value over threshold; threshold over
     * value for metrics that drift downwards ({@code reference_chunks_lower}); significance level over
     * p-value for tests ({@code p_value}), so that a p-value a tenth of the level scores 10. NaN for
     * detectors, whose value is an estimate rather than a distance, and for checks without a usable value.
     * Capped at {@value #MAX_SCORE}.
     */
    static double score(final DriftMetric metric) {
        final String source = metric.getThresholdSource();
        final double value = metric.getValue();
        final double threshold = metric.getThreshold();
        final double score;
        if (DetectorProcessor.THRESHOLD_SOURCE.equals(source)) {
            return Double.NaN;
        } else if (StatisticThreshold.SOURCE_P_VALUE.equals(source)) {
            final Double p = metric.getPValue();
            score = p == null || Double.isNaN(p) ? Double.NaN : threshold / Math.max(p, SMALLEST_P_VALUE);
        } else if (PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER.equals(source)) {
            score = value > 0 ? threshold / value : (value == 0 && threshold > 0 ? MAX_SCORE : Double.NaN);
        } else {
            score = threshold > 0 ? value / threshold : (value > 0 && threshold == 0 ? MAX_SCORE : Double.NaN);
        }
        return Double.isNaN(score) ? score : Math.min(score, MAX_SCORE);
    }

    private static void putPartition(final ObjectNode node, final Integer partition) {
        if (partition == null) {
            node.putNull("inputPartition");
        } else {
            node.put("inputPartition", partition);
        }
    }

    static void putNumber(final ObjectNode node, final String name, final Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    static void putTime(final ObjectNode node, final String name, final Instant value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value.toString());
        }
    }

    static void putTime(final ObjectNode node, final String name, final Long epochMillis) {
        putTime(node, name, epochMillis == null ? null : Instant.ofEpochMilli(epochMillis));
    }

}
