package dev.momo.load.alerts;

import dev.momo.load.Machine;
import dev.momo.analyze.FileAnalysis;
import dev.momo.app.Directories;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures how well Momo's alerts find known changes: replays each {@link Scenarios scenario} through
 * {@link FileAnalysis} (the live topology on an in-process broker on 127.0.0.1) with default settings,
 * that is the default profile options, windows of the profile's chunk size and the default alert
 * lifecycle, then scores the alert records against the scenario's change points ({@link ScenarioScore})
 * and prints a Markdown report ({@link QualityReport}).
 *
 * <p>Exit codes: 0 when every scenario ran, whatever its score; 1 when one failed; 2 for invalid options.
 */
@Command(name = "alert-quality", mixinStandardHelpOptions = true,
        description = {"Replay streams with known change points through Momo with default settings and report"
                + " alerts opened, false alerts, changes found and missed, and the delay from change to alert.",
                "Runs on an in-process broker on 127.0.0.1."})
public final class AlertQuality implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertQuality.class);

    @Option(names = "--scenario", paramLabel = "NAME",
            description = {"Run only this scenario; repeatable. Default: all of them, which takes about 2 minutes"
                    + " on 2 cores. Names: car-loan, credit-card, car-price, sea-abrupt, sea-gradual, sine-abrupt,"
                    + " no-drift-car-loan, no-drift-credit-card, no-drift-car-price, no-drift-sea-abrupt,"
                    + " no-drift-sea-gradual, no-drift-sine-abrupt."})
    private List<String> scenarioNames = List.of();

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the Markdown report to this file.")
    private Path output;

    @Option(names = "--datasets", paramLabel = "DIR", defaultValue = "../shared/datasets",
            description = "Folder of the shared data sets, with nannyml/ and harvard-concept-drift/"
                    + " (default: ${DEFAULT-VALUE}, relative to the working directory).")
    private Path datasets;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Maximum wait for the topology's output of one scenario, in seconds (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    public static void main(final String[] args) {
        final int exitCode = new CommandLine(new AlertQuality())
                .setExecutionExceptionHandler(AlertQuality::failed)
                .execute(args);
        // The broker's threads are not daemons: exit explicitly so that a thread left behind cannot keep the JVM up.
        System.exit(exitCode);
    }

    /** Prints invalid options as one line (exit code 2) and logs other failures with their cause (exit code 1). */
    private static int failed(final Exception e, final CommandLine command, final CommandLine.ParseResult result) {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        LOG.error("Alert-quality benchmark failed", e);
        return CommandLine.ExitCode.SOFTWARE;
    }

    @Override
    public Integer call() throws IOException {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        for (final String folder : List.of("nannyml", "harvard-concept-drift")) {
            if (!Files.isDirectory(datasets.resolve(folder))) {
                throw new IllegalArgumentException("data set folder " + datasets.resolve(folder).toAbsolutePath()
                        + " not found; give the shared data sets folder with --datasets DIR");
            }
        }
        final Path workDirectory = Files.createTempDirectory("momo-alert-quality-");
        final List<ScenarioScore> scores = new ArrayList<>();
        final Instant started = Instant.now();
        try {
            for (final Scenario scenario : selected(new Scenarios(datasets, workDirectory).all())) {
                scores.add(run(scenario));
            }
        } finally {
            Directories.deleteRecursively(workDirectory);
        }

        final long seconds = Duration.between(started, Instant.now()).toSeconds();
        final List<String> header = List.of(
                "Run " + started.truncatedTo(ChronoUnit.SECONDS) + " with `load-tests/run-alert-quality"
                        + (scenarioNames.isEmpty() ? "" : " --scenario " + String.join(" --scenario ", scenarioNames))
                        + "`, " + seconds + " s in all.",
                "",
                "Machine: " + Machine.current().describe() + ".",
                "",
                "Settings: the defaults of `momo reference build` with the column roles named (fixed drift"
                        + " thresholds, performance thresholds from the reference chunks, chunks of " + ProfileOptions.DEFAULT_CHUNK_SIZE + " rows, ADWIN on the probability column,"
                        + " else on a numeric prediction column), windows of the profile's chunk size, and the"
                        + " default alert lifecycle.");
        final String report = QualityReport.markdown(header, scores);
        System.out.println(report);
        if (output != null) {
            final Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
        return CommandLine.ExitCode.OK;
    }

    private List<Scenario> selected(final Map<String, Scenario> all) {
        if (scenarioNames.isEmpty()) {
            return List.copyOf(all.values());
        }
        final List<Scenario> chosen = new ArrayList<>();
        for (final String name : scenarioNames) {
            final Scenario scenario = all.get(name);
            if (scenario == null) {
                throw new IllegalArgumentException("unknown --scenario '" + name + "'; choose one of " + all.keySet());
            }
            if (!chosen.contains(scenario)) {
                chosen.add(scenario);
            }
        }
        return chosen;
    }

    private ScenarioScore run(final Scenario scenario) {
        final long start = System.nanoTime();
        LOG.info("Scenario {}: building the profile and reading the rows", scenario.name());
        final Scenario.Replay replay = scenario.loader().get();
        final ReferenceProfile profile = replay.profile();
        final int chunkSize = profile.chunkSize();
        LOG.info("Scenario {}: analysing {} rows in windows of {}", scenario.name(), replay.analysis().rowCount(),
                chunkSize);
        final FileAnalysis.Result result = FileAnalysis.run(profile, replay.analysis(), chunkSize,
                Duration.ofSeconds(timeoutSeconds), rows -> { });
        final ScenarioScore score = ScenarioScore.of(scenario, result.rows(), result.alerts(),
                AlertSignals.of(result, chunkSize));
        LOG.info("Scenario {} took {} s: {}", scenario.name(), (System.nanoTime() - start) / 1_000_000_000L, score);
        return score;
    }
}
