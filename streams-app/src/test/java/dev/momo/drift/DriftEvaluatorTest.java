package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.CheckSettings;
import dev.momo.profile.ChunkReference;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.NumericSummary;
import dev.momo.profile.PValueCorrection;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.profile.ThresholdMode;
import dev.momo.statistics.WeightedSample;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares a hand-built profile with hand-built windows. Expected values come from
 * {@code src/test/python/profile_drift_reference_values.py}, stored in {@code drift/drift_evaluator.json}:
 * {@code scipy.spatial.distance.jensenshannon(base=2)}, {@code scipy.stats.ks_2samp} (default method),
 * {@code scipy.stats.cramervonmises_2samp}, {@code scipy.stats.anderson_ksamp},
 * {@code scipy.stats.wasserstein_distance}, {@code scipy.stats.entropy} (KL),
 * {@code scipy.stats.chi2_contingency(correction=False)}, the pooled two-proportion z-test with
 * {@code scipy.stats.norm.sf}, Hellinger and PSI in NumPy with empty proportions set to 1e-4.
 */
class DriftEvaluatorTest {

    /** Relative tolerance against the SciPy values, as a percentage for AssertJ. */
    private static final double TOLERANCE_PERCENT = 1e-7;

    private static final List<String> ALL_NUMERIC = List.of("jensen_shannon", "hellinger", "psi", "kl_divergence",
            "wasserstein", "wasserstein_normalized", "kolmogorov_smirnov", "cramer_von_mises", "anderson_darling");
    private static final List<String> ALL_CATEGORICAL = List.of("jensen_shannon", "hellinger", "psi", "kl_divergence",
            "l_infinity", "chi2", "z_test");

    private static JsonNode numeric;
    private static JsonNode categorical;
    private static JsonNode binary;

    @BeforeAll
    static void loadExpectedValues() throws IOException {
        try (InputStream in = DriftEvaluatorTest.class.getResourceAsStream("/drift/drift_evaluator.json")) {
            assertThat(in).as("drift/drift_evaluator.json; regenerate it with profile_drift_reference_values.py")
                    .isNotNull();
            final JsonNode root = new ObjectMapper().readTree(in);
            numeric = root.get("numeric");
            categorical = root.get("categorical");
            binary = root.get("binary");
        }
    }

