package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard validates against Grafana's dashboard model: the JSON Schema that ts-json-schema-generator
 * makes from the TypeScript types of the npm package {@code @grafana/schema} (pinned in
 * tools/dashboard-check/package-lock.json), checked with Ajv, panel options included. A deliberately broken
 * dashboard shows that the check rejects what Grafana would reject. Skipped only when node or npm is missing.
 */
class DashboardSchemaTest {

    private static GrafanaSchemaCheck.Report dashboards;
    private static GrafanaSchemaCheck.Report broken;

    /** Runs the check once for all tests; without node or npm each test is skipped in {@link #requireNode}. */
    @BeforeAll
    static void runCheck() throws Exception {
        if (!GrafanaSchemaCheck.available()) {
            return;
        }
        final Path brokenFile = Path.of(DashboardSchemaTest.class.getResource("/observability/broken-dashboard.json").toURI());
        final List<Path> files = new java.util.ArrayList<>(ObservabilityFiles.dashboards());
        dashboards = GrafanaSchemaCheck.run(files);
        broken = GrafanaSchemaCheck.run(List.of(brokenFile));
    }

    @BeforeEach
    void requireNode() {
        assumeTrue(GrafanaSchemaCheck.available(), "node and npm are not both on the PATH: install Node.js 18+ with npm"
                + " to validate the dashboards against @grafana/schema");
    }

    @Test
    void dashboards_validAgainstGrafanaSchema() {
        assertThat(dashboards.grafanaSchema()).isNotBlank();
        assertThat(dashboards.errors().keySet()).containsExactlyInAnyOrder("momo-model.json", "momo-overview.json",
                "momo-pipeline.json");
        for (final Map.Entry<String, List<String>> file : dashboards.errors().entrySet()) {
            assertThat(file.getValue()).as("schema errors of %s (@grafana/schema %s)", file.getKey(),
                    dashboards.grafanaSchema()).isEmpty();
        }
    }

    @Test
    void brokenDashboard_unknownDashboardFieldRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error).startsWith("/: must NOT have additional properties")
                .contains("refreshInterval"));
    }

    @Test
    void brokenDashboard_missingSchemaVersionRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error).contains("schemaVersion"));
    }

    @Test
    void brokenDashboard_gridWidthOfWrongTypeRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error).startsWith("/panels/0/gridPos/w: must be number"));
    }

    @Test
    void brokenDashboard_unknownPanelTypeRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error)
                .startsWith("/panels/1/type: panel type \"timeserie\" has no panel schema"));
    }

    @Test
    void brokenDashboard_invalidPanelOptionRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error)
                .startsWith("/panels/2/options/legend/placement: must be equal to one of the allowed values"));
    }

    @Test
    void brokenDashboard_invalidFieldConfigRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error)
                .startsWith("/panels/2/fieldConfig/defaults/custom/drawStyle: must be equal to one of the allowed values"));
    }

    @Test
    void brokenDashboard_annotationWithoutNameRejected() {
        assertThat(errorsOfBroken()).anySatisfy(error -> assertThat(error)
                .startsWith("/annotations/list/0: must have required property 'name'"));
    }

    private static List<String> errorsOfBroken() {
        assertThat(broken.errors()).containsOnlyKeys("broken-dashboard.json");
        return broken.errors().get("broken-dashboard.json");
    }
}
