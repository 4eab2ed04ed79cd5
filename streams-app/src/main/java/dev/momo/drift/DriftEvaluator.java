package dev.momo.drift;

import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.NumericSummary;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.statistics.Binning;
import dev.momo.statistics.ChiSquareTest;
import dev.momo.statistics.Divergences;
import dev.momo.statistics.KolmogorovSmirnov;
import dev.momo.statistics.WeightedSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a closed window with a reference profile: every statistic of {@link Statistic#forKind} for
 * every monitored column, in profile order, so that each window yields the same set of results.
 *
 * <p>Numeric columns are binned over the reference quantile edges with underflow and overflow bins;
 * Kolmogorov-Smirnov compares the window sample with the profile's reference sample. Categorical
 * columns compare the reference categories plus every category the window adds (with reference count
 * 0). Empty bins: Jensen-Shannon needs no epsilon (0 log 0 = 0); PSI replaces a zero proportion by
 * {@link Divergences#DEFAULT_PSI_EPSILON}; chi-square drops categories empty on both sides.
 */
public final class DriftEvaluator {

    /** Significance level behind the default chi-square threshold. */
    public static final double DEFAULT_CHI2_ALPHA = 0.05;

    private DriftEvaluator() {
    }

    public static List<CheckResult> evaluate(final ReferenceProfile profile, final WindowAggregate window) {
        final List<CheckResult> results = new ArrayList<>();
        for (final ColumnProfile column : profile.columns()) {
            final FeatureWindow feature = window.features().get(column.name());
            results.addAll(evaluateColumn(column, feature == null ? emptyWindow(column.kind()) : feature));
        }
        return results;
    }

    /** Number of results that {@link #evaluate} returns for each window of this profile. */
    public static int checksPerWindow(final ReferenceProfile profile) {
        return profile.columns().stream().mapToInt(c -> Statistic.forKind(c.kind()).size()).sum();
    }

    /** Computes the results of one column, in {@link Statistic#forKind} order. */
    public static List<CheckResult> evaluateColumn(final ColumnProfile column, final FeatureWindow window) {
        final Map<Statistic, double[]> valuesAndPValues = column.kind() == ColumnKind.NUMERIC
                ? numericStatistics(column.numeric(), window)
                : categoricalStatistics(column.categorical(), window);
        final long sampleSize = Math.round(window.sampleSize());
        final List<CheckResult> results = new ArrayList<>();
        for (final Map.Entry<Statistic, double[]> entry : valuesAndPValues.entrySet()) {
            final Statistic statistic = entry.getKey();
            final double value = entry.getValue()[0];
            final double pValue = entry.getValue()[1];
            final StatisticThreshold configured = column.thresholds().get(statistic.id());
            final double threshold;
            final String source;
            if (configured != null && Double.isFinite(configured.threshold())) {
                threshold = configured.threshold();
                source = configured.source();
            } else {
                threshold = defaultThreshold(statistic, entry.getValue()[2]);
                source = StatisticThreshold.SOURCE_DEFAULT;
            }
            results.add(new CheckResult(column.name(), statistic, value, threshold, source, pValue,
                    sampleSize, column.count()));
        }
        return results;
    }

    private static double defaultThreshold(final Statistic statistic, final double degreesOfFreedom) {
        if (statistic != Statistic.CHI2) {
            return statistic.defaultThreshold();
        }
        return degreesOfFreedom >= 1
                ? ChiSquareTest.criticalValue((int) degreesOfFreedom, DEFAULT_CHI2_ALPHA)
                : Double.NaN;
    }

    /** Per statistic: {value, p-value, degrees of freedom}; NaN where undefined. */
    private static Map<Statistic, double[]> numericStatistics(final NumericSummary reference, final FeatureWindow window) {
        final Map<Statistic, double[]> out = new LinkedHashMap<>();
        final WeightedSample sample = window.sample();
        if (sample.size() == 0) {
            for (final Statistic statistic : Statistic.forKind(ColumnKind.NUMERIC)) {
                out.put(statistic, new double[] {Double.NaN, Double.NaN, Double.NaN});
            }
            return out;
        }
        final double[] windowCounts = weightedHistogram(reference.binEdges(), sample);
        final double[] referenceCounts = reference.binCounts();
        final WeightedSample referenceSample = WeightedSample.of(reference.sampleValues(), reference.sampleWeights());
        final KolmogorovSmirnov.Result ks = KolmogorovSmirnov.twoSample(referenceSample, sample);

        out.put(Statistic.JENSEN_SHANNON, new double[] {
            Divergences.jensenShannonDistance(referenceCounts, windowCounts), Double.NaN, Double.NaN});
        out.put(Statistic.KOLMOGOROV_SMIRNOV, new double[] {ks.statistic(), ks.pValue(), Double.NaN});
        out.put(Statistic.PSI, new double[] {
            Divergences.populationStabilityIndex(referenceCounts, windowCounts, Divergences.DEFAULT_PSI_EPSILON),
            Double.NaN, Double.NaN});
        return out;
    }

    /** Histogram of a weighted sample over the edges, with underflow and overflow bins. */
    static double[] weightedHistogram(final double[] edges, final WeightedSample sample) {
        final double[] counts = new double[edges.length + 1];
        final double[] values = sample.values();
        final double[] weights = sample.weights();
        for (int i = 0; i < values.length; i++) {
            counts[Binning.binIndex(edges, values[i])] += weights[i];
        }
        return counts;
    }

    private static Map<Statistic, double[]> categoricalStatistics(final CategoricalSummary reference,
                                                                  final FeatureWindow window) {
        final List<String> categories = new ArrayList<>(reference.categories());
        for (final String category : window.categoryCounts().keySet()) {
            if (!categories.contains(category)) {
                categories.add(category);
            }
        }
        final double[] referenceCounts = new double[categories.size()];
        final double[] windowCounts = new double[categories.size()];
        System.arraycopy(reference.counts(), 0, referenceCounts, 0, reference.counts().length);
        for (int i = 0; i < categories.size(); i++) {
            windowCounts[i] = window.categoryCounts().getOrDefault(categories.get(i), 0.0);
        }

        final Map<Statistic, double[]> out = new LinkedHashMap<>();
        final ChiSquareTest.Result chi2 = ChiSquareTest.homogeneity(referenceCounts, windowCounts);
        out.put(Statistic.JENSEN_SHANNON, new double[] {
            Divergences.jensenShannonDistance(referenceCounts, windowCounts), Double.NaN, Double.NaN});
        out.put(Statistic.PSI, new double[] {
            Divergences.populationStabilityIndex(referenceCounts, windowCounts, Divergences.DEFAULT_PSI_EPSILON),
            Double.NaN, Double.NaN});
        out.put(Statistic.CHI2, new double[] {chi2.statistic(), chi2.pValue(), chi2.degreesOfFreedom()});
        return out;
    }

    private static FeatureWindow emptyWindow(final ColumnKind kind) {
        return new FeatureWindow(kind, 0, 0, WeightedSample.empty(), Map.of());
    }
}
