package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.momo.profile.CategoricalSummary;
import dev.momo.profile.ColumnKind;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.ColumnRole;
import dev.momo.profile.NumericSummary;
import dev.momo.statistics.WeightedSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContributorsTest {

    /** Edges 0, 10, 20, 30: bins < 0, [0, 10), [10, 20), [20, 30], > 30 with reference counts 0, 25, 50, 25, 0. */
    private static final ColumnProfile NUMERIC = new ColumnProfile("car_value", ColumnKind.NUMERIC, ColumnRole.FEATURE,
            100, 0, new NumericSummary(0, 30, 15, 7, "quantile", new double[] {0, 10, 20, 30},
            new double[] {0, 25, 50, 25, 0}, new double[] {15}, new double[] {100}, 0), null, Map.of());

    private static final ColumnProfile CATEGORICAL = new ColumnProfile("salary_range", ColumnKind.CATEGORICAL,
            ColumnRole.FEATURE, 100, 0, null, new CategoricalSummary(List.of("low", "mid", "high"),
            new double[] {50, 30, 20}), Map.of());

    @Test
    void topNumeric_ranksBinsByChangeOfShare() {
        // Window counts 0, 10, 10, 20, 10 over 50 values: shares 0, .2, .2, .4, .2 against 0, .25, .5, .25, 0.
        final FeatureWindow window = numericWindow(new double[] {0, 10, 10, 20, 10});

        final List<Contributors.Contributor> top = Contributors.top(NUMERIC, window, 5);

        assertThat(top).extracting(Contributors.Contributor::label)
                .containsExactly("[10, 20)", "> 30", "[20, 30]", "[0, 10)");
        assertThat(top.get(0).referenceShare()).isCloseTo(0.5, within(1e-12));
        assertThat(top.get(0).currentShare()).isCloseTo(0.2, within(1e-12));
        assertThat(top.get(1).change()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void topNumeric_respectsTheLimit() {
        final FeatureWindow window = numericWindow(new double[] {0, 10, 10, 20, 10});

        assertThat(Contributors.top(NUMERIC, window, 2)).hasSize(2);
    }

    @Test
    void topNumericSameShares_isEmpty() {
        final FeatureWindow window = numericWindow(new double[] {0, 5, 10, 5, 0});

        assertThat(Contributors.top(NUMERIC, window, 5)).isEmpty();
    }

    @Test
    void topNumericWithoutBinCounts_binsTheSample() {
        // Values 5, 5, 25 and 35 fall in [0, 10) twice, [20, 30] and > 30.
        final FeatureWindow window = new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0,
                WeightedSample.of(new double[] {5, 5, 25, 35}), new double[0], Map.of());

        final List<Contributors.Contributor> top = Contributors.top(NUMERIC, window, 5);

        assertThat(top.get(0).label()).isEqualTo("[10, 20)");
        assertThat(top.get(0).currentShare()).isZero();
        assertThat(top).extracting(Contributors.Contributor::label).contains("> 30");
    }

    @Test
    void topEmptyWindow_isEmpty() {
        assertThat(Contributors.top(NUMERIC, FeatureWindow.empty(ColumnKind.NUMERIC), 5)).isEmpty();
        assertThat(Contributors.top(CATEGORICAL, FeatureWindow.empty(ColumnKind.CATEGORICAL), 5)).isEmpty();
    }

    @Test
    void topCategorical_namesNewCategoriesWithReferenceShareZero() {
        final FeatureWindow window = new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(),
                new double[0], Map.of("low", 30.0, "mid", 30.0, "high", 10.0, "unknown", 30.0));

        final List<Contributors.Contributor> top = Contributors.top(CATEGORICAL, window, 5);

        // Shares 0.3, 0.3, 0.1 and 0.3 against 0.5, 0.3, 0.2 and 0.
        assertThat(top).extracting(Contributors.Contributor::label).containsExactly("unknown", "low", "high");
        assertThat(top.get(0).referenceShare()).isZero();
        assertThat(top.get(0).currentShare()).isCloseTo(0.3, within(1e-12));
        assertThat(top.get(1).change()).isCloseTo(-0.2, within(1e-12));
    }

    @Test
    void topLimitZero_isRejected() {
        assertThatThrownBy(() -> Contributors.top(NUMERIC, numericWindow(new double[] {0, 1, 1, 1, 0}), 0))
                .hasMessageContaining("limit").hasMessageContaining("0");
    }

    @Test
    void distributionNumeric_listsEveryBinInOrderWithUnchangedOnes() {
        final List<Contributors.Contributor> bins = Contributors.distribution(NUMERIC,
                numericWindow(new double[] {0, 10, 10, 20, 10}));

        assertThat(bins).extracting(Contributors.Contributor::label)
                .containsExactly("< 0", "[0, 10)", "[10, 20)", "[20, 30]", "> 30");
        assertThat(bins).extracting(Contributors.Contributor::currentShare).containsExactly(0.0, 0.2, 0.2, 0.4, 0.2);
        assertThat(bins).extracting(Contributors.Contributor::referenceShare).containsExactly(0.0, 0.25, 0.5, 0.25, 0.0);
    }

    @Test
    void distributionCategorical_keepsReferenceOrderThenUnseenByShare() {
        final FeatureWindow window = new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(),
                new double[0], Map.of("mid", 50.0, "zeta", 10.0, "alpha", 40.0));

        assertThat(Contributors.distribution(CATEGORICAL, window)).extracting(Contributors.Contributor::label)
                .containsExactly("low", "mid", "high", "alpha", "zeta");
    }

    @Test
    void distributionCategorical_sumsUnseenPastTheCapUnderOther() {
        final Map<String, Double> counts = new java.util.HashMap<>();
        counts.put("low", 40.0);
        for (int i = 0; i < Contributors.MAX_UNSEEN + 5; i++) {
            // new-00 is the most frequent unseen category, new-34 the least.
            counts.put(String.format("new-%02d", i), (double) (Contributors.MAX_UNSEEN + 5 - i));
        }
        final double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        final FeatureWindow window = new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(),
                new double[0], counts);

        final List<Contributors.Contributor> bins = Contributors.distribution(CATEGORICAL, window);

        assertThat(bins).hasSize(3 + Contributors.MAX_UNSEEN + 1);
        assertThat(bins.get(3).label()).isEqualTo("new-00");
        assertThat(bins.get(3 + Contributors.MAX_UNSEEN - 1).label()).isEqualTo("new-29");
        final Contributors.Contributor other = bins.get(bins.size() - 1);
        assertThat(other.label()).isEqualTo(Contributors.OTHER_UNSEEN);
        // new-30 to new-34 have counts 5, 4, 3, 2, 1.
        assertThat(other.currentShare()).isCloseTo(15 / total, within(1e-12));
        assertThat(bins.stream().mapToDouble(Contributors.Contributor::currentShare).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void binLabel_readsAsWritten() {
        final double[] edges = {0.000123456789, 12345.678, 1e10};

        assertThat(Contributors.binLabel(edges, 0)).isEqualTo("< 0.000123457");
        assertThat(Contributors.binLabel(edges, 1)).isEqualTo("[0.000123457, 12345.7)");
        assertThat(Contributors.binLabel(edges, 2)).isEqualTo("[12345.7, 1.00000e+10]");
        assertThat(Contributors.binLabel(edges, 3)).isEqualTo("> 1.00000e+10");
    }

    private static FeatureWindow numericWindow(final double[] binCounts) {
        // The sample only needs to be non-empty: the bin counts are what the ranking reads.
        return new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0, WeightedSample.of(new double[] {15}), binCounts,
                Map.of());
    }
}
