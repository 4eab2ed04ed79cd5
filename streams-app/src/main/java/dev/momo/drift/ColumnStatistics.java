package dev.momo.drift;

import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.NumericSummary;
import dev.momo.statistics.AndersonDarling;
import dev.momo.statistics.Binning;
import dev.momo.statistics.ChiSquareTest;
import dev.momo.statistics.CramerVonMises;
import dev.momo.statistics.Divergences;
import dev.momo.statistics.KolmogorovSmirnov;
import dev.momo.statistics.ProportionsZTest;
import dev.momo.statistics.Wasserstein;
import dev.momo.statistics.WeightedSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures one column of one window against its reference: the chosen distances and tests, then the
 * data-quality shares. Thresholds and decisions are the {@link DriftEvaluator}'s job.
 *
 * <p>What each statistic reads, and the error that implies:
 * <ul>
 *   <li>Binned statistics (Jensen-Shannon, Hellinger, PSI, KL divergence) and the out-of-range share
 *       read the window's counts over the reference bins. The builder counts every value, so they are
 *       exact for any window size.
 *   <li>Sample statistics (Kolmogorov-Smirnov, Wasserstein, Cramér-von Mises, Anderson-Darling) read the
 *       window sample and the profile's reference sample. Both are exact up to their point caps (10,000
 *       distinct window values, 50,000 distinct reference values by default). Beyond, each sample's CDF
 *       is within its {@link WeightedSample#cdfErrorBound()} of the exact one, which moves KS D by at
 *       most the sum of the two bounds and Wasserstein-1 by at most that sum times the value range.
 *   <li>Categorical statistics read exact category counts. The window's categories that the reference
 *       lacks are added with reference count 0.
 * </ul>
 */
final class ColumnStatistics {

    /** One measured check: the value, its p-value (NaN where none) and the values it was computed on. */
    record Measurement(Statistic statistic, double value, double pValue, long sampleSize) {
    }

    private ColumnStatistics() {
    }

    /**
     * @param column the reference column
     * @param window the column in the window
     * @param eventCount events in the window, the base of the data-quality rates
     * @param statistics the chosen distances and tests, skipping those that do not apply to the column
     * @param epsilon replacement proportion of empty bins in PSI and KL divergence
     */
    static List<Measurement> measure(final ColumnProfile column, final FeatureWindow window, final long eventCount,
                                     final List<Statistic> statistics, final double epsilon) {
        final List<Measurement> out = new ArrayList<>();
        if (column.kind() == ColumnKind.NUMERIC) {
            numeric(column.numeric(), window, statistics, epsilon, out);
        } else {
            categorical(column.categorical(), window, statistics, epsilon, out);
        }
        quality(column, window, eventCount, out);
        return out;
    }

    private static void numeric(final NumericSummary reference, final FeatureWindow window,
                                final List<Statistic> statistics, final double epsilon, final List<Measurement> out) {
        final WeightedSample sample = window.sample();
        final long size = Math.round(window.sampleSize());
        final boolean empty = sample.size() == 0;
        final double[] referenceCounts = reference.binCounts();
        final double[] windowCounts = empty ? null : binCounts(reference, window);
        WeightedSample referenceSample = null;
        for (final Statistic statistic : statistics) {
            if (!statistic.appliesTo(ColumnKind.NUMERIC)) {
                continue;
            }
            if (empty) {
                out.add(new Measurement(statistic, Double.NaN, Double.NaN, 0));
                continue;
            }
            if (referenceSample == null && needsSample(statistic)) {
                referenceSample = reference.sample();
            }
            out.add(switch (statistic) {
                case JENSEN_SHANNON, HELLINGER, PSI, KL_DIVERGENCE ->
                        distance(statistic, binned(statistic, referenceCounts, windowCounts, epsilon), size);
                case WASSERSTEIN -> distance(statistic, Wasserstein.distance(referenceSample, sample), size);
                case WASSERSTEIN_NORMALIZED -> distance(statistic, reference.std() > 0
                        ? Wasserstein.distance(referenceSample, sample) / reference.std() : Double.NaN, size);
                case KOLMOGOROV_SMIRNOV -> {
                    final KolmogorovSmirnov.Result ks = KolmogorovSmirnov.twoSample(referenceSample, sample);
                    yield new Measurement(statistic, ks.statistic(), ks.pValue(), size);
                }
                case CRAMER_VON_MISES -> {
                    final CramerVonMises.Result cvm = CramerVonMises.twoSample(referenceSample, sample);
                    yield new Measurement(statistic, cvm.statistic(), cvm.pValue(), size);
                }
                case ANDERSON_DARLING -> {
                    final AndersonDarling.Result ad = AndersonDarling.kSample(List.of(referenceSample, sample));
                    yield new Measurement(statistic, ad.statistic(), ad.pValue(), size);
                }
                default -> throw new IllegalStateException("statistic " + statistic.id() + " has no numeric form");
            });
        }
    }

    /** A divergence over bins or categories, the same for numeric and categorical columns. */
    private static double binned(final Statistic statistic, final double[] referenceCounts, final double[] windowCounts,
                                 final double epsilon) {
        return switch (statistic) {
            case JENSEN_SHANNON -> Divergences.jensenShannonDistance(referenceCounts, windowCounts);
            case HELLINGER -> Divergences.hellingerDistance(referenceCounts, windowCounts);
            case PSI -> Divergences.populationStabilityIndex(referenceCounts, windowCounts, epsilon);
            case KL_DIVERGENCE -> Divergences.klDivergence(referenceCounts, windowCounts, epsilon);
            default -> throw new IllegalStateException("statistic " + statistic.id() + " is not a binned divergence");
        };
    }

    private static boolean needsSample(final Statistic statistic) {
        return switch (statistic) {
            case WASSERSTEIN, WASSERSTEIN_NORMALIZED, KOLMOGOROV_SMIRNOV, CRAMER_VON_MISES, ANDERSON_DARLING -> true;
            default -> false;
        };
    }

    /** The window's exact bin counts, or its sample binned when the bins were counted over other edges. */
    static double[] binCounts(final NumericSummary reference, final FeatureWindow window) {
        final double[] edges = reference.binEdges();
        if (window.binCounts().length == edges.length + 1) {
            return window.binCounts();
        }
        final double[] counts = new double[edges.length + 1];
        final double[] values = window.sample().values();
        final double[] weights = window.sample().weights();
        for (int i = 0; i < values.length; i++) {
            counts[Binning.binIndex(edges, values[i])] += weights[i];
        }
        return counts;
    }

    private static void categorical(final CategoricalSummary reference, final FeatureWindow window,
                                    final List<Statistic> statistics, final double epsilon,
                                    final List<Measurement> out) {
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
        final long size = Math.round(window.sampleSize());
        final boolean empty = size == 0;
        final boolean binary = reference.categories().size() == 2;

        for (final Statistic statistic : statistics) {
            if (!statistic.appliesTo(ColumnKind.CATEGORICAL) || statistic == Statistic.Z_TEST && !binary) {
                continue;
            }
            if (empty) {
                out.add(new Measurement(statistic, Double.NaN, Double.NaN, 0));
                continue;
            }
            out.add(switch (statistic) {
                case JENSEN_SHANNON, HELLINGER, PSI, KL_DIVERGENCE ->
                        distance(statistic, binned(statistic, referenceCounts, windowCounts, epsilon), size);
                case L_INFINITY -> distance(statistic, Divergences.lInfinity(referenceCounts, windowCounts), size);
                case CHI2 -> {
                    final ChiSquareTest.Result chi2 = ChiSquareTest.homogeneity(referenceCounts, windowCounts);
                    yield new Measurement(statistic, chi2.statistic(), chi2.pValue(), size);
                }
                case Z_TEST -> {
                    // Share of the first (most frequent) reference category, with unseen categories counted as "other".
                    final ProportionsZTest.Result z = ProportionsZTest.twoSided(
                            referenceCounts[0], sum(reference.counts()), windowCounts[0], size);
                    // |z|, so that a threshold on the statistic catches a rise and a fall of the share alike.
                    yield new Measurement(statistic, Math.abs(z.statistic()), z.pValue(), size);
                }
                default -> throw new IllegalStateException("statistic " + statistic.id() + " has no categorical form");
            });
        }
    }

    private static void quality(final ColumnProfile column, final FeatureWindow window, final long eventCount,
                                final List<Measurement> out) {
        final long size = Math.round(window.sampleSize());
        for (final Statistic statistic : Statistic.quality()) {
            if (!statistic.appliesTo(column.kind())) {
                continue;
            }
            out.add(switch (statistic) {
                case MISSING_RATE -> rate(statistic, window.missing(), eventCount);
                case ABSENT_RATE -> rate(statistic, window.absent(), eventCount);
                case TYPE_MISMATCH_RATE -> rate(statistic, window.typeMismatches(), eventCount);
                case NON_FINITE_RATE -> rate(statistic, window.nonFinite(), eventCount);
                case OUT_OF_RANGE_SHARE -> new Measurement(statistic,
                        size == 0 ? Double.NaN : outOfRange(column.numeric(), window) / size, Double.NaN, size);
                case UNSEEN_SHARE -> new Measurement(statistic,
                        size == 0 ? Double.NaN : unseen(column.categorical(), window) / size, Double.NaN, size);
                default -> throw new IllegalStateException("statistic " + statistic.id() + " is not a column check");
            });
        }
    }

    /** Values below the reference minimum or above its maximum. */
    private static double outOfRange(final NumericSummary reference, final FeatureWindow window) {
        final double[] edges = reference.binEdges();
        final double[] counts = window.binCounts();
        // The outer edges of every binning rule are the reference minimum and maximum.
        if (counts.length == edges.length + 1 && edges[0] == reference.min() && edges[edges.length - 1] == reference.max()) {
            return counts[0] + counts[counts.length - 1];
        }
        double outside = 0;
        final double[] values = window.sample().values();
        final double[] weights = window.sample().weights();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < reference.min() || values[i] > reference.max()) {
                outside += weights[i];
            }
        }
        return outside;
    }

    private static double unseen(final CategoricalSummary reference, final FeatureWindow window) {
        final Set<String> known = new HashSet<>(reference.categories());
        double unseen = 0;
        for (final Map.Entry<String, Double> entry : window.categoryCounts().entrySet()) {
            if (!known.contains(entry.getKey())) {
                unseen += entry.getValue();
            }
        }
        return unseen;
    }

    private static Measurement rate(final Statistic statistic, final long count, final long eventCount) {
        return new Measurement(statistic, eventCount == 0 ? Double.NaN : (double) count / eventCount, Double.NaN,
                eventCount);
    }

    private static Measurement distance(final Statistic statistic, final double value, final long size) {
        return new Measurement(statistic, value, Double.NaN, size);
    }

    private static double sum(final double[] values) {
        double total = 0;
        for (final double value : values) {
            total += value;
        }
        return total;
    }
}