    @Test
    void evaluateNumeric_everyStatisticMatchesScipy() {
        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of()),
                numericWindow(), numericWindowSize(), settings(ALL_NUMERIC)));

        assertClose(results.get(Statistic.JENSEN_SHANNON).value(), numeric.get("jensenShannon"));
        assertClose(results.get(Statistic.HELLINGER).value(), numeric.get("hellinger"));
        assertClose(results.get(Statistic.PSI).value(), numeric.get("psi"));
        assertClose(results.get(Statistic.KL_DIVERGENCE).value(), numeric.get("klDivergence"));
        assertClose(results.get(Statistic.WASSERSTEIN).value(), numeric.get("wasserstein"));
        assertClose(results.get(Statistic.WASSERSTEIN_NORMALIZED).value(), numeric.get("wasserstein_normalized"));
        assertClose(results.get(Statistic.KOLMOGOROV_SMIRNOV).value(), numeric.get("ksStatistic"));
        assertClose(results.get(Statistic.KOLMOGOROV_SMIRNOV).pValue(), numeric.get("ksPValue"));
        assertClose(results.get(Statistic.CRAMER_VON_MISES).value(), numeric.get("cvmStatistic"));
        assertClose(results.get(Statistic.CRAMER_VON_MISES).pValue(), numeric.get("cvmPValue"));
        assertClose(results.get(Statistic.ANDERSON_DARLING).value(), numeric.get("adStatistic"));
        assertClose(results.get(Statistic.ANDERSON_DARLING).pValue(), numeric.get("adPValue"));
        assertClose(results.get(Statistic.OUT_OF_RANGE_SHARE).value(), numeric.get("outOfRangeShare"));
    }

    @Test
    void evaluateNumeric_binsOfTheWindowMatchNumpyWithOuterBins() {
        // Expected: numpy.histogram over the edges plus counts below the first and above the last edge.
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(ALL_NUMERIC), 10_000);
        for (final double value : doubles(numeric.get("windowValues"))) {
            builder.add(Map.of("x", value, "c", "a"), 0);
        }

        assertThat(builder.build().features().get("x").binCounts())
                .containsExactly(doubles(numeric.get("windowBinCounts")));
    }

    @Test
    void evaluateNumeric_withoutWindowBins_binsTheSampleAlike() {
        final FeatureWindow sampleOnly = new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0,
                WeightedSample.of(doubles(numeric.get("windowValues"))), new double[0], Map.of());

        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of()),
                sampleOnly, numericWindowSize(), settings(ALL_NUMERIC)));

        assertClose(results.get(Statistic.JENSEN_SHANNON).value(), numeric.get("jensenShannon"));
        assertClose(results.get(Statistic.OUT_OF_RANGE_SHARE).value(), numeric.get("outOfRangeShare"));
    }

    @Test
    void evaluateNumeric_reportsSampleAndReferenceSize() {
        final List<CheckResult> results = DriftEvaluator.evaluateColumn(numericColumn(Map.of()), numericWindow(),
                numericWindowSize(), settings(ALL_NUMERIC));

        assertThat(results).extracting(CheckResult::sampleSize).containsOnly(numericWindowSize());
        assertThat(results).extracting(CheckResult::referenceSize)
                .containsOnly((long) numeric.get("referenceValues").size());
        assertThat(results).extracting(CheckResult::feature).containsOnly("x");
    }

    @Test
    void evaluateCategorical_everyStatisticMatchesScipy() {
        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(
                categoricalColumn(Map.of()), categoricalWindow(), 20, settings(ALL_CATEGORICAL)));

        assertClose(results.get(Statistic.JENSEN_SHANNON).value(), categorical.get("jensenShannon"));
        assertClose(results.get(Statistic.HELLINGER).value(), categorical.get("hellinger"));
        assertClose(results.get(Statistic.PSI).value(), categorical.get("psi"));
        assertClose(results.get(Statistic.KL_DIVERGENCE).value(), categorical.get("klDivergence"));
        assertClose(results.get(Statistic.L_INFINITY).value(), categorical.get("lInfinity"));
        assertClose(results.get(Statistic.CHI2).value(), categorical.get("chi2Statistic"));
        assertClose(results.get(Statistic.CHI2).pValue(), categorical.get("chi2PValue"));
        assertClose(results.get(Statistic.UNSEEN_SHARE).value(), categorical.get("unseenShare"));
    }

    @Test
    void evaluateCategorical_zTestOnlyForBinaryColumns() {
        final List<CheckResult> threeCategories = DriftEvaluator.evaluateColumn(categoricalColumn(Map.of()),
                categoricalWindow(), 20, settings(ALL_CATEGORICAL));
        final Map<Statistic, CheckResult> binaryResults = byStatistic(DriftEvaluator.evaluateColumn(binaryColumn(),
                binaryWindow(), 40, settings(ALL_CATEGORICAL)));

        assertThat(threeCategories).extracting(CheckResult::statistic).doesNotContain(Statistic.Z_TEST);
        // Reported as |z|: the window's "yes" share rose, so statsmodels' signed z is negative.
        assertThat(binary.get("zStatistic").asDouble()).isNegative();
        assertThat(binaryResults.get(Statistic.Z_TEST).value())
                .isCloseTo(Math.abs(binary.get("zStatistic").asDouble()), withinPercentage(TOLERANCE_PERCENT));
        assertClose(binaryResults.get(Statistic.Z_TEST).pValue(), binary.get("zPValue"));
    }

    @Test
    void evaluateOnlyUnseenCategories_jensenShannonIsOneAndUnseenShareIsOne() {
        // Disjoint distributions are at the maximum Jensen-Shannon distance of 1 (base 2).
        final FeatureWindow window = new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(),
                new double[0], Map.of("z", 4.0));

        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(
                categoricalColumn(Map.of()), window, 4, settings(ALL_CATEGORICAL)));

        assertThat(results.get(Statistic.JENSEN_SHANNON).value()).isEqualTo(1.0);
        assertThat(results.get(Statistic.JENSEN_SHANNON).drifted()).isTrue();
        assertThat(results.get(Statistic.UNSEEN_SHARE).value()).isEqualTo(1.0);
        assertThat(results.get(Statistic.UNSEEN_SHARE).drifted()).isTrue();
    }

    @Test
    void evaluateWithoutThresholds_usesFixedDefaults() {
        final Map<Statistic, CheckResult> numericResults = byStatistic(DriftEvaluator.evaluateColumn(
                numericColumn(Map.of()), numericWindow(), numericWindowSize(), settings(ALL_NUMERIC)));

        assertThat(numericResults.get(Statistic.JENSEN_SHANNON).threshold()).isEqualTo(0.1);
        assertThat(numericResults.get(Statistic.PSI).threshold()).isEqualTo(0.1);
        assertThat(numericResults.get(Statistic.PSI).critical()).isEqualTo(0.25);
        // Every test's fixed default is the p-value level 0.05.
        assertThat(numericResults.get(Statistic.KOLMOGOROV_SMIRNOV).threshold()).isEqualTo(Statistic.DEFAULT_ALPHA);
        assertThat(numericResults.get(Statistic.KOLMOGOROV_SMIRNOV).thresholdSource())
                .isEqualTo(StatisticThreshold.SOURCE_P_VALUE);
        // Wasserstein-1 in the column's units: 0.1 reference standard deviations.
        assertThat(numericResults.get(Statistic.WASSERSTEIN).threshold())
                .isCloseTo(0.1 * numeric.get("referenceStd").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(numericResults.get(Statistic.CRAMER_VON_MISES).thresholdSource())
                .isEqualTo(StatisticThreshold.SOURCE_P_VALUE);
        assertThat(numericResults.get(Statistic.CRAMER_VON_MISES).threshold()).isEqualTo(Statistic.DEFAULT_ALPHA);
        assertThat(numericResults.get(Statistic.JENSEN_SHANNON).thresholdSource())
                .isEqualTo(StatisticThreshold.SOURCE_FIXED);
    }

    @Test
    void evaluatePValueThreshold_driftsWhenPValueIsAtMostAlpha() {
        // The window's mean moved by half a reference standard deviation: SciPy's Cramér-von Mises p is tiny.
        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of()),
                numericWindow(), numericWindowSize(), settings(ALL_NUMERIC)));

        final CheckResult cvm = results.get(Statistic.CRAMER_VON_MISES);
        assertThat(cvm.pValue()).isLessThan(Statistic.DEFAULT_CRITICAL_ALPHA);
        assertThat(cvm.drifted()).isTrue();
        assertThat(cvm.isCritical()).isTrue();
    }

    @Test
    void evaluateProfileThreshold_isUsed() {
        final StatisticThreshold psi = new StatisticThreshold(0.9, Double.NaN, StatisticThreshold.SOURCE_REFERENCE_CHUNKS,
                0.3, 0.2, new double[] {0.1, 0.5});

        final CheckResult result = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of("psi", psi)),
                numericWindow(), numericWindowSize(), settings(ALL_NUMERIC))).get(Statistic.PSI);

        assertThat(result.threshold()).isEqualTo(0.9);
        assertThat(result.thresholdSource()).isEqualTo(StatisticThreshold.SOURCE_REFERENCE_CHUNKS);
        // The PSI of this window (about 0.75) is below 0.9, so the window does not drift on it.
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void evaluateNaNThreshold_usesFixedDefault() {
        final StatisticThreshold psi = new StatisticThreshold(Double.NaN, Double.NaN, StatisticThreshold.SOURCE_FIXED,
                Double.NaN, Double.NaN, new double[] {Double.NaN});

        final CheckResult result = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of("psi", psi)),
                numericWindow(), numericWindowSize(), settings(ALL_NUMERIC))).get(Statistic.PSI);

        assertThat(result.threshold()).isEqualTo(Statistic.PSI.fixedWarning());
        assertThat(result.thresholdSource()).isEqualTo(StatisticThreshold.SOURCE_FIXED);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void evaluateEmptyWindow_isNaNAndNotDrifted() {
        final List<CheckResult> results = DriftEvaluator.evaluate(profile(ALL_NUMERIC), WindowAggregate.empty());

        assertThat(results).hasSize(DriftEvaluator.checksPerWindow(profile(ALL_NUMERIC)));
        assertThat(results).allSatisfy(result -> {
            assertThat(result.value()).as(result.feature() + " " + result.statistic()).isNaN();
            assertThat(result.drifted()).as(result.feature() + " " + result.statistic()).isFalse();
        });
    }

    @Test
    void evaluateAllMissing_distancesAreNaNAndMissingRateIsOne() {
        final FeatureWindow allMissing = new FeatureWindow(ColumnKind.NUMERIC, 7, 0, 0, 0, WeightedSample.empty(),
                new double[0], Map.of());

        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of()),
                allMissing, 7, settings(ALL_NUMERIC)));

        for (final String id : ALL_NUMERIC) {
            assertThat(results.get(Statistic.fromId(id)).value()).as(id).isNaN();
            assertThat(results.get(Statistic.fromId(id)).pValue()).as(id).isNaN();
        }
        assertThat(results.get(Statistic.MISSING_RATE).value()).isEqualTo(1.0);
        assertThat(results.get(Statistic.MISSING_RATE).drifted()).isTrue();
    }

    @Test
    void evaluateDataQuality_countsEachFindingOverTheWindowEvents() {
        // 20 events: 2 missing, 4 absent, 1 text in the numeric column, 3 NaN or infinite, 10 finite values.
        final FeatureWindow window = new FeatureWindow(ColumnKind.NUMERIC, 2, 4, 1, 3,
                WeightedSample.of(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 100}), new double[0], Map.of());

        final Map<Statistic, CheckResult> results = byStatistic(DriftEvaluator.evaluateColumn(numericColumn(Map.of()),
                window, 20, settings(List.of("psi"))));

        assertThat(results.get(Statistic.MISSING_RATE).value()).isEqualTo(0.1);
        assertThat(results.get(Statistic.ABSENT_RATE).value()).isEqualTo(0.2);
        assertThat(results.get(Statistic.TYPE_MISMATCH_RATE).value()).isEqualTo(0.05);
        assertThat(results.get(Statistic.NON_FINITE_RATE).value()).isEqualTo(0.15);
        assertThat(results.get(Statistic.OUT_OF_RANGE_SHARE).value()).as("100 is above the reference maximum")
                .isEqualTo(0.1);
        assertThat(results.values()).filteredOn(r -> r.statistic().family() == Statistic.Family.QUALITY)
                .allSatisfy(r -> assertThat(r.drifted()).as(r.statistic().id()).isTrue());
    }

    @Test
    void evaluateNewFeatures_oneCheckPerFeatureNamedAfterIt() {
        final WindowAggregate window = new WindowAggregate(10, 0, 1, Map.of("x", numericWindow()),
                Map.of("device", 4L));

        final List<CheckResult> newFeatures = DriftEvaluator.evaluate(profile(ALL_NUMERIC), window).stream()
                .filter(r -> r.statistic() == Statistic.NEW_FEATURE).toList();

        assertThat(newFeatures).singleElement().satisfies(result -> {
            assertThat(result.feature()).isEqualTo("device");
            assertThat(result.value()).isEqualTo(0.4);
            assertThat(result.drifted()).isTrue();
        });
    }

    @Test
    void evaluateProfile_returnsColumnsInProfileOrderThenQualityChecks() {
        final WindowAggregate window = new WindowAggregate(80, 0, 1, Map.of("x", numericWindow(), "c", categoricalWindow()));

        final List<CheckResult> results = DriftEvaluator.evaluate(profile(List.of("jensen_shannon", "chi2")), window);

        assertThat(results).extracting(result -> result.feature() + "/" + result.statistic().id()).containsExactly(
                "x/jensen_shannon", "x/missing_rate", "x/absent_rate", "x/type_mismatch_rate", "x/non_finite_rate",
                "x/out_of_range_share",
                "c/jensen_shannon", "c/chi2", "c/missing_rate", "c/absent_rate", "c/non_finite_rate", "c/unseen_share");
    }

    @Test
    void checksPerWindow_equalsResultsOfEveryWindow() {
        final WindowAggregate partial = new WindowAggregate(80, 0, 1, Map.of("x", numericWindow()));

        assertThat(DriftEvaluator.evaluate(profile(ALL_NUMERIC), partial))
                .hasSize(DriftEvaluator.checksPerWindow(profile(ALL_NUMERIC)));
    }

    @Test
    void corrected_bonferroniDividesAlphaByTheNumberOfTests() {
        assertThat(DriftEvaluator.corrected(0.05, new double[] {0.01, 0.02, 0.5, 0.9}, PValueCorrection.BONFERRONI))
                .isEqualTo(0.0125);
    }

    @Test
    void corrected_benjaminiHochbergCutsAtTheLargestPassingRank() {
        // Sorted p: 0.001 <= 1/5*0.05 = 0.01, 0.008 <= 0.02, 0.035 > 0.03, 0.039 <= 0.04, 0.6 > 0.05: the
        // largest passing rank is 4, so every p <= 0.04 is flagged, including 0.035 which failed its own rank.
        final double cutoff = DriftEvaluator.corrected(0.05, new double[] {0.6, 0.035, 0.001, 0.039, 0.008},
                PValueCorrection.BENJAMINI_HOCHBERG);

        assertThat(cutoff).isCloseTo(0.04, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void corrected_benjaminiHochbergWithoutPassingRankFlagsNothing() {
        assertThat(DriftEvaluator.corrected(0.05, new double[] {0.2, 0.3}, PValueCorrection.BENJAMINI_HOCHBERG))
                .isZero();
    }

    @Test
    void evaluate_bonferroniAppliesAcrossTheColumnsOfTheWindow() {
        final ReferenceProfile uncorrected = profile(List.of("kolmogorov_smirnov", "chi2"));
        final ReferenceProfile corrected = profileWithCorrection(List.of("kolmogorov_smirnov", "chi2"),
                PValueCorrection.BONFERRONI);
        final WindowAggregate window = new WindowAggregate(80, 0, 1, Map.of("x", numericWindow(), "c", categoricalWindow()));

        final List<CheckResult> plain = DriftEvaluator.evaluate(uncorrected, window).stream()
                .filter(r -> r.statistic() == Statistic.CHI2).toList();
        final List<CheckResult> adjusted = DriftEvaluator.evaluate(corrected, window).stream()
                .filter(r -> r.statistic() == Statistic.CHI2).toList();

        // Two tests in the window (KS on x, chi-square on c), both on p-value thresholds here.
        assertThat(plain).singleElement().extracting(CheckResult::threshold).isEqualTo(0.05);
        assertThat(adjusted).singleElement().extracting(CheckResult::threshold).isEqualTo(0.025);
    }

    private static Map<Statistic, CheckResult> byStatistic(final List<CheckResult> results) {
        final Map<Statistic, CheckResult> map = new EnumMap<>(Statistic.class);
        results.forEach(result -> map.put(result.statistic(), result));
        return map;
    }

    private static void assertClose(final double actual, final JsonNode expected) {
        assertThat(actual).isCloseTo(expected.asDouble(), withinPercentage(TOLERANCE_PERCENT));
    }

    private static CheckSettings settings(final List<String> statistics) {
        return new CheckSettings(ThresholdMode.FIXED, 3.0, Statistic.DEFAULT_ALPHA, PValueCorrection.NONE, statistics,
                CheckSettings.DEFAULT_EPSILON, ChunkReference.REST);
    }

    private static ReferenceProfile profile(final List<String> statistics) {
        return profileWithCorrection(statistics, PValueCorrection.NONE);
    }

    private static ReferenceProfile profileWithCorrection(final List<String> statistics,
                                                          final PValueCorrection correction) {
        // KS and chi-square on p-value thresholds, so that both take part in the correction.
        final Map<String, StatisticThreshold> pValue = Map.of(
                "kolmogorov_smirnov", new StatisticThreshold(0.05, 0.01, StatisticThreshold.SOURCE_P_VALUE, Double.NaN,
                        Double.NaN, new double[0]),
                "chi2", new StatisticThreshold(0.05, 0.01, StatisticThreshold.SOURCE_P_VALUE, Double.NaN, Double.NaN,
                        new double[0]));
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, "m", "1", Instant.EPOCH, "test", 200, null,
                null, null, null, 5000, 0, List.of(),
                new CheckSettings(ThresholdMode.P_VALUE, 3.0, Statistic.DEFAULT_ALPHA, correction, statistics,
                        CheckSettings.DEFAULT_EPSILON, ChunkReference.REST),
                List.of(numericColumn(pValue), categoricalColumn(pValue)));
    }

    private static ColumnProfile numericColumn(final Map<String, StatisticThreshold> thresholds) {
        final double[] reference = doubles(numeric.get("referenceValues"));
        final WeightedSample sample = WeightedSample.of(reference).combineTies();
        final NumericSummary summary = new NumericSummary(reference[0], reference[reference.length - 1],
                numeric.get("referenceMean").asDouble(), numeric.get("referenceStd").asDouble(), "quantile",
                doubles(numeric.get("binEdges")), doubles(numeric.get("binCounts")), sample.values(), sample.weights(),
                0.0);
        return new ColumnProfile("x", ColumnKind.NUMERIC, ColumnRole.FEATURE, reference.length, 0, summary, null,
                thresholds);
    }

    private static ColumnProfile categoricalColumn(final Map<String, StatisticThreshold> thresholds) {
        final List<String> categories = new ArrayList<>();
        categorical.get("referenceCategories").forEach(category -> categories.add(category.asText()));
        final CategoricalSummary summary = new CategoricalSummary(categories, doubles(categorical.get("referenceCounts")));
        return new ColumnProfile("c", ColumnKind.CATEGORICAL, ColumnRole.FEATURE, 100, 0, null, summary, thresholds);
    }

    private static ColumnProfile binaryColumn() {
        final CategoricalSummary summary = new CategoricalSummary(List.of("yes", "no"),
                doubles(binary.get("referenceCounts")));
        return new ColumnProfile("b", ColumnKind.CATEGORICAL, ColumnRole.FEATURE, 100, 0, null, summary, Map.of());
    }

    private static long numericWindowSize() {
        return numeric.get("windowValues").size();
    }

    private static FeatureWindow numericWindow() {
        return new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0, WeightedSample.of(doubles(numeric.get("windowValues"))),
                doubles(numeric.get("windowBinCounts")), Map.of());
    }

    private static FeatureWindow categoricalWindow() {
        return categories(categorical.get("windowCategories"));
    }

    private static FeatureWindow binaryWindow() {
        return categories(binary.get("windowCategories"));
    }

    private static FeatureWindow categories(final JsonNode node) {
        final Map<String, Double> counts = new TreeMap<>();
        node.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asDouble()));
        return new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(), new double[0], counts);
    }

    private static double[] doubles(final JsonNode array) {
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
