package dev.momo.load.statistics;

import dev.momo.statistics.AndersonDarling;
import dev.momo.statistics.Binning;
import dev.momo.statistics.BinningRule;
import dev.momo.statistics.ChiSquareTest;
import dev.momo.statistics.CramerVonMises;
import dev.momo.statistics.Divergences;
import dev.momo.statistics.KolmogorovSmirnov;
import dev.momo.statistics.ProportionsZTest;
import dev.momo.statistics.Wasserstein;
import dev.momo.statistics.WeightedSample;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of each drift statistic on one window of 10,000 values against a reference of 50,000, the sizes
 * issue 3 names. The state is what a closed window holds: exact counts over the reference bins, an exact
 * sample of the window, and the profile's exact reference sample, so each benchmark times the statistic
 * itself. The window is shifted by 0.1 reference standard deviations, a small drift that keeps the
 * two-sample statistics away from their trivial cases.
 *
 * <p>Run with {@code load-tests/run-statistics}; results are in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatisticsBenchmark {

    static final int WINDOW = 10_000;
    static final int REFERENCE = 50_000;
    static final int CATEGORIES = 20;

    private double[] windowValues;
    private double[] edges;
    private double[] referenceCounts;
    private double[] windowCounts;
    private WeightedSample referenceSample;
    private WeightedSample windowSample;
    private double[] referenceCategories;
    private double[] windowCategories;

    @Setup
    public void setUp() {
        final SplittableRandom random = new SplittableRandom(42);
        final double[] reference = new double[REFERENCE];
        for (int i = 0; i < REFERENCE; i++) {
            reference[i] = gaussian(random);
        }
        windowValues = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            windowValues[i] = gaussian(random) + 0.1;
        }
        edges = BinningRule.QUANTILE.edges(reference, 10, false);
        referenceCounts = Binning.histogram(edges, reference);
        windowCounts = Binning.histogram(edges, windowValues);
        referenceSample = WeightedSample.of(reference);
        windowSample = WeightedSample.of(windowValues);

        referenceCategories = new double[CATEGORIES];
        windowCategories = new double[CATEGORIES];
        for (int i = 0; i < REFERENCE; i++) {
            referenceCategories[random.nextInt(CATEGORIES)]++;
        }
        for (int i = 0; i < WINDOW; i++) {
            windowCategories[Math.min(CATEGORIES - 1, random.nextInt(CATEGORIES + 1))]++;
        }
    }

    /** Marsaglia's polar method: a standard normal value from the seeded generator. */
    private static double gaussian(final SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    @Benchmark
    public double[] binWindowOverReferenceEdges() {
        return Binning.histogram(edges, windowValues);
    }

    @Benchmark
    public WeightedSample sortWindowSample() {
        return WeightedSample.of(windowValues);
    }

    @Benchmark
    public double[] doaneEdgesOfReference() {
        return BinningRule.DOANE.edges(referenceSample.values(), 10, false);
    }

    @Benchmark
    public double jensenShannon() {
        return Divergences.jensenShannonDistance(referenceCounts, windowCounts);
    }

    @Benchmark
    public double hellinger() {
        return Divergences.hellingerDistance(referenceCounts, windowCounts);
    }

    @Benchmark
    public double psi() {
        return Divergences.populationStabilityIndex(referenceCounts, windowCounts, Divergences.DEFAULT_PSI_EPSILON);
    }

    @Benchmark
    public double klDivergence() {
        return Divergences.klDivergence(referenceCounts, windowCounts, Divergences.DEFAULT_PSI_EPSILON);
    }

    @Benchmark
    public double wasserstein() {
        return Wasserstein.distance(referenceSample, windowSample);
    }

    @Benchmark
    public KolmogorovSmirnov.Result kolmogorovSmirnov() {
        return KolmogorovSmirnov.twoSample(referenceSample, windowSample);
    }

    @Benchmark
    public CramerVonMises.Result cramerVonMises() {
        return CramerVonMises.twoSample(referenceSample, windowSample);
    }

    @Benchmark
    public AndersonDarling.Result andersonDarling() {
        return AndersonDarling.kSample(List.of(referenceSample, windowSample));
    }

    @Benchmark
    public ChiSquareTest.Result chiSquare() {
        return ChiSquareTest.homogeneity(referenceCategories, windowCategories);
    }

    @Benchmark
    public double lInfinity() {
        return Divergences.lInfinity(referenceCategories, windowCategories);
    }

    @Benchmark
    public ProportionsZTest.Result zTest() {
        return ProportionsZTest.twoSided(referenceCategories[0], REFERENCE, windowCategories[0], WINDOW);
    }
}
