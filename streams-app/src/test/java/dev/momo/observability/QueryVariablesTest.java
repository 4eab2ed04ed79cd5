package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Substitution of Grafana template variables, in both of Grafana's syntaxes. */
class QueryVariablesTest {

    @Test
    void substitute_namedAndBracedVariables() {
        assertThat(QueryVariables.substitute("a{job=\"$job\", m=~\"${model:regex}\"}[$__rate_interval]",
                Map.of("job", "momo", "model", "credit-default")))
                .isEqualTo("a{job=\"momo\", m=~\"credit-default\"}[1m]");
    }

    @Test
    void substitute_regexGroupReferencesKept() {
        assertThat(QueryVariables.substitute("label_replace(a, \"d\", \"$1\", \"s\", \"(.*)\")", Map.of()))
                .isEqualTo("label_replace(a, \"d\", \"$1\", \"s\", \"(.*)\")");
    }

    @Test
    void substitute_unknownVariableRejected() {
        assertThatThrownBy(() -> QueryVariables.substitute("a{x=\"$nope\"}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$nope");
    }
}
