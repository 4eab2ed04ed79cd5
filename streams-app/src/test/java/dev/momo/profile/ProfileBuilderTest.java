package dev.momo.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.Statistic;
import dev.momo.drift.WindowAggregate;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.statistics.WeightedSample;
import dev.momo.table.CsvTable;
import dev.momo.table.InvalidTableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the profile of {@code profile/reference.csv} and compares it with the values that
 * {@code src/test/python/profile_drift_reference_values.py} computed with NumPy and SciPy into
 * {@code profile/profile_builder.json}: bins from {@code numpy.quantile} and {@code numpy.histogram},
 * moments from {@code numpy.mean} and {@code numpy.std}, and chunk statistics from
 * {@code scipy.spatial.distance.jensenshannon}, {@code scipy.stats.ks_2samp} and
 * {@code scipy.stats.chi2_contingency}, each chunk compared with the reference without it.
 */
class ProfileBuilderTest {

    /** Relative tolerance against the NumPy and SciPy values, as a percentage for AssertJ. */
    private static final double TOLERANCE_PERCENT = 1e-7;
    private static final int CHUNK_SIZE = 150;

    private static JsonNode expected;
    private static ReferenceProfile profile;
    private static List<Integer> progress;

    @BeforeAll
    static void buildReferenceProfile() throws IOException, URISyntaxException {
        final ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = ProfileBuilderTest.class.getResourceAsStream("/profile/profile_builder.json")) {
            assertThat(in).as("profile/profile_builder.json; regenerate it with profile_drift_reference_values.py")
                    .isNotNull();
            expected = mapper.readTree(in);
        }
        final Path csv = Path.of(ProfileBuilderTest.class.getResource("/profile/reference.csv").toURI());
        progress = new ArrayList<>();
        profile = new ProfileBuilder(options(CHUNK_SIZE)).build(CsvTable.read(csv), progress::add);
    }

    /** Reference thresholds over the statistics that profile_drift_reference_values.py computes. */
    private static ProfileOptions options(final int chunkSize) {
        return fixedOptions(chunkSize)
                .withThresholds(ThresholdMode.REFERENCE, 0.05, PValueCorrection.NONE, ChunkReference.REST)
                .withStatistics(List.of("jensen_shannon", "kolmogorov_smirnov", "psi", "chi2"),
                        CheckSettings.DEFAULT_EPSILON);
    }

    private static ProfileOptions fixedOptions(final int chunkSize) {
        return new ProfileOptions("credit", "1", "ts", "score", null, "label", Set.of("region_code"), Set.of(),
                Set.of("row_id"), chunkSize, 10, 2000, 3.0);
    }

    @Test
    void buildReference_monitorsColumnsInFileOrder() {
        assertThat(profile.columns()).extracting(ColumnProfile::name)
                .containsExactly("income", "age", "plan", "flag", "region_code", "score");
    }

    @Test
    void buildReference_skipsTimestampLabelAndIgnoredColumns() {
        assertThat(profile.column("ts")).isEmpty();
        assertThat(profile.column("label")).isEmpty();
        assertThat(profile.column("row_id")).isEmpty();
    }

    @Test
    void buildReference_infersKinds() {
        assertThat(column("income").kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(column("age").kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(column("score").kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(column("plan").kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(column("flag").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void buildCategoricalOverride_makesNumbersCategorical() {
        // region_code contains the numbers 1 to 5, which inference alone would read as numeric.
        assertThat(column("region_code").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    }

    @Test
    void buildNumericOverride_makesBinaryColumnNumeric() {
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("flag", "other"), List.of(
                new String[] {"0", "a"}, new String[] {"1", "b"}, new String[] {"1", "c"}));
        final ProfileOptions options = new ProfileOptions("m", "1", null, null, null, null, Set.of(),
                Set.of("flag"), Set.of(), 5000, 10, 2000, 3.0);

        final ReferenceProfile built = new ProfileBuilder(options).build(table, chunk -> { });

        assertThat(built.column("flag").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    }

    @Test
    void buildPredictionColumn_hasPredictionRole() {
        assertThat(column("score").role()).isEqualTo(ColumnRole.PREDICTION);
        assertThat(column("income").role()).isEqualTo(ColumnRole.FEATURE);
    }

    @Test
    void buildProbabilityColumn_hasProbabilityRole() {
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("x", "p_yes"), List.of(
                new String[] {"1", "0.1"}, new String[] {"2", "0.5"}, new String[] {"3", "0.9"}));
        final ProfileOptions options = new ProfileOptions("m", "1", null, null, "p_yes", null, Set.of(), Set.of(),
                Set.of(), 5000, 10, 2000, 3.0);

        final ReferenceProfile built = new ProfileBuilder(options).build(table, chunk -> { });

        assertThat(built.column("p_yes").orElseThrow().role()).isEqualTo(ColumnRole.PROBABILITY);
    }

    @Test
    void buildReference_recordsTableFacts() {
        assertThat(profile.formatVersion()).isEqualTo(ReferenceProfile.FORMAT_VERSION);
        assertThat(profile.modelId()).isEqualTo("credit");
        assertThat(profile.modelVersion()).isEqualTo("1");
        assertThat(profile.source()).isEqualTo("reference.csv");
        assertThat(profile.rows()).isEqualTo(expected.get("rows").asLong());
        assertThat(profile.chunkSize()).isEqualTo(CHUNK_SIZE);
        assertThat(profile.chunkCount()).isEqualTo(4);
        assertThat(profile.timestampColumn()).isEqualTo("ts");
        assertThat(profile.labelColumn()).isEqualTo("label");
    }

    @Test
    void buildReference_reportsEveryChunk() {
        assertThat(progress).containsExactly(1, 2, 3, 4);
    }

    @Test
    void buildReference_countsValuesAndMissing() {
        // income has "NA" and empty cells (missing) and one "inf", which is neither missing nor counted.
        expected.get("columns").properties().forEach(entry -> {
            final ColumnProfile column = column(entry.getKey());
            assertThat(column.count()).as("count of %s", entry.getKey()).isEqualTo(entry.getValue().get("count").asLong());
            assertThat(column.missing()).as("missing of %s", entry.getKey())
                    .isEqualTo(entry.getValue().get("missing").asLong());
        });
    }

    @Test
    void buildNumeric_binEdgesMatchNumpyQuantiles() {
        // Expected: numpy.unique(numpy.quantile(values, numpy.linspace(0, 1, 11))).
        for (final String name : List.of("income", "age", "score")) {
            assertClose(column(name).numeric().binEdges(), doubles(expectedColumn(name).get("binEdges")),
                    name + " bin edges");
        }
    }

    @Test
    void buildNumeric_binCountsMatchNumpyHistogram() {
        // Expected: numpy.histogram over the edges, plus an underflow and an overflow bin (both 0 here).
        for (final String name : List.of("income", "age", "score")) {
            assertThat(column(name).numeric().binCounts()).as("%s bin counts", name)
                    .containsExactly(doubles(expectedColumn(name).get("binCounts")));
        }
    }

    @Test
    void buildNumeric_momentsMatchNumpy() {
        // Expected: numpy.min, numpy.max, numpy.mean and numpy.std (ddof=0) of the finite values.
        for (final String name : List.of("income", "age", "score")) {
            final NumericSummary summary = column(name).numeric();
            final JsonNode values = expectedColumn(name);
            assertThat(summary.min()).as("%s min", name).isEqualTo(values.get("min").asDouble());
            assertThat(summary.max()).as("%s max", name).isEqualTo(values.get("max").asDouble());
            assertThat(summary.mean()).as("%s mean", name)
                    .isCloseTo(values.get("mean").asDouble(), withinPercentage(TOLERANCE_PERCENT));
            assertThat(summary.std()).as("%s std", name)
                    .isCloseTo(values.get("std").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        }
    }

    @Test
    void buildNumericBelowSamplePoints_keepsExactSample() {
        // 600 rows are fewer than the sample points, so the sample is every distinct finite value with its count.
        final NumericSummary income = column("income").numeric();
        final double[] sorted = doubles(expectedColumn("income").get("sortedValues"));
        final WeightedSample expectedSample = WeightedSample.of(sorted).combineTies();

        assertThat(income.sampleValues()).containsExactly(expectedSample.values());
        assertThat(income.sampleWeights()).containsExactly(expectedSample.weights());
        assertThat(Arrays.stream(income.sampleWeights()).sum()).isEqualTo(sorted.length);
        assertThat(income.sampleErrorBound()).isZero();
    }

    @Test
    void buildCategorical_countsMostFrequentFirst() {
        for (final String name : List.of("plan", "flag", "region_code")) {
            final CategoricalSummary summary = column(name).categorical();
            final List<String> categories = new ArrayList<>();
            expectedColumn(name).get("categories").forEach(category -> categories.add(category.asText()));
            assertThat(summary.categories()).as("%s categories", name).containsExactlyElementsOf(categories);
            assertThat(summary.counts()).as("%s counts", name)
                    .containsExactly(doubles(expectedColumn(name).get("counts")));
        }
    }

    @Test
    void buildThresholds_matchNumpyAndScipy() {
        // Expected: numpy.mean(v) + 3 * numpy.std(v) over the chunk values v computed with SciPy.
        expected.get("columns").properties().forEach(entry -> {
            final Map<String, StatisticThreshold> thresholds = column(entry.getKey()).thresholds();
            entry.getValue().get("thresholds").properties().forEach(statistic -> {
                final String description = entry.getKey() + " " + statistic.getKey();
                final StatisticThreshold actual = thresholds.get(statistic.getKey());
                final JsonNode values = statistic.getValue();
                assertThat(actual).as(description).isNotNull();
                assertThat(actual.source()).as(description).isEqualTo(StatisticThreshold.SOURCE_REFERENCE_CHUNKS);
                assertClose(actual.chunkValues(), doubles(values.get("chunkValues")), description + " chunk values");
                assertClose(actual.chunkMean(), values.get("chunkMean").asDouble(), description + " chunk mean");
                assertClose(actual.chunkStd(), values.get("chunkStd").asDouble(), description + " chunk std");
                assertClose(actual.threshold(), values.get("threshold").asDouble(), description + " threshold");
            });
        });
    }

    @Test
    void buildThresholds_coverEveryCheckOfTheColumn() {
        for (final ColumnProfile column : profile.columns()) {
            final List<String> expected = new ArrayList<>();
            profile.checks().statisticsFor(column.kind()).forEach(s -> expected.add(s.id()));
            Statistic.quality().stream().filter(s -> s.appliesTo(column.kind())).forEach(s -> expected.add(s.id()));
            assertThat(column.thresholds().keySet()).as(column.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void buildDefaultChecks_areFixedDistancesForLargeWindows() throws URISyntaxException {
        final Path csv = Path.of(ProfileBuilderTest.class.getResource("/profile/reference.csv").toURI());

        final ReferenceProfile built = new ProfileBuilder(fixedOptions(1500)).build(CsvTable.read(csv), chunk -> { });

        assertThat(built.checks().thresholdMode()).isEqualTo(ThresholdMode.FIXED);
        assertThat(built.checks().statistics()).containsExactly("wasserstein_normalized", "jensen_shannon");
    }

    @Test
    void buildDefaultChecks_areTestsForSmallWindows() {
        assertThat(fixedOptions(CHUNK_SIZE).checks(CHUNK_SIZE).statistics())
                .containsExactly("kolmogorov_smirnov", "chi2");
    }

    @Test
    void buildDataQualityThresholds_areFixedWithChunkValues() {
        final StatisticThreshold missing = column("income").thresholds().get(Statistic.MISSING_RATE.id());

        assertThat(missing.source()).isEqualTo(StatisticThreshold.SOURCE_FIXED);
        // The fixed level adds 0.05 to the reference's own missing rate.
        final double referenceRate = column("income").missing()
                / (double) (column("income").missing() + column("income").count());
        assertClose(missing.threshold(), referenceRate + 0.05, "income missing_rate threshold");
        assertThat(missing.chunkValues()).hasSize(profile.chunkCount());
    }

    @Test
    void buildPValueMode_setsAlphaOnTestsAndFixedLevelsOnDistances() throws URISyntaxException {
        final Path csv = Path.of(ProfileBuilderTest.class.getResource("/profile/reference.csv").toURI());
        final ProfileOptions pValue = fixedOptions(CHUNK_SIZE).withThresholds(ThresholdMode.P_VALUE, 0.01,
                PValueCorrection.BONFERRONI, ChunkReference.REST);

        final ReferenceProfile built = new ProfileBuilder(pValue).build(CsvTable.read(csv), chunk -> { });

        // 150-row chunks are small windows: the size-aware default runs the tests.
        assertThat(built.checks().statistics()).containsExactly("kolmogorov_smirnov", "chi2");
        final StatisticThreshold ks = built.column("income").orElseThrow().thresholds().get("kolmogorov_smirnov");
        assertThat(ks.source()).isEqualTo(StatisticThreshold.SOURCE_P_VALUE);
        assertThat(ks.threshold()).isEqualTo(0.01);
        assertThat(built.checks().correction()).isEqualTo(PValueCorrection.BONFERRONI);
    }

    @Test
    void buildChi2Chunks_compareWithRest() {
        // Expected: scipy.stats.chi2_contingency([rest counts, chunk counts], correction=False).statistic,
        // where "rest" is the reference without the chunk's rows.
        for (final String name : List.of("plan", "flag", "region_code")) {
            final double[] chunkValues = column(name).thresholds().get(Statistic.CHI2.id()).chunkValues();
            final JsonNode tables = expectedColumn(name).get("chunkTables");
            assertThat(chunkValues).hasSize(tables.size());
            for (int chunk = 0; chunk < tables.size(); chunk++) {
                assertClose(chunkValues[chunk], tables.get(chunk).get("chi2").asDouble(), name + " chunk " + chunk);
            }
        }
    }

    @Test
    void buildOneChunk_usesDefaultThresholds() throws URISyntaxException {
        // 600 rows make one chunk of 400 rows: too few for chunk thresholds.
        final Path csv = Path.of(ProfileBuilderTest.class.getResource("/profile/reference.csv").toURI());

        final ReferenceProfile oneChunk = new ProfileBuilder(options(400)).build(CsvTable.read(csv), chunk -> { });

        assertThat(oneChunk.chunkCount()).isEqualTo(1);
        // Kolmogorov-Smirnov and chi-square fall back to their fixed p-value level.
        assertThat(DriftEvaluator.evaluate(oneChunk, WindowAggregate.empty()))
                .extracting(CheckResult::thresholdSource)
                .containsOnly(StatisticThreshold.SOURCE_FIXED, StatisticThreshold.SOURCE_P_VALUE);
    }

    @Test
    void buildColumnMissingInAChunk_usesDefaultSource() {
        // x has no value in the second chunk, so only one chunk value is finite.
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new String[] {i < 5 ? String.valueOf(i) : "", String.valueOf(i % 3)});
        }
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("x", "y"), rows);
        final ProfileOptions options = new ProfileOptions("m", "1", null, null, null, null, Set.of(), Set.of(),
                Set.of(), 5, 2, 10, 3.0)
                .withThresholds(ThresholdMode.REFERENCE, 0.05, PValueCorrection.NONE, ChunkReference.REST)
                .withStatistics(List.of("psi"), CheckSettings.DEFAULT_EPSILON);

        final ReferenceProfile built = new ProfileBuilder(options).build(table, chunk -> { });

        final StatisticThreshold psi = built.column("x").orElseThrow().thresholds().get(Statistic.PSI.id());
        assertThat(psi.source()).isEqualTo(StatisticThreshold.SOURCE_FIXED);
        assertThat(psi.threshold()).isEqualTo(Statistic.PSI.fixedWarning());
        assertThat(psi.chunkValues()[1]).isNaN();
        assertThat(built.column("y").orElseThrow().thresholds().get(Statistic.PSI.id()).source())
                .isEqualTo(StatisticThreshold.SOURCE_REFERENCE_CHUNKS);
    }

    @Test
    void buildPandasBooleans_matchLiveBooleans() {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new String[] {i % 2 == 0 ? "True" : "False"});
        }
        final ReferenceProfile built = new ProfileBuilder(ProfileOptions.defaults("m", "1"))
                .build(CsvTable.of(Path.of("memory.csv"), List.of("active"), rows), chunk -> { });
        final WindowAggregateBuilder window = new WindowAggregateBuilder(built, 100);
        for (int i = 0; i < 10; i++) {
            window.add(Map.of("active", i % 2 == 0), i);
        }

        final CheckResult jensenShannon = DriftEvaluator.evaluate(built, window.build()).get(0);

        assertThat(jensenShannon.value()).isZero();
    }

    @Test
    void buildUnknownColumnInOptions_errorListsColumns() {
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("x", "y"),
                List.<String[]>of(new String[] {"1", "a"}));
        final ProfileOptions options = new ProfileOptions("m", "1", null, null, null, null, Set.of(), Set.of(),
                Set.of("customer_id"), 5000, 10, 2000, 3.0);

        assertThatThrownBy(() -> new ProfileBuilder(options).build(table, chunk -> { }))
                .isInstanceOf(InvalidTableException.class)
                .hasMessageContaining("'customer_id'")
                .hasMessageContaining("[x, y]");
    }

    @Test
    void buildTableWithoutRows_throws() {
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("x"), List.of());

        assertThatThrownBy(() -> new ProfileBuilder(options(CHUNK_SIZE)).build(table, chunk -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rows");
    }

    @Test
    void buildConstantNumericColumn_errorSuggestsCategorical() {
        final CsvTable table = CsvTable.of(Path.of("memory.csv"), List.of("x"),
                List.of(new String[] {"7"}, new String[] {"7"}, new String[] {"7"}));
        final ProfileOptions options = new ProfileOptions("m", "1", null, null, null, null, Set.of(), Set.of("x"),
                Set.of(), 5000, 10, 2000, 3.0);

        assertThatThrownBy(() -> new ProfileBuilder(options).build(table, chunk -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining("single value");
    }

    private static ColumnProfile column(final String name) {
        return profile.column(name).orElseThrow(() -> new AssertionError("column " + name + " not in the profile"));
    }

    private static JsonNode expectedColumn(final String name) {
        return expected.get("columns").get(name);
    }

    private static double[] doubles(final JsonNode array) {
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static void assertClose(final double actual, final double expectedValue, final String description) {
        if (expectedValue == 0.0) {
            assertThat(actual).as(description).isCloseTo(0.0, within(1e-12));
        } else {
            assertThat(actual).as(description).isCloseTo(expectedValue, withinPercentage(TOLERANCE_PERCENT));
        }
    }

    private static void assertClose(final double[] actual, final double[] expectedValues, final String description) {
        assertThat(actual).as(description).hasSameSizeAs(expectedValues);
        for (int i = 0; i < actual.length; i++) {
            assertClose(actual[i], expectedValues[i], description + "[" + i + "]");
        }
    }
}
