package dev.momo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.testing.OpenApiSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes the server has, and its schemas reject wrong pages. */
class OpenApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void documentPathsAreTheServedRoutes() {
        final AlertRoutes alerts = new AlertRoutes(null, null, Duration.ofSeconds(1));
        final List<ApiRoute> routes = new ArrayList<>(alerts.routes());
        routes.addAll(new ModelRoutes(null, null, alerts, Duration.ofSeconds(1), null).routes());
        final Set<String> served = new TreeSet<>();
        routes.forEach(route -> served.add(route.path().toString()));
        served.add(StaticFiles.OPENAPI_PATH);

        final Set<String> documented = new TreeSet<>();
        OpenApiSchemas.document().path("paths").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).isEqualTo(served);
        routes.forEach(route -> assertThat(OpenApiSchemas.document().path("paths").path(route.path().toString())
                .has(route.method().toLowerCase(java.util.Locale.ROOT))).as("%s %s", route.method(), route.path()).isTrue());
    }

    @Test
    void versionPageSchemaRejectsAPageWithoutFeatures() throws Exception {
        final JsonNode page = JSON.readTree("""
                {"model":"m","version":"1","eventsPerSecond":null,"lastEventTime":null,"lastComputedAt":null,
                 "firstComputedAt":null,"status":"no_data","openAlerts":0,
                 "openAlertsBySeverity":{"warning":0,"critical":0},"reference":null,"dataset":[],"alerts":[],
                 "partial":false,"unavailable":[]}""");

        assertThat(OpenApiSchemas.violations(page, "VersionPage")).singleElement().asString().contains("features");
    }

    @Test
    void pointSchemaRejectsATextValueAndAcceptsNull() throws Exception {
        final String point = """
                {"windowIndex":3,"windowStart":"2026-12-05T04:00:00Z","windowEnd":"2026-12-05T04:00:10Z",
                 "inputPartition":null,"value":%s,"threshold":0.1,"criticalThreshold":null,"pValue":null,
                 "referenceValue":null,"drifted":false,"sampleSize":2000,"computedAt":"2026-12-05T04:00:11Z"}""";

        assertThat(OpenApiSchemas.violations(JSON.readTree(point.formatted("null")), "Point")).isEmpty();
        assertThat(OpenApiSchemas.violations(JSON.readTree(point.formatted("\"NaN\"")), "Point")).isNotEmpty();
    }

    @Test
    void errorSchemaMatchesTheServersErrorBody() {
        assertThat(OpenApiSchemas.violations(ApiResponse.error(404, "model 'x' not found").body(), "Error")).isEmpty();
    }
}
