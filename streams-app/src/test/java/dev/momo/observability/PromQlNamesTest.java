package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metric names in PromQL, with expected sets written by hand from the PromQL syntax. */
class PromQlNamesTest {

    @Test
    void names_plainSelector() {
        assertThat(PromQlNames.of("momo_drift_value")).containsExactly("momo_drift_value");
    }

    @Test
    void names_matchersWithBracesAndNamesInStrings() {
        assertThat(PromQlNames.of("momo_x{a=\"b{c}\", d=~\"e|f_total\", g!=''}")).containsExactly("momo_x");
    }

    @Test
    void names_escapedQuotesInStrings() {
        assertThat(PromQlNames.of("a{x=\"say \\\"b_total\\\" (c)\"} + d")).containsExactly("a", "d");
    }

    @Test
    void names_functionsAndAggregationWithGroupingFirst() {
        assertThat(PromQlNames.of("sum by (model, version) (rate(momo_events_processed_total[5m]))"))
                .containsExactly("momo_events_processed_total");
    }

    @Test
    void names_groupingAfterAggregation() {
        assertThat(PromQlNames.of("sum(rate(a_total[1m])) without (instance, job)")).containsExactly("a_total");
    }

    @Test
    void names_vectorMatchingWithGroupLeft() {
        assertThat(PromQlNames.of("a / on (job, instance) group_left (model) b")).containsExactly("a", "b");
    }

    @Test
    void names_groupLeftWithoutLabelList() {
        assertThat(PromQlNames.of("a * ignoring(x) group_left b")).containsExactly("a", "b");
    }

    @Test
    void names_setOperatorsAndBoolInAnyCase() {
        assertThat(PromQlNames.of("a > bool 0 and b or c unless d AND e Or f")).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void names_offsetAndAtModifiers() {
        assertThat(PromQlNames.of("a offset 5m + b @ 1609746000 + c @ start() - d offset -1h30m"))
                .containsExactly("a", "b", "c", "d");
    }

    @Test
    void names_subquery() {
        assertThat(PromQlNames.of("max_over_time(rate(a[1m])[1h:5m])")).containsExactly("a");
    }

    @Test
    void names_numberLiteralsAreNotNames() {
        assertThat(PromQlNames.of("a * 1e3 + 0x1F - Inf + NaN + 2.5 + .5 + 1E-3 + vector(0) + time()"))
                .containsExactly("a");
    }

    @Test
    void names_histogramQuantileOfBuckets() {
        assertThat(PromQlNames.of("histogram_quantile(0.9, sum by (le) (rate(x_seconds_bucket[5m])))"))
                .containsExactly("x_seconds_bucket");
    }

    @Test
    void names_labelReplaceArguments() {
        assertThat(PromQlNames.of("label_replace(a, \"dst\", \"$1\", \"src\", \"(.*)\")")).containsExactly("a");
    }

    @Test
    void names_aggregationParameters() {
        assertThat(PromQlNames.of("topk(5, a) + count_values(\"value\", b) + quantile(0.9, c)"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void names_grafanaVariablesRemoved() {
        assertThat(PromQlNames.of("rate(a{job=\"$job\"}[$__rate_interval]) + b{x=~\"${feature:regex}\"} "
                + "+ increase(c[$__range]) * $scale + [[legacy]]")).containsExactly("a", "b", "c");
    }

    @Test
    void names_nameMatcherSelector() {
        assertThat(PromQlNames.of("{__name__=\"momo_x\", job=\"a\"}")).containsExactly("momo_x");
    }

    @Test
    void names_recordingRuleNamesWithColons() {
        assertThat(PromQlNames.of("job:momo_events:rate5m > 0")).containsExactly("job:momo_events:rate5m");
    }

    @Test
    void names_unaryMinusAndParentheses() {
        assertThat(PromQlNames.of("-(a) + (\n  b\n)")).containsExactly("a", "b");
    }

    @Test
    void names_emptyAndConstantExpressions() {
        assertThat(PromQlNames.of("")).isEmpty();
        assertThat(PromQlNames.of("1 + 1")).isEmpty();
        assertThat(PromQlNames.of("vector(1)")).isEmpty();
    }

    @Test
    void names_duplicatesReportedOnce() {
        assertThat(PromQlNames.of("a / a + sum(a)")).containsExactly("a");
    }
}
