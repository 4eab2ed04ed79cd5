package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.NumericSummary;
import dev.momo.profile.ReferenceProfile;
import dev.momo.statistics.WeightedSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowAggregateBuilderTest {

    static ReferenceProfile profile() {
        final NumericSummary income = new NumericSummary(0.0, 10.0, 5.0, 3.0, "quantile",
                new double[] {0.0, 5.0, 10.0}, new double[] {0.0, 1.0, 1.0, 0.0}, new double[] {0.0, 10.0},
                new double[] {1.0, 1.0}, 0.0);
        final CategoricalSummary plan = new CategoricalSummary(List.of("basic", "1"), new double[] {1.0, 1.0});
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, "m", "1", Instant.EPOCH, "test", 2, null, null,
                null, null, 5000, 0, List.of(), null, List.of(
                        new ColumnProfile("income", ColumnKind.NUMERIC, ColumnRole.FEATURE, 2, 0, income, null, Map.of()),
                        new ColumnProfile("plan", ColumnKind.CATEGORICAL, ColumnRole.FEATURE, 2, 0, null, plan, Map.of())));
    }

    @Test
    void addNumbersOfEveryType_collectsFiniteValues() {
        final FeatureWindow income = incomeWindow(1.5, 2L, "3.5", true, 4);

        assertThat(income.sample().values()).containsExactly(1.0, 1.5, 2.0, 3.5, 4.0);
        assertThat(income.missing()).isZero();
        assertThat(income.typeMismatches()).isZero();
        assertThat(income.nonFinite()).isZero();
    }

    @Test
    void addNumbers_countsThemOverTheReferenceBins() {
        // Edges 0, 5, 10: -1 below, 1 and 4.9 in [0, 5), 5 and 10 in [5, 10], 11 above.
        final FeatureWindow income = incomeWindow(-1.0, 1.0, 4.9, 5.0, 10.0, 11.0);

        assertThat(income.binCounts()).containsExactly(1.0, 2.0, 2.0, 1.0);
    }

    @Test
    void addNaNAndInfinityToNumeric_countsNonFinite() {
        final FeatureWindow income = incomeWindow(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0);

        assertThat(income.nonFinite()).isEqualTo(3);
        assertThat(income.typeMismatches()).isZero();
        assertThat(income.sample().values()).containsExactly(1.0);
    }

    @Test
    void addInfinityTextToNumeric_countsNonFinite() {
        final FeatureWindow income = incomeWindow("inf", "-inf", "Infinity", 1.0);

        assertThat(income.nonFinite()).isEqualTo(3);
        assertThat(income.missing()).isZero();
    }

    @Test
    void addTextToNumeric_countsTypeMismatches() {
        final FeatureWindow income = incomeWindow("abc", "12 EUR", 1.0);

        assertThat(income.typeMismatches()).isEqualTo(2);
        assertThat(income.sampleSize()).isEqualTo(1.0);
    }

    @Test
    void addNullToNumeric_countsMissing() {
        final FeatureWindow income = incomeWindow(null, "NA", "", 2.0);

        assertThat(income.missing()).isEqualTo(3);
        assertThat(income.typeMismatches()).isZero();
        assertThat(income.absent()).isZero();
    }

    @Test
    void addRowWithoutColumn_countsAbsent() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);

        builder.add(Map.of("other", 1.0), 0);

        final WindowAggregate window = builder.build();
        assertThat(window.features().get("income").absent()).isEqualTo(1);
        assertThat(window.features().get("plan").absent()).isEqualTo(1);
        assertThat(window.features().get("income").missing()).isZero();
        assertThat(window.features()).doesNotContainKey("other");
    }

    @Test
    void addCategories_countsCanonicalText() {
        // 1.0, 1L and "1" are the same category "1", as Cells.categoryOf makes them.
        final FeatureWindow plan = planWindow("basic", 1.0, 1L, "1", "basic", true);

        assertThat(plan.categoryCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("basic", 2.0, "1", 3.0, "true", 1.0));
        assertThat(plan.sampleSize()).isEqualTo(6.0);
    }

    @Test
    void addNaNToCategorical_countsNonFinite() {
        final FeatureWindow plan = planWindow(Double.NaN, "basic");

        assertThat(plan.nonFinite()).isEqualTo(1);
        assertThat(plan.categoryCounts()).containsOnlyKeys("basic");
    }

    @Test
    void addNullToCategorical_countsMissing() {
        final FeatureWindow plan = planWindow(null, "NA", "basic");

        assertThat(plan.missing()).isEqualTo(2);
        assertThat(plan.categoryCounts()).containsOnlyKeys("basic");
    }

    @Test
    void build_recordsEventCountAndTimeSpan() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);
        builder.add(Map.of("income", 1.0), 2_000);
        builder.add(Map.of("income", 2.0), 1_000);
        builder.add(Map.of("income", 3.0), 3_000);

        final WindowAggregate window = builder.build();

        assertThat(builder.eventCount()).isEqualTo(3);
        assertThat(window.eventCount()).isEqualTo(3);
        assertThat(window.minEventTime()).isEqualTo(1_000);
        assertThat(window.maxEventTime()).isEqualTo(3_000);
    }

    @Test
    void buildWithoutEvents_isEmptyWindow() {
        final WindowAggregate window = new WindowAggregateBuilder(profile(), 100).build();

        assertThat(window.eventCount()).isZero();
        assertThat(window.minEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.maxEventTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(window.features().get("income").sampleSize()).isZero();
    }

    @Test
    void buildBeyondSamplePoints_compressesKeepingWeight() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 10);
        for (int i = 0; i < 100; i++) {
            builder.add(Map.of("income", (double) i), i);
        }

        final WeightedSample sample = builder.build().features().get("income").sample();

        assertThat(sample.size()).isLessThanOrEqualTo(10);
        assertThat(sample.totalWeight()).isEqualTo(100.0);
    }

    @Test
    void newBuilderWithOneSamplePoint_throws() {
        assertThatThrownBy(() -> new WindowAggregateBuilder(profile(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSamplePoints")
                .hasMessageContaining("1");
    }

    @Test
    void mergeWindows_addsCountsSamplesAndSpans() {
        final WindowAggregate first = window(1_000, 1.0, "basic");
        final WindowAggregate second = window(5_000, 2.0, "basic");

        final WindowAggregate merged = first.merge(second, 100);

        assertThat(merged.eventCount()).isEqualTo(2);
        assertThat(merged.minEventTime()).isEqualTo(1_000);
        assertThat(merged.maxEventTime()).isEqualTo(5_000);
        assertThat(merged.features().get("income").sample().values()).containsExactly(1.0, 2.0);
        assertThat(merged.features().get("plan").categoryCounts()).containsEntry("basic", 2.0);
    }

    @Test
    void mergeWithEmpty_keepsWindow() {
        final WindowAggregate window = window(1_000, 1.0, "basic");

        final WindowAggregate merged = WindowAggregate.empty().merge(window, 100);

        assertThat(merged.eventCount()).isEqualTo(1);
        assertThat(merged.minEventTime()).isEqualTo(1_000);
        assertThat(merged.maxEventTime()).isEqualTo(1_000);
        assertThat(merged.features()).containsOnlyKeys("income", "plan");
    }

    @Test
    void mergeFeatureWindows_addsEveryCount() {
        final FeatureWindow first = new FeatureWindow(ColumnKind.NUMERIC, 1, 2, 3, 4,
                WeightedSample.of(new double[] {1}), new double[] {0, 1, 0, 0}, Map.of());
        final FeatureWindow second = new FeatureWindow(ColumnKind.NUMERIC, 10, 20, 30, 40,
                WeightedSample.of(new double[] {7}), new double[] {0, 0, 1, 0}, Map.of());

        final FeatureWindow merged = first.merge(second, 100);

        assertThat(merged.missing()).isEqualTo(11);
        assertThat(merged.absent()).isEqualTo(22);
        assertThat(merged.typeMismatches()).isEqualTo(33);
        assertThat(merged.nonFinite()).isEqualTo(44);
        assertThat(merged.binCounts()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void mergeFeatureWindowsOverOtherEdges_dropsBinCounts() {
        final FeatureWindow first = new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0,
                WeightedSample.of(new double[] {1}), new double[] {0, 1, 0, 0}, Map.of());
        final FeatureWindow second = new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0,
                WeightedSample.of(new double[] {7}), new double[] {0, 1, 0}, Map.of());

        assertThat(first.merge(second, 100).binCounts()).isEmpty();
    }

    @Test
    void addNewFeatures_countsEventsPerName() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);
        builder.add(new Object[] {1.0, "basic"}, new String[] {"device"}, 0);
        builder.add(new Object[] {2.0, "basic"}, new String[] {"device", "country"}, 0);

        assertThat(builder.build().newFeatures()).containsExactlyInAnyOrderEntriesOf(Map.of("device", 2L, "country", 1L));
    }

    @Test
    void addAbsentValue_countsAbsent() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);
        builder.add(new Object[] {AbsentValue.INSTANCE, null}, new String[0], 0);

        final WindowAggregate window = builder.build();
        assertThat(window.features().get("income").absent()).isEqualTo(1);
        assertThat(window.features().get("plan").missing()).isEqualTo(1);
    }

    @Test
    void mergeNumericWithCategorical_throws() {
        final FeatureWindow numeric = FeatureWindow.empty(ColumnKind.NUMERIC);
        final FeatureWindow categorical = FeatureWindow.empty(ColumnKind.CATEGORICAL);

        assertThatThrownBy(() -> numeric.merge(categorical, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUMERIC")
                .hasMessageContaining("CATEGORICAL");
    }

    private static FeatureWindow incomeWindow(final Object... values) {
        return columnWindow("income", values);
    }

    private static FeatureWindow planWindow(final Object... values) {
        return columnWindow("plan", values);
    }

    private static FeatureWindow columnWindow(final String column, final Object... values) {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);
        for (final Object value : values) {
            final Map<String, Object> row = new HashMap<>();
            row.put(column, value);
            builder.add(row, 0);
        }
        return builder.build().features().get(column);
    }

    private static WindowAggregate window(final long eventTime, final double income, final String plan) {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(profile(), 100);
        builder.add(Map.of("income", income, "plan", plan), eventTime);
        return builder.build();
    }
}
