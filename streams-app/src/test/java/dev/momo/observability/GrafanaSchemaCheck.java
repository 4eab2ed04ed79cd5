package dev.momo.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code tools/dashboard-check/check-dashboards.mjs}, which validates dashboards against the JSON Schema
 * generated from the {@code @grafana/schema} npm package, and returns its findings per file. Installs the
 * tool's packages with {@code npm ci} from its lock file when they are missing.
 */
final class GrafanaSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);

    /** Findings of one run: the schema package version and the errors of each file (empty when valid). */
    record Report(String grafanaSchema, Map<String, List<String>> errors) {
    }

    private GrafanaSchemaCheck() {
    }

    /** Returns whether both {@code node} and {@code npm} are on the PATH. */
    static boolean available() {
        return ExternalCommand.find("node").isPresent() && ExternalCommand.find("npm").isPresent();
    }

    static Report run(final List<Path> dashboards) throws IOException {
        final Path tool = ObservabilityFiles.dashboardCheckTool();
        install(tool);

        final List<String> command = new ArrayList<>(List.of(ExternalCommand.find("node").orElseThrow().toString(),
                "check-dashboards.mjs"));
        dashboards.forEach(file -> command.add(file.toAbsolutePath().toString()));
        final ExternalCommand.Result result = ExternalCommand.run(command, tool, CHECK_TIMEOUT);
        if (result.exitCode() != 0 && result.exitCode() != 1) {
            throw new IllegalStateException("the dashboard check failed to run: " + result.describe());
        }

        final JsonNode report = JSON.readTree(result.stdout());
        final Map<String, List<String>> errors = new LinkedHashMap<>();
        for (final JsonNode file : report.path("files")) {
            final List<String> messages = new ArrayList<>();
            file.path("errors").forEach(message -> messages.add(message.asText()));
            errors.put(Path.of(file.path("file").asText()).getFileName().toString(), messages);
        }
        return new Report(report.path("grafanaSchema").asText(), errors);
    }

    /** Runs {@code npm ci} unless the packages of the lock file are installed already. */
    private static void install(final Path tool) throws IOException {
        final Path installed = tool.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(tool.resolve("package-lock.json"))) >= 0) {
            return;
        }
        final ExternalCommand.Result result = ExternalCommand.run(List.of(ExternalCommand.find("npm").orElseThrow().toString(),
                "ci", "--no-audit", "--no-fund"), tool, INSTALL_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed in " + tool + "; the registry may be unreachable: "
                    + result.describe());
        }
    }
}
