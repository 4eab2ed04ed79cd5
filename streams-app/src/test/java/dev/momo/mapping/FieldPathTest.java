package dev.momo.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.mapping.FieldPath.Lookup;
import dev.momo.mapping.FieldPath.PathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pathWithIndexesResolvesJson() throws Exception {
        final JsonNode root = JSON.readTree("{\"outputs\": [{\"data\": [[1, 2], [3, 4]]}]}");

        final Lookup lookup = FieldPath.parse("outputs[0].data[1][0]").resolve(root, null);

        assertThat(lookup.isMissing()).isFalse();
        assertThat(((JsonNode) lookup.value()).intValue()).isEqualTo(3);
    }

    @Test
    void indexPastEndIsMissing() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": [1]}");

        assertThat(FieldPath.parse("a[1]").resolve(root, null).isMissing()).isTrue();
    }

    @Test
    void absentKeyIsMissing() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": {}}");

        assertThat(FieldPath.parse("a.b.c").resolve(root, null).isMissing()).isTrue();
    }

    @Test
    void nullOnTheWayIsNull() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": null}");

        final Lookup lookup = FieldPath.parse("a.b[3].c").resolve(root, null);

        assertThat(lookup.isMissing()).isFalse();
        assertThat(lookup.value()).isNull();
    }

    @Test
    void jsonNullLeafIsNull() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": null}");

        assertThat(FieldPath.parse("a").resolve(root, null).value()).isNull();
    }

    @Test
    void indexOnObjectThrows() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": {\"b\": 1}}");

        assertThatThrownBy(() -> FieldPath.parse("a[0]").resolve(root, null))
                .isInstanceOf(PathException.class)
                .hasMessage("'a' is a JSON object, not an array, so it has no index [0]");
    }

    @Test
    void nameOnRootArrayElementThrows() throws Exception {
        final JsonNode root = JSON.readTree("{\"a\": [[1]]}");

        assertThatThrownBy(() -> FieldPath.parse("a[0].b").resolve(root, null))
                .isInstanceOf(PathException.class)
                .hasMessage("'a[0]' is a JSON array, so it has no field 'b'");
    }

    @Test
    void keysWithSpacesResolve() throws Exception {
        final JsonNode root = JSON.readTree("{\"first name\": \"Ana\"}");

        assertThat(((JsonNode) FieldPath.parse("first name").resolve(root, null).value()).textValue())
                .isEqualTo("Ana");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "[0]", "a[]", "a[-1]", "a[1x]", "a]", "a[0]b",
            "a[1234567890]"})
    void invalidPathThrows(final String text) {
        assertThatThrownBy(() -> FieldPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathKeepsItsText() {
        assertThat(FieldPath.parse("a.b[2][0].c")).hasToString("a.b[2][0].c");
        assertThat(FieldPath.parse("a.b")).isEqualTo(FieldPath.parse("a.b"));
    }
}
