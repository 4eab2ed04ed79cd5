package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.NumericSummary;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.StatisticThreshold;
import dev.momo.statistics.WeightedSample;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares a hand-built profile with hand-built windows. Expected values come from
 * {@code src/test/python/profile_drift_reference_values.py}, stored in {@code drift/drift_evaluator.json}:
 * {@code scipy.spatial.distance.jensenshannon(base=2)}, {@code scipy.stats.ks_2samp(method="asymp")},
 * {@code scipy.stats.chi2_contingency(correction=False)}, {@code scipy.stats.chi2.isf(0.05, dof)}, and
 * PSI as {@code sum((a - r) ln(a / r))} in NumPy with empty proportions set to 1e-4.
 */
class DriftEvaluatorTest {

    /** Relative tolerance against the SciPy values, as a percentage for AssertJ. */
    private static final double TOLERANCE_PERCENT = 1e-7;

    private static JsonNode numeric;
    private static JsonNode categorical;

    @BeforeAll
    static void loadExpectedValues() throws IOException {
        try (InputStream in = DriftEvaluatorTest.class.getResourceAsStream("/drift/drift_evaluator.json")) {
            assertThat(in).as("drift/drift_evaluator.json; regenerate it with profile_drift_reference_values.py")
                    .isNotNull();
            final JsonNode root = new ObjectMapper().readTree(in);
            numeric = root.get("numeric");
            categorical = root.get("categorical");
        }
    }

