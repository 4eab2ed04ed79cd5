package dev.momo.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks of the dashboards that Grafana's schema does not make: unique panel ids, one provisioned
 * datasource, defined variables, a layout that fits the 24-column grid, and links to dashboards that exist.
 */
class DashboardStructureTest {

    /** Panel types whose panels carry no query. */
    private static final Set<String> WITHOUT_QUERIES = Set.of("row", "text");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?}|\\$([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([a-zA-Z0-9_-]+)/");

    static Stream<Path> dashboards() {
        return ObservabilityFiles.dashboards().stream();
    }

    @Test
    void dashboards_threeWithDistinctUids() {
        final List<String> uids = dashboards().map(DashboardFile::read).map(DashboardFile::uid).toList();

        assertThat(uids).containsExactlyInAnyOrder("momo-model", "momo-overview", "momo-pipeline");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelIds_uniqueWithinDashboard(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);
        final List<Integer> ids = dashboard.panels().stream().map(panel -> panel.path("id").asInt(-1)).toList();

        assertThat(ids).as("panel ids of %s", dashboard.name()).doesNotContain(-1).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void datasources_referToProvisionedUid(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);
        final String uid = provisionedUid();

        final Map<String, JsonNode> datasources = dashboard.datasources();
        assertThat(datasources).as("datasource references in %s", dashboard.name()).isNotEmpty();
        datasources.forEach((pointer, datasource) -> {
            assertThat(datasource.isObject()).as("%s%s must be an object with type and uid, not %s", dashboard.name(),
                    pointer, datasource).isTrue();
            assertThat(datasource.path("uid").asText()).as("%s%s uid", dashboard.name(), pointer).isEqualTo(uid);
            assertThat(datasource.path("type").asText()).as("%s%s type", dashboard.name(), pointer).isEqualTo("prometheus");
        });
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panels_carryQueriesWithUniqueRefIds(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);

        for (final JsonNode panel : dashboard.panels()) {
            if (WITHOUT_QUERIES.contains(panel.path("type").asText())) {
                continue;
            }
            final String where = dashboard.name() + " panel " + panel.path("id").asInt();
            final List<String> refIds = new ArrayList<>();
            panel.path("targets").forEach(target -> refIds.add(target.path("refId").asText()));
            assertThat(refIds).as("refIds of %s", where).isNotEmpty().doesNotHaveDuplicates().doesNotContain("");
            panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
                    .as("expr of %s target %s", where, target.path("refId").asText()).isNotBlank());
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void variables_definedWhereUsed(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);
        final Set<String> defined = dashboard.variableNames();

        final Set<String> used = new TreeSet<>();
        dashboard.queries().forEach(query -> used.addAll(variablesIn(query.expression())));
        dashboard.panels().forEach(panel -> {
            used.addAll(variablesIn(panel.path("title").asText()));
            if (panel.has("repeat")) {
                used.add(panel.path("repeat").asText());
            }
        });

        assertThat(defined).as("variables of %s", dashboard.name()).containsAll(used);
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void repeatedPanels_repeatOverMultiValueVariables(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);

        for (final JsonNode panel : dashboard.panels()) {
            if (!panel.has("repeat")) {
                continue;
            }
            final JsonNode variable = dashboard.variables().stream()
                    .filter(candidate -> candidate.path("name").asText().equals(panel.path("repeat").asText()))
                    .findFirst().orElseThrow();
            assertThat(variable.path("multi").asBoolean()).as("%s panel %d repeats over %s", dashboard.name(),
                    panel.path("id").asInt(), variable.path("name").asText()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void layout_fitsGridWithoutOverlaps(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);
        final Set<String> cells = new HashSet<>();

        for (final JsonNode panel : dashboard.json().path("panels")) {
            final JsonNode grid = panel.path("gridPos");
            final int x = grid.path("x").asInt();
            final int y = grid.path("y").asInt();
            final int width = grid.path("w").asInt();
            final int height = grid.path("h").asInt();
            final String where = dashboard.name() + " panel " + panel.path("id").asInt() + " at " + grid;
            assertThat(width).as("width of %s", where).isBetween(1, 24);
            assertThat(height).as("height of %s", where).isPositive();
            assertThat(x + width).as("right edge of %s", where).isLessThanOrEqualTo(24);
            for (int column = x; column < x + width; column++) {
                for (int line = y; line < y + height; line++) {
                    assertThat(cells.add(column + ":" + line)).as("%s overlaps another panel at column %d, row %d",
                            where, column, line).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void links_pointToExistingDashboards(final Path file) {
        final DashboardFile dashboard = DashboardFile.read(file);
        final Set<String> uids = new HashSet<>(dashboards().map(DashboardFile::read).map(DashboardFile::uid).toList());

        final Matcher link = DASHBOARD_LINK.matcher(dashboard.json().toString());
        while (link.find()) {
            assertThat(uids).as("dashboard linked from %s", dashboard.name()).contains(link.group(1));
        }
    }

    @Test
    void dashboardProvider_readsFilesIntoMomoFolder() {
        final List<Path> files = ObservabilityFiles.dashboardProvisioning();
        assertThat(files).hasSize(1);

        final JsonNode providers = RuleFiles.read(files.get(0)).path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
        assertThat(providers.get(0).path("folder").asText()).isEqualTo("Momo");
        assertThat(providers.get(0).path("options").path("path").asText()).startsWith("/");
    }

    /** Returns the uid of the one provisioned datasource, which every dashboard must use. */
    static String provisionedUid() {
        final List<String> uids = new ArrayList<>();
        for (final Path file : ObservabilityFiles.datasourceProvisioning()) {
            RuleFiles.read(file).path("datasources").forEach(datasource -> {
                assertThat(datasource.path("type").asText()).as("type of datasource in %s", file).isEqualTo("prometheus");
                uids.add(datasource.path("uid").asText());
            });
        }
        assertThat(uids).as("provisioned datasource uids").hasSize(1);
        return uids.get(0);
    }

    private static Set<String> variablesIn(final String text) {
        final Set<String> names = new TreeSet<>();
        final Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            final String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            if (!name.startsWith("__")) {
                names.add(name);
            }
        }
        return names;
    }
}
