package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import dev.momo.testing.AlertRecords;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    @Test
    void noParameters_givesDefaults() {
        final AlertFilter filter = AlertFilter.forAllModels(QueryParameters.parse(null));

        assertThat(filter.state()).isEqualTo(AlertFilter.StateFilter.OPEN);
        assertThat(filter.severity()).isNull();
        assertThat(filter.model()).isNull();
        assertThat(filter.limit()).isEqualTo(100);
        assertThat(filter.localScope()).isFalse();
    }

    @Test
    void everyParameter_isRead() {
        final AlertFilter filter = AlertFilter.forAllModels(
                QueryParameters.parse("state=RESOLVED&severity=critical&model=fraud%2Feu&limit=1000&scope=local"));

        assertThat(filter.state()).isEqualTo(AlertFilter.StateFilter.RESOLVED);
        assertThat(filter.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(filter.model()).isEqualTo("fraud/eu");
        assertThat(filter.limit()).isEqualTo(1000);
        assertThat(filter.localScope()).isTrue();
    }

    @Test
    void invalidState_namesValueAndChoices() {
        assertBadRequest("state=closed", "invalid state 'closed'", "open, resolved or all");
    }

    @Test
    void invalidSeverity_namesValueAndChoices() {
        assertBadRequest("severity=info", "invalid severity 'info'", "warning or critical");
    }

    @Test
    void limitOutsideRange_namesValueAndRange() {
        for (final String limit : new String[] {"0", "1001", "-5", "ten", "1.5", ""}) {
            assertBadRequest("limit=" + limit, "invalid limit '" + limit + "'", "1 to 1000");
        }
    }

    @Test
    void unknownScope_isRejected() {
        assertBadRequest("scope=global", "invalid scope 'global'", "scope=local");
    }

    @Test
    void emptyModel_isRejected() {
        assertBadRequest("model=", "model is empty", "model id");
    }

    @Test
    void unknownParameter_namesItAndKnownOnes() {
        assertBadRequest("stat=open&foo=1", "unknown query parameters 'foo', 'stat'", "limit, model, scope, severity, state");
    }

    @Test
    void modelParameterOnModelPath_isRejected() {
        assertThatThrownBy(() -> AlertFilter.forModel(QueryParameters.parse("model=other"), "fraud"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("unknown query parameter 'model'");
    }

    @Test
    void matches_filtersByLatestStateAndSeverity() {
        final DriftAlert open = AlertRecords.alert("a", "m", AlertState.UPDATED, AlertSeverity.WARNING, 1);
        final DriftAlert resolved = AlertRecords.alert("b", "m", AlertState.RESOLVED, AlertSeverity.CRITICAL, 1);

        assertThat(filter("state=open").matches(open)).isTrue();
        assertThat(filter("state=open").matches(resolved)).isFalse();
        assertThat(filter("state=resolved").matches(resolved)).isTrue();
        assertThat(filter("state=resolved").matches(open)).isFalse();
        assertThat(filter("state=all").matches(open)).isTrue();
        assertThat(filter("state=all").matches(resolved)).isTrue();
        assertThat(filter("state=all&severity=critical").matches(open)).isFalse();
        assertThat(filter("state=all&severity=critical").matches(resolved)).isTrue();
    }

    @Test
    void localQuery_keepsFiltersWithoutModel() {
        assertThat(filter("state=all&severity=WARNING&model=x&limit=7").localQuery())
                .isEqualTo("state=all&severity=warning&limit=7&scope=local");
        assertThat(filter("").localQuery()).isEqualTo("state=open&limit=100&scope=local");
    }

    private static AlertFilter filter(final String query) {
        return AlertFilter.forAllModels(QueryParameters.parse(query));
    }

    private static void assertBadRequest(final String query, final String... fragments) {
        assertThatThrownBy(() -> filter(query))
                .as(query)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContainingAll(fragments);
    }
}
