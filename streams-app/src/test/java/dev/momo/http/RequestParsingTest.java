package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Path segments, path templates and query strings. */
class RequestParsingTest {

    @Test
    void split_decodesEachSegment() {
        assertThat(PathSegments.split("/api/models/fraud%2Feu%20v%C3%B1+x/alerts/"))
                .containsExactly("api", "models", "fraud/eu vñ+x", "alerts");
    }

    @Test
    void split_rootHasNoSegments() {
        assertThat(PathSegments.split("/")).isEmpty();
    }

    @Test
    void decode_rejectsInvalidEscape() {
        for (final String raw : new String[] {"a%2", "a%zz", "%"}) {
            assertThatThrownBy(() -> PathSegments.decode(raw))
                    .as(raw)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("'" + raw + "'");
        }
    }

    @Test
    void decode_rejectsInvalidUtf8() {
        assertThatThrownBy(() -> PathSegments.decode("%C3%28"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void encode_roundTripsThroughDecode() {
        for (final String value : new String[] {"fraud/eu", "a b+c", "modelo-ñ", "100%", "x?y#z", "~._-"}) {
            final String encoded = PathSegments.encode(value);

            assertThat(encoded).as(value).matches("[A-Za-z0-9%._~-]+");
            assertThat(PathSegments.decode(encoded)).as(value).isEqualTo(value);
        }
    }

    @Test
    void template_matchesVariables() {
        final PathTemplate template = PathTemplate.parse("/api/models/{model}/alerts");

        assertThat(template.match(List.of("api", "models", "a/b", "alerts"))).contains(Map.of("model", "a/b"));
        assertThat(template.match(List.of("api", "models", "", "alerts"))).isEmpty();
        assertThat(template.match(List.of("api", "models", "a", "alert"))).isEmpty();
        assertThat(template.match(List.of("api", "models", "a"))).isEmpty();
    }

    @Test
    void template_rejectsInvalidSyntax() {
        for (final String template : new String[] {"api/alerts", "/", "/api//alerts", "/api/{model", "/api/x{y}"}) {
            assertThatThrownBy(() -> PathTemplate.parse(template))
                    .as(template)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + template + "'");
        }
    }

    @Test
    void query_decodesFormEncoding() {
        final QueryParameters query = QueryParameters.parse("model=fraud%2Feu+x&flag&&limit=5");

        assertThat(query.get("model")).contains("fraud/eu x");
        assertThat(query.get("flag")).contains("");
        assertThat(query.get("limit")).contains("5");
        assertThat(query.names()).containsExactly("model", "flag", "limit");
    }

    @Test
    void query_rejectsRepeatedName() {
        assertThatThrownBy(() -> QueryParameters.parse("state=open&state=all"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("'state' is given more than once");
    }

    @Test
    void query_rejectsInvalidEscape() {
        assertThatThrownBy(() -> QueryParameters.parse("model=%G1"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'%G1'");
    }
}
