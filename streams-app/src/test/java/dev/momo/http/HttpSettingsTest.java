package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void fromEmptyProperties_usesLoopbackDefaults() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of());

        assertThat(settings).isEqualTo(HttpSettings.DEFAULTS);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.applicationServer()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void fromProperties_readsEveryKey() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of(
                "momo.http.host", "10.0.0.5", "momo.http.port", " 9000 ", "momo.http.advertised", "momo-1.internal:9000"));

        assertThat(settings.host()).isEqualTo("10.0.0.5");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.advertised()).isEqualTo(new HostInfo("momo-1.internal", 9000));
        assertThat(settings.applicationServer()).isEqualTo("momo-1.internal:9000");
    }

    @Test
    void token_isReadAndNeverPrinted() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of("momo.http.token", " s3cret-token-0123456789 "));

        assertThat(settings.token()).isEqualTo("s3cret-token-0123456789");
        assertThat(settings.toString()).contains("token=***").doesNotContain("s3cret");
        assertThat(HttpSettings.fromProperties(Map.of("momo.http.token", " ")).token()).isNull();
        assertThat(HttpSettings.DEFAULTS.toString()).contains("token=none");
    }

    @Test
    void token_tooShortOrWithSpaces_isRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> HttpSettings.fromProperties(Map.of("momo.http.token", "short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.http.token").hasMessageContaining("at least 16").hasMessageNotContaining("short,");
        assertThatThrownBy(() -> new HttpSettings("127.0.0.1", 0, null, "with a space in the token"))
                .hasMessageContaining("without spaces").hasMessageNotContaining("with a space");
    }

    @Test
    void portZeroWithoutAdvertised_advertisesNothing() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of("momo.http.port", "0"));

        assertThat(settings.advertised()).isNull();
        assertThat(settings.applicationServer()).isNull();
    }

    @Test
    void advertisedIpv6_keepsBracketsInApplicationServer() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of("momo.http.advertised", "[::1]:8081"));

        assertThat(settings.advertised()).isEqualTo(new HostInfo("::1", 8081));
        assertThat(settings.applicationServer()).isEqualTo("[::1]:8081");
    }

    @Test
    void invalidPort_namesKeyAndValue() {
        for (final String port : new String[] {"abc", "-1", "65536", ""}) {
            assertThatThrownBy(() -> HttpSettings.fromProperties(Map.of("momo.http.port", port)))
                    .as("port '%s'", port)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("momo.http.port '" + port + "'")
                    .hasMessageContaining("0 to 65535");
        }
    }

    @Test
    void invalidAdvertised_namesKeyAndValue() {
        for (final String advertised : new String[] {"momo-1", "momo-1:", ":8080", "momo-1:0", "momo-1:x", "::1:8080"}) {
            assertThatThrownBy(() -> HttpSettings.fromProperties(Map.of("momo.http.advertised", advertised)))
                    .as("advertised '%s'", advertised)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("momo.http.advertised '" + advertised + "'");
        }
    }

    @Test
    void blankHost_namesKey() {
        assertThatThrownBy(() -> HttpSettings.fromProperties(Map.of("momo.http.host", "  ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.http.host");
    }

    @Test
    void wildcardHostWithoutAdvertised_isRejected() {
        assertThatThrownBy(() -> HttpSettings.fromProperties(Map.of("momo.http.host", "0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momo.http.host '0.0.0.0'")
                .hasMessageContaining("set momo.http.advertised");
    }

    @Test
    void wildcardHostWithAdvertised_isAccepted() {
        final HttpSettings settings = HttpSettings.fromProperties(Map.of(
                "momo.http.host", "0.0.0.0", "momo.http.advertised", "momo-2:8080"));

        assertThat(settings.advertised()).isEqualTo(new HostInfo("momo-2", 8080));
    }
}
