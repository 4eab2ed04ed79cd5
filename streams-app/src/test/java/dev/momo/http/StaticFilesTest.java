package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

    private final StaticFiles files = new StaticFiles();

    @Test
    void chartLibrary_comesFromTheWebJar() {
        final StaticFiles.File chart = files.find(StaticFiles.CHART_PATH).orElseThrow();

        assertThat(chart.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(new String(chart.bytes(), 0, 200, StandardCharsets.UTF_8)).contains("Chart.js v4.5.1");
    }

    @Test
    void openApiDocument_isServedAsJson() {
        final StaticFiles.File document = files.find(StaticFiles.OPENAPI_PATH).orElseThrow();

        assertThat(document.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(new String(document.bytes(), StandardCharsets.UTF_8)).contains("\"openapi\": \"3.1.0\"");
    }

    @Test
    void pathsOutsideTheConsole_areNotFiles() {
        assertThat(files.find("/console/../api/openapi.json")).isEmpty();
        assertThat(files.find("/console/%2e%2e/api/openapi.json")).isEmpty();
        assertThat(files.find("/console/..")).isEmpty();
        assertThat(files.find("/console/")).isEmpty();
        assertThat(files.find("/META-INF/MANIFEST.MF")).isEmpty();
        assertThat(files.find("/console/no-such-file.js")).isEmpty();
        assertThat(files.find("/dev/momo/http/ApiServer.class")).isEmpty();
    }
}