    @Test
    void evaluateNumeric_matchesScipy() {
        final List<CheckResult> results = DriftEvaluator.evaluateColumn(numericColumn(Map.of()), numericWindow());

        assertThat(results).extracting(CheckResult::statistic)
                .containsExactly(Statistic.JENSEN_SHANNON, Statistic.KOLMOGOROV_SMIRNOV, Statistic.PSI);
        assertThat(results.get(0).value()).as("Jensen-Shannon")
                .isCloseTo(numeric.get("jensenShannon").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(1).value()).as("Kolmogorov-Smirnov D")
                .isCloseTo(numeric.get("ksStatistic").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(1).pValue()).as("Kolmogorov-Smirnov p")
                .isCloseTo(numeric.get("ksPValue").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(2).value()).as("PSI")
                .isCloseTo(numeric.get("psi").asDouble(), withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void weightedHistogram_matchesNumpyWithOuterBins() {
        // Expected: numpy.histogram over the edges plus counts below the first and above the last edge.
        final double[] counts = DriftEvaluator.weightedHistogram(doubles(numeric.get("binEdges")),
                WeightedSample.of(doubles(numeric.get("windowValues"))));

        assertThat(counts).containsExactly(doubles(numeric.get("windowBinCounts")));
    }

    @Test
    void evaluateNumeric_reportsSampleAndReferenceSize() {
        final List<CheckResult> results = DriftEvaluator.evaluateColumn(numericColumn(Map.of()), numericWindow());

        assertThat(results).extracting(CheckResult::sampleSize).containsOnly((long) numeric.get("windowValues").size());
        assertThat(results).extracting(CheckResult::referenceSize)
                .containsOnly((long) numeric.get("referenceValues").size());
        assertThat(results).extracting(CheckResult::feature).containsOnly("x");
    }

    @Test
    void evaluateCategorical_matchesScipy() {
        final List<CheckResult> results = DriftEvaluator.evaluateColumn(categoricalColumn(Map.of()), categoricalWindow());

        assertThat(results).extracting(CheckResult::statistic)
                .containsExactly(Statistic.JENSEN_SHANNON, Statistic.PSI, Statistic.CHI2);
        assertThat(results.get(0).value()).as("Jensen-Shannon")
                .isCloseTo(categorical.get("jensenShannon").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(1).value()).as("PSI")
                .isCloseTo(categorical.get("psi").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(2).value()).as("chi-square")
                .isCloseTo(categorical.get("chi2Statistic").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(results.get(2).pValue()).as("chi-square p")
                .isCloseTo(categorical.get("chi2PValue").asDouble(), withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void evaluateUnseenCategory_getsReferenceCountZero() {
        // The window adds "d" to the reference's a, b, c: SciPy's table has 4 columns and 3 degrees of freedom.
        final CheckResult chi2 = DriftEvaluator.evaluateColumn(categoricalColumn(Map.of()), categoricalWindow()).get(2);

        assertThat(categorical.get("chi2DegreesOfFreedom").asInt()).isEqualTo(3);
        assertThat(chi2.threshold()).as("critical value for 3 degrees of freedom")
                .isCloseTo(categorical.get("chi2DefaultThreshold").asDouble(), withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void evaluateOnlyUnseenCategories_jensenShannonIsOne() {
        // Disjoint distributions are at the maximum Jensen-Shannon distance of 1 (base 2).
        final FeatureWindow window = new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, WeightedSample.empty(),
                Map.of("z", 4.0));

        final CheckResult jensenShannon = DriftEvaluator.evaluateColumn(categoricalColumn(Map.of()), window).get(0);

        assertThat(jensenShannon.value()).isEqualTo(1.0);
        assertThat(jensenShannon.drifted()).isTrue();
    }

    @Test
    void evaluateWithoutThresholds_usesDefaults() {
        final List<CheckResult> numericResults =
                DriftEvaluator.evaluateColumn(numericColumn(Map.of()), numericWindow());
        final List<CheckResult> categoricalResults =
                DriftEvaluator.evaluateColumn(categoricalColumn(Map.of()), categoricalWindow());

        assertThat(numericResults).extracting(CheckResult::threshold).containsExactly(
                Statistic.JENSEN_SHANNON.defaultThreshold(), Statistic.KOLMOGOROV_SMIRNOV.defaultThreshold(),
                Statistic.PSI.defaultThreshold());
        assertThat(categoricalResults.get(2).threshold()).as("chi2.isf(0.05, 3)")
                .isCloseTo(categorical.get("chi2DefaultThreshold").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        assertThat(numericResults).extracting(CheckResult::thresholdSource)
                .containsOnly(StatisticThreshold.SOURCE_DEFAULT);
        assertThat(categoricalResults).extracting(CheckResult::thresholdSource)
                .containsOnly(StatisticThreshold.SOURCE_DEFAULT);
    }

    @Test
    void evaluateProfileThreshold_isUsed() {
        final StatisticThreshold psi = new StatisticThreshold(0.9, StatisticThreshold.SOURCE_REFERENCE_CHUNKS, 0.3, 0.2,
                new double[] {0.1, 0.5});

        final CheckResult result = DriftEvaluator.evaluateColumn(numericColumn(Map.of("psi", psi)), numericWindow()).get(2);

        assertThat(result.threshold()).isEqualTo(0.9);
        assertThat(result.thresholdSource()).isEqualTo(StatisticThreshold.SOURCE_REFERENCE_CHUNKS);
        // The PSI of this window (about 0.75) is below 0.9, so the window does not drift on it.
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void evaluateNaNThreshold_usesDefault() {
        final StatisticThreshold psi = new StatisticThreshold(Double.NaN, StatisticThreshold.SOURCE_DEFAULT, Double.NaN,
                Double.NaN, new double[] {Double.NaN});

        final CheckResult result = DriftEvaluator.evaluateColumn(numericColumn(Map.of("psi", psi)), numericWindow()).get(2);

        assertThat(result.threshold()).isEqualTo(Statistic.PSI.defaultThreshold());
        assertThat(result.thresholdSource()).isEqualTo(StatisticThreshold.SOURCE_DEFAULT);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void evaluateEmptyWindow_isNaNAndNotDrifted() {
        final List<CheckResult> results = DriftEvaluator.evaluate(profile(), WindowAggregate.empty());

        assertThat(results).hasSize(6);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.value()).as(result.feature() + " " + result.statistic()).isNaN();
            assertThat(result.drifted()).as(result.feature() + " " + result.statistic()).isFalse();
            assertThat(result.sampleSize()).isZero();
        });
    }

    @Test
    void evaluateAllMissing_isNaN() {
        final FeatureWindow allMissing = new FeatureWindow(ColumnKind.NUMERIC, 7, 2, WeightedSample.empty(), Map.of());

        final List<CheckResult> results = DriftEvaluator.evaluateColumn(numericColumn(Map.of()), allMissing);

        assertThat(results).extracting(CheckResult::value).allSatisfy(value -> assertThat(value).isNaN());
        assertThat(results).extracting(CheckResult::pValue).allSatisfy(value -> assertThat(value).isNaN());
    }

    @Test
    void evaluateProfile_returnsColumnsInProfileOrder() {
        final WindowAggregate window = new WindowAggregate(80, 0, 1, Map.of("x", numericWindow(), "c", categoricalWindow()));

        final List<CheckResult> results = DriftEvaluator.evaluate(profile(), window);

        assertThat(results).extracting(result -> result.feature() + "/" + result.statistic().id()).containsExactly(
                "x/jensen_shannon", "x/kolmogorov_smirnov", "x/psi", "c/jensen_shannon", "c/psi", "c/chi2");
    }

    @Test
    void checksPerWindow_countsStatisticsOfEveryColumn() {
        // Numeric: Jensen-Shannon, Kolmogorov-Smirnov, PSI; categorical: Jensen-Shannon, PSI, chi-square.
        assertThat(DriftEvaluator.checksPerWindow(profile())).isEqualTo(6);
    }

    @Test
    void checksPerWindow_equalsResultsOfEveryWindow() {
        final WindowAggregate partial = new WindowAggregate(80, 0, 1, Map.of("x", numericWindow()));

        assertThat(DriftEvaluator.evaluate(profile(), partial)).hasSize(DriftEvaluator.checksPerWindow(profile()));
    }

    private static ReferenceProfile profile() {
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, "m", "1", Instant.EPOCH, "test", 200, null,
                null, null, null, 5000, 0, 3.0, List.of(numericColumn(Map.of()), categoricalColumn(Map.of())));
    }

    private static ColumnProfile numericColumn(final Map<String, StatisticThreshold> thresholds) {
        final double[] reference = doubles(numeric.get("referenceValues"));
        final double[] weights = new double[reference.length];
        Arrays.fill(weights, 1.0);
        final NumericSummary summary = new NumericSummary(reference[0], reference[reference.length - 1],
                Arrays.stream(reference).average().orElseThrow(), 1.0, doubles(numeric.get("binEdges")),
                doubles(numeric.get("binCounts")), reference, weights);
        return new ColumnProfile("x", ColumnKind.NUMERIC, ColumnRole.FEATURE, reference.length, 0, summary, null,
                thresholds);
    }

    private static ColumnProfile categoricalColumn(final Map<String, StatisticThreshold> thresholds) {
        final List<String> categories = new ArrayList<>();
        categorical.get("referenceCategories").forEach(category -> categories.add(category.asText()));
        final CategoricalSummary summary = new CategoricalSummary(categories, doubles(categorical.get("referenceCounts")));
        return new ColumnProfile("c", ColumnKind.CATEGORICAL, ColumnRole.FEATURE, 100, 0, null, summary, thresholds);
    }

    private static FeatureWindow numericWindow() {
        return new FeatureWindow(ColumnKind.NUMERIC, 0, 0, WeightedSample.of(doubles(numeric.get("windowValues"))),
                Map.of());
    }

    private static FeatureWindow categoricalWindow() {
        final Map<String, Double> counts = new TreeMap<>();
        categorical.get("windowCategories").properties()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().asDouble()));
        return new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, WeightedSample.empty(), counts);
    }

    private static double[] doubles(final JsonNode array) {
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
