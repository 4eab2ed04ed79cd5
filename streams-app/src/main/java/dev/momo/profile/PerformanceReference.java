package dev.momo.profile;

import dev.momo.performance.CalibrationMode;
import dev.momo.performance.CbpeEstimator;
import dev.momo.performance.CbpeFit;
import dev.momo.performance.CbpeModel;
import dev.momo.performance.ClassLabels;
import dev.momo.performance.ClassificationWindow;
import dev.momo.performance.ClassifierColumns;
import dev.momo.performance.MetricNames;
import dev.momo.performance.PerformanceMetrics;
import dev.momo.performance.PerformanceTables;
import dev.momo.statistics.Moments;
import dev.momo.table.CsvTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PerformanceProfile} of a reference table that names a label and a prediction column:
 * every realized metric on every reference chunk, and a threshold per metric below (for metrics that
 * get worse downwards) or above the chunk values' mean, at the edge of a prediction interval for one
 * more chunk (see {@link #threshold}). A
 * numeric prediction column makes a regression model; anything else a classifier, whose probability
 * column counts only for a binary model, and a multiclass model names one probability column per class.
 * A classifier with probabilities also gets NannyML's CBPE fitted on the whole reference (one-vs-rest
 * for multiclass), and thresholds for its estimates from the reference chunks.
 */
final class PerformanceReference {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceReference.class);

    private static final java.util.Set<String> COUNTS = java.util.Set.of(MetricNames.TRUE_POSITIVE,
            MetricNames.FALSE_POSITIVE, MetricNames.TRUE_NEGATIVE, MetricNames.FALSE_NEGATIVE);

    private PerformanceReference() {
    }

    /** The performance profile, or null when the options name no label or no prediction column. */
    static PerformanceProfile build(final CsvTable table, final ProfileOptions options,
                                    final List<ColumnProfile> columns, final double stdMultiplier) {
        if (options.labelColumn() == null || options.predictionColumn() == null) {
            return null;
        }
        try {
            return buildOrThrow(table, options, columns, stdMultiplier);
        } catch (IllegalArgumentException e) {
            LOG.warn("No reference performance for model {}: {}", options.modelId(), e.getMessage());
            return null;
        }
    }

    private static PerformanceProfile buildOrThrow(final CsvTable table, final ProfileOptions options,
                                                   final List<ColumnProfile> columns, final double stdMultiplier) {
        final ColumnProfile prediction = columns.stream().filter(c -> c.name().equals(options.predictionColumn()))
                .findFirst().orElse(null);
        final Map<String, double[]> byChunk;
        final String task;
        final List<String> classes;
        String probability = null;
        if (prediction != null && prediction.kind() == ColumnKind.NUMERIC) {
            task = PerformanceProfile.REGRESSION;
            classes = List.of();
            byChunk = PerformanceTables.regressionMetricsByChunk(table, options.labelColumn(),
                    options.predictionColumn(), options.chunkSize());
        } else {
            task = PerformanceProfile.CLASSIFICATION;
            final ClassLabels labels = PerformanceTables.classesOf(table, options.classProbabilities().isEmpty()
                    ? ClassifierColumns.binary(options.labelColumn(), options.predictionColumn(), null)
                    : ClassifierColumns.perClass(options.labelColumn(), options.predictionColumn(),
                            options.classProbabilities()));
            if (labels.isBinary() && options.probabilityColumn() != null) {
                probability = options.probabilityColumn();
            }
            classes = labels.names();
            byChunk = PerformanceTables.classificationMetricsByChunk(table, classifier(options, probability), labels,
                    options.chunkSize());
        }
        final Map<String, StatisticThreshold> thresholds = new LinkedHashMap<>();
        byChunk.forEach((metric, values) -> thresholds.put(metric, threshold(metric, values, stdMultiplier)));
        CbpeModel cbpe = null;
        final Map<String, StatisticThreshold> estimated = new LinkedHashMap<>();
        if (probability != null || !options.classProbabilities().isEmpty()) {
            final ClassifierColumns classifier = classifier(options, probability);
            final ClassLabels labels = ClassLabels.of(classes);
            cbpe = CbpeFit.fit(PerformanceTables.classificationChunks(table, classifier, labels, table.rowCount(),
                    ClassificationWindow.DEFAULT_MAX_ROWS).windows().get(0), CalibrationMode.AUTO);
            final CbpeEstimator estimator = new CbpeEstimator(cbpe);
            final List<PerformanceMetrics> chunks = new ArrayList<>();
            for (final ClassificationWindow chunk : PerformanceTables.classificationChunks(table, classifier, labels,
                    options.chunkSize(), ClassificationWindow.DEFAULT_MAX_ROWS).windows()) {
                chunks.add(estimator.estimate(chunk));
            }
            PerformanceTables.valuesByMetric(chunks).forEach((metric, values) ->
                    estimated.put(metric, threshold(metric, values, stdMultiplier)));
        }
        LOG.info("Reference performance of model {}: {} with {} metrics and {} estimated ones over {} chunks",
                options.modelId(), task, thresholds.size(), estimated.size(), table.rowCount() / options.chunkSize());
        return new PerformanceProfile(task, classes, probability, options.classProbabilities(), thresholds, cbpe,
                estimated);
    }

    private static ClassifierColumns classifier(final ProfileOptions options, final String probability) {
        return options.classProbabilities().isEmpty()
                ? ClassifierColumns.binary(options.labelColumn(), options.predictionColumn(), probability)
                : ClassifierColumns.perClass(options.labelColumn(), options.predictionColumn(),
                        options.classProbabilities());
    }

    /**
     * The threshold of a metric from its chunk values: a one-sided prediction interval for the metric on
     * one more chunk, {@code mean ∓ t · s · sqrt(1 + 1/N)}, where N is the number of chunk values, s their
     * sample standard deviation and t the Student-t quantile with N - 1 degrees of freedom at the normal
     * coverage of k standard deviations ({@code Φ(k)}, 0.99865 for k = 3). NannyML puts the threshold at
     * {@code mean ∓ k σ} with the population σ. With many chunks the two agree; with few, σ underestimates
     * the spread of the next chunk and NannyML's threshold alarms on ordinary chunks: on the first half of
     * the car-loan reference (5 chunks) log loss ranges 0.26 to 0.29, and the next 5 chunks reach 0.34.
     * For 10 chunks the margin is 1.5 times 3σ, for 5 chunks 2.7 times, for 50 chunks 1.07 times. The critical
     * level is twice as far from the mean.
     */
    private static StatisticThreshold threshold(final String metric, final double[] chunkValues, final double k) {
        final double[] finite = Arrays.stream(chunkValues).filter(Double::isFinite).toArray();
        // Confusion-matrix counts grow with the window and move either way without harm: reported, never judged.
        if (finite.length < 2 || COUNTS.contains(MetricNames.realized(metric))) {
            return new StatisticThreshold(Double.NaN, Double.NaN, StatisticThreshold.SOURCE_REFERENCE_CHUNKS, Double.NaN,
                    Double.NaN, chunkValues);
        }
        final double mean = Moments.mean(finite);
        final double std = Moments.populationStd(finite);
        final double margin = predictionMargin(finite.length, std, k);
        if (MetricNames.lowerIsWorse(metric)) {
            return new StatisticThreshold(mean - margin, mean - 2 * margin,
                    PerformanceProfile.SOURCE_REFERENCE_CHUNKS_LOWER, mean, std, chunkValues);
        }
        return new StatisticThreshold(mean + margin, mean + 2 * margin, StatisticThreshold.SOURCE_REFERENCE_CHUNKS,
                mean, std, chunkValues);
    }

    /**
     * Half-width of the one-sided prediction interval for one more chunk value, from N values with
     * population standard deviation {@code populationStd}.
     */
    static double predictionMargin(final int n, final double populationStd, final double k) {
        final double sampleStd = populationStd * Math.sqrt((double) n / (n - 1));
        final double t = new TDistribution(n - 1).inverseCumulativeProbability(
                new NormalDistribution().cumulativeProbability(k));
        return t * sampleStd * Math.sqrt(1 + 1.0 / n);
    }
}
