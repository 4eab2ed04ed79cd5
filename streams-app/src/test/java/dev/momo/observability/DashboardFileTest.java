package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL inside Grafana's Prometheus variable queries, as Grafana's Prometheus datasource reads them. */
class DashboardFileTest {

    @Test
    void variableExpression_labelValuesWithSelector() {
        assertThat(DashboardFile.variableExpression("label_values(momo_x{job=\"$job\", a=~\"b,c\"}, model)"))
                .isEqualTo("momo_x{job=\"$job\", a=~\"b,c\"}");
    }

    @Test
    void variableExpression_labelValuesOfLabelOnly() {
        assertThat(DashboardFile.variableExpression("label_values(job)")).isEmpty();
    }

    @Test
    void variableExpression_queryResult() {
        assertThat(DashboardFile.variableExpression("query_result(topk(5, sum by (model) (rate(a[5m]))))"))
                .isEqualTo("topk(5, sum by (model) (rate(a[5m])))");
    }

    @Test
    void variableExpression_otherTextUnchanged() {
        assertThat(DashboardFile.variableExpression("up")).isEqualTo("up");
    }
}
