package dev.momo.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.drift.CheckResult;
import dev.momo.drift.DriftEvaluator;
import dev.momo.drift.Statistic;
import dev.momo.drift.WindowAggregate;
import dev.momo.drift.WindowAggregateBuilder;
import dev.momo.statistics.BinningRule;
import dev.momo.table.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Momo configured like NannyML on NannyML's car-loan data: Doane bins over the reference, chunks of 5000
 * rows, each reference chunk compared with the whole reference, thresholds at the mean plus three
 * population standard deviations of the chunk values.
 *
 * <p>Expected values: {@code drift/nannyml_car_loan.json}, written by
 * {@code src/test/python/nannyml_reference_values.py}, which reimplements NannyML's univariate drift
 * method ({@code nannyml/drift/univariate/methods.py} at NannyML/nannyml@1cd1b554, thresholds from
 * {@code nannyml/thresholds.py} at 7323e20a) and reproduces the Jensen-Shannon values that NannyML's
 * car-loan drift tutorial publishes for debt_to_income_ratio
 * ({@code docs/example_notebooks/Tutorial - Drift - Univariate - Car Loan.ipynb}). Values must agree to
 * 1e-9 relative.
 */
class NannyMlCarLoanTest {

    private static final Path DATASETS = Path.of(System.getProperty("momo.datasets", "../../shared/datasets"));
    private static final double TOLERANCE_PERCENT = 1e-7;
    private static final int CHUNK = 5000;
    private static final List<Statistic> STATISTICS = List.of(Statistic.JENSEN_SHANNON, Statistic.HELLINGER);

    private static JsonNode expected;
    private static ReferenceProfile profile;
    private static CsvTable analysis;

    @BeforeAll
    static void buildProfile() throws IOException {
        final Path nannyml = DATASETS.resolve("nannyml");
        assumeTrue(Files.isDirectory(nannyml), "skipped: the shared data sets are absent (looked in "
                + nannyml.toAbsolutePath() + "; set -Dmomo.datasets=DIR)");
        try (InputStream in = NannyMlCarLoanTest.class.getResourceAsStream("/drift/nannyml_car_loan.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        // NannyML's kinds: pandas dtype object or bool is categorical, and the tutorial treats y_pred so too.
        final ProfileOptions options = new ProfileOptions("car-loan", "1", "timestamp", null, null, "repaid",
                Set.of("salary_range", "size_of_downpayment", "repaid_loan_on_prev_car", "y_pred"),
                Set.of("car_value", "debt_to_income_ratio", "loan_length", "driver_tenure", "y_pred_proba"),
                Set.of(), CHUNK, ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS, 3.0)
                .withBinning(BinningRule.DOANE, Map.of())
                .withThresholds(ThresholdMode.REFERENCE, 0.05, PValueCorrection.NONE, ChunkReference.WHOLE)
                .withStatistics(List.of("jensen_shannon", "hellinger"), CheckSettings.DEFAULT_EPSILON);
        profile = new ProfileBuilder(options).build(
                CsvTable.read(nannyml.resolve("synthetic_car_loan_reference.csv.gz")), chunk -> { });
        analysis = CsvTable.read(nannyml.resolve("synthetic_car_loan_analysis.csv.gz"));
    }

    @Test
    void doaneEdges_equalNumpys() {
        expected.get("columns").properties().forEach(entry -> {
            if (entry.getValue().has("edges")) {
                assertThat(profile.column(entry.getKey()).orElseThrow().numeric().binEdges()).as(entry.getKey())
                        .containsExactly(doubles(entry.getValue().get("edges")));
            }
        });
    }

    @Test
    void referenceChunkValuesAndThresholds_agreeWithNannyMl() {
        forEachColumnAndStatistic((column, statistic, values) -> {
            final StatisticThreshold threshold = profile.column(column).orElseThrow().thresholds().get(statistic.id());
            final String what = column + " " + statistic.id();
            final double[] chunks = doubles(values.get("reference_chunk_values"));
            for (int i = 0; i < chunks.length; i++) {
                assertThat(threshold.chunkValues()[i]).as(what + " reference chunk " + i)
                        .isCloseTo(chunks[i], withinPercentage(TOLERANCE_PERCENT));
            }
            assertThat(threshold.source()).as(what).isEqualTo(StatisticThreshold.SOURCE_REFERENCE_CHUNKS);
            assertThat(threshold.threshold()).as(what + " upper threshold")
                    .isCloseTo(values.get("upper_threshold").asDouble(), withinPercentage(TOLERANCE_PERCENT));
        });
    }

    @Test
    void analysisChunkValuesAndAlerts_agreeWithNannyMl() {
        final List<Map<String, CheckResult>> chunks = analysisChunks();
        forEachColumnAndStatistic((column, statistic, values) -> {
            final double[] expectedValues = doubles(values.get("analysis_chunk_values"));
            assertThat(chunks).hasSize(expectedValues.length);
            for (int i = 0; i < expectedValues.length; i++) {
                final CheckResult result = chunks.get(i).get(column + "/" + statistic.id());
                final String what = column + " " + statistic.id() + " analysis chunk " + i;
                assertThat(result.value()).as(what).isCloseTo(expectedValues[i], withinPercentage(TOLERANCE_PERCENT));
                assertThat(result.drifted()).as(what + " alert").isEqualTo(values.get("alerts").get(i).asBoolean());
            }
        });
    }

    /** Returns the checks of each 5000-row chunk of the analysis file, by "column/statistic". */
    private static List<Map<String, CheckResult>> analysisChunks() {
        final List<String> columns = profile.columns().stream().map(ColumnProfile::name).toList();
        final Map<String, String[]> cells = new HashMap<>();
        columns.forEach(column -> cells.put(column, analysis.column(column)));
        final List<Map<String, CheckResult>> chunks = new ArrayList<>();
        for (int from = 0; from < analysis.rowCount(); from += CHUNK) {
            final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile, Integer.MAX_VALUE);
            for (int row = from; row < Math.min(from + CHUNK, analysis.rowCount()); row++) {
                final Map<String, Object> values = new HashMap<>();
                for (final String column : columns) {
                    values.put(column, cells.get(column)[row]);
                }
                builder.add(values, row);
            }
            final WindowAggregate window = builder.build();
            final Map<String, CheckResult> byName = new HashMap<>();
            for (final CheckResult result : DriftEvaluator.evaluate(profile, window)) {
                byName.put(result.feature() + "/" + result.statistic().id(), result);
            }
            chunks.add(byName);
        }
        return chunks;
    }

    private interface ColumnCheck {
        void accept(String column, Statistic statistic, JsonNode values);
    }

    private static void forEachColumnAndStatistic(final ColumnCheck check) {
        expected.get("columns").properties().forEach(entry -> {
            for (final Statistic statistic : STATISTICS) {
                check.accept(entry.getKey(), statistic, entry.getValue().get(statistic.id()));
            }
        });
    }

    private static double[] doubles(final JsonNode array) {
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
