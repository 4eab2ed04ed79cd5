package dev.momo.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Paths of the Grafana and Prometheus files under test. Maven runs the tests in the module directory and
 * an IDE may run them in the repository root, so the root is the nearest directory, from the working
 * directory upwards, that contains {@code grafana/dashboards}.
 */
final class ObservabilityFiles {

    private ObservabilityFiles() {
    }

    static Path root() {
        Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (directory != null) {
            if (Files.isDirectory(directory.resolve("grafana/dashboards"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no grafana/dashboards directory in " + System.getProperty("user.dir")
                + " or above it; run the tests from the repository or the streams-app module");
    }

    /** Returns the dashboard files, sorted by name. */
    static List<Path> dashboards() {
        return list(root().resolve("grafana/dashboards"), ".json");
    }

    static List<Path> datasourceProvisioning() {
        return list(root().resolve("grafana/provisioning/datasources"), ".yml");
    }

    static List<Path> dashboardProvisioning() {
        return list(root().resolve("grafana/provisioning/dashboards"), ".yml");
    }

    static Path prometheusConfig() {
        return root().resolve("deploy/prometheus/prometheus.yml");
    }

    /** Returns the alerting rule files loaded by {@link #prometheusConfig()}. */
    static List<Path> ruleFiles() {
        return list(root().resolve("deploy/prometheus/rules"), ".yml");
    }

    /** Returns the promtool unit-test files of the rules. */
    static List<Path> ruleTests() {
        return list(root().resolve("deploy/prometheus/tests"), ".yml");
    }

    /** Returns the directory of the Node project that validates dashboards against Grafana's schema. */
    static Path dashboardCheckTool() {
        return root().resolve("tools/dashboard-check");
    }

    private static List<Path> list(final Path directory, final String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
