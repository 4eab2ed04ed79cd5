package dev.momo.cli;

import dev.momo.analyze.FileAnalysis;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ReferenceProfile;
import dev.momo.schema.DriftMetric;
import dev.momo.serde.JsonRecordWriter;
import dev.momo.table.CsvTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.generic.IndexedRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code momo analyze}: the live topology over a file, on the in-process broker. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Run the Momo topology over a file and write the drift metrics.",
                "The topology runs on an in-process Kafka broker.",
                "Rows are replayed in file order; windows hold N consecutive rows (the last may be shorter)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE.json", description = "Reference profile from 'momo reference build'.")
    private Path profilePath;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Data to analyze: CSV, optionally gzip-compressed, with the profile's columns.")
    private Path input;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Rows per window (default: the profile's chunk size).")
    private Integer chunkSize;

    @Option(names = "--statistics", split = ",", paramLabel = "NAME",
            description = {"Distances and tests to run instead of the profile's, for example psi,hellinger.",
                    "Those without a threshold in the profile use their fixed defaults."})
    private List<String> statistics;

    @Option(names = "--output", required = true, paramLabel = "METRICS.jsonl", description = "Drift metrics, one JSON object per line.")
    private Path output;

    @Option(names = "--alerts", paramLabel = "ALERTS.jsonl", description = "Also write the alert records, one JSON object per line.")
    private Path alertsOutput;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Give up when the topology has not written every window by then (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws IOException {
        if (chunkSize != null && chunkSize < 1) {
            throw new IllegalArgumentException("--chunk-size must be >= 1 row, got " + chunkSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
        OutputFiles.checkWritable(output, "--output");
        if (alertsOutput != null) {
            OutputFiles.checkWritable(alertsOutput, "--alerts");
        }
        final ReferenceProfile read = ProfileJson.read(profilePath);
        final ReferenceProfile profile = statistics == null ? read
                : read.withStatistics(StatisticNames.parse(statistics, "--statistics"));
        final int windowSize = chunkSize == null ? profile.chunkSize() : chunkSize;
        final PrintWriter err = spec.commandLine().getErr();
        err.println("Reading " + input);
        final CsvTable table = CsvTable.read(input);
        err.println("Analyzing " + table.rowCount() + " rows of model " + profile.modelId() + " version "
                + profile.modelVersion() + " in windows of " + windowSize + " rows on an in-process broker");
        if (windowSize != profile.chunkSize() && profile.chunkCount() >= 2
                && profile.checks().thresholdMode() == dev.momo.profile.ThresholdMode.REFERENCE) {
            err.println("Warning: windows of " + windowSize + " rows, but the profile's thresholds were derived from"
                    + " chunks of " + profile.chunkSize() + "; most statistics grow as windows shrink, so rebuild the"
                    + " profile with --chunk-size " + windowSize);
        } else if (windowSize != profile.chunkSize()) {
            err.println("Warning: windows of " + windowSize + " rows, but the profile chose its statistics for"
                    + " chunks of " + profile.chunkSize() + "; rebuild it with --chunk-size " + windowSize
                    + " to get the defaults for this size");
        }
        final FileAnalysis.Result result = FileAnalysis.run(profile, table, windowSize, timeout,
                rows -> err.printf("  published %d of %d rows%n", rows, table.rowCount()));

        final boolean timed = profile.timestampColumn() != null;
        writeLines(output, result.metrics(), timed);
        if (alertsOutput != null) {
            writeLines(alertsOutput, result.alerts(), timed);
        }
        final long drifted = result.metrics().stream().filter(DriftMetric::getDrifted).count();
        spec.commandLine().getOut().println("Wrote " + result.metrics().size() + " metrics of " + result.windows()
                + " windows to " + output + " (" + drifted + " drifted"
                + (alertsOutput == null ? "" : ", " + result.alerts().size() + " alert records to " + alertsOutput) + ")");
        return 0;
    }

    /** JSON lines; window times are left out (null) when the profile has no timestamp column. */
    private static void writeLines(final Path file, final List<? extends IndexedRecord> records, final boolean timed)
            throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (final IndexedRecord record : records) {
                final ObjectNode node = JsonRecordWriter.toJsonNode(record);
                if (!timed) {
                    node.putNull("windowStart");
                    node.putNull("windowEnd");
                }
                writer.write(node.toString());
                writer.newLine();
            }
        }
    }
}
