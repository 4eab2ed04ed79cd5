package dev.momo.cli;

import dev.momo.profile.ChunkReference;
import dev.momo.profile.ColumnProfile;
import dev.momo.profile.DetectorSpec;
import dev.momo.profile.PValueCorrection;
import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.profile.ThresholdMode;
import dev.momo.statistics.BinningRule;
import dev.momo.table.CsvTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code momo reference}: reference profiles. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Build reference profiles from training data.",
        subcommands = ReferenceCommand.Build.class)
public final class ReferenceCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing; use 'build'");
    }

    /** {@code momo reference build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build a reference profile (JSON) from a CSV or gzip-compressed CSV file with a header.")
    static final class Build implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Reference data: CSV, optionally gzip-compressed.")
        private Path input;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "Model id.")
        private String model;

        @Option(names = "--model-version", required = true, paramLabel = "V", description = "Model version (no '/').")
        private String modelVersion;

        @Option(names = "--timestamp", paramLabel = "COL", description = "Event-time column (ISO-8601, 'yyyy-MM-dd HH:mm:ss[.SSS]' UTC, or epoch ms).")
        private String timestamp;

        @Option(names = "--prediction", paramLabel = "COL", description = "Prediction column.")
        private String prediction;

        @Option(names = "--probability", paramLabel = "COL", description = "Predicted-probability column.")
        private String probability;

        @Option(names = "--label", paramLabel = "COL", description = "Label column; not monitored for drift.")
        private String label;

        @Option(names = "--categorical", split = ",", paramLabel = "COL", description = "Columns to read as categorical.")
        private List<String> categorical = List.of();

        @Option(names = "--numeric", split = ",", paramLabel = "COL", description = "Columns to read as numeric.")
        private List<String> numeric = List.of();

        @Option(names = "--ignore", split = ",", paramLabel = "COL", description = "Columns not to monitor (ids, free text).")
        private List<String> ignore = List.of();

        @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "" + ProfileOptions.DEFAULT_CHUNK_SIZE,
                description = "Rows per reference chunk for the thresholds; use the live window size (default: ${DEFAULT-VALUE}).")
        private int chunkSize;

        @Option(names = "--bins", paramLabel = "K", defaultValue = "" + ProfileOptions.DEFAULT_BINS,
                description = "Bins of numeric columns for the quantile and equal-width rules (default: ${DEFAULT-VALUE}).")
        private int bins;

        @Option(names = "--binning", split = ",", paramLabel = "RULE|COL=RULE",
                description = {"Binning of numeric columns: quantile (default), equal-width, or NumPy's doane, sturges,"
                        + " fd, auto; COL=RULE sets one column's rule. Example: --binning doane,income=quantile"})
        private List<String> binning = List.of();

        @Option(names = "--statistics", split = ",", paramLabel = "NAME",
                description = {"Distances and tests to run on each window, for example jensen_shannon,wasserstein_normalized,chi2."
                        + " Default: chosen by threshold mode and chunk size (see docs/statistics.md)."
                        + " Data-quality checks always run."})
        private List<String> statistics;

        @Option(names = "--threshold-mode", paramLabel = "MODE", defaultValue = "fixed",
                description = {"fixed (documented levels; default), p-value (tests at --alpha), or reference"
                        + " (mean + K standard deviations of each statistic over reference chunks, as NannyML)."})
        private String thresholdMode;

        @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
                description = "Significance level of the tests in --threshold-mode p-value; the fixed mode uses 0.05"
                        + " (default: ${DEFAULT-VALUE}).")
        private double alpha;

        @Option(names = "--p-value-correction", paramLabel = "NAME", defaultValue = "none",
                description = "Correction across the tests of one window: none (default), bonferroni or benjamini-hochberg.")
        private String correction;

        @Option(names = "--epsilon", paramLabel = "E", defaultValue = "1e-4",
                description = "Proportion that replaces an empty bin in PSI and KL divergence (default: ${DEFAULT-VALUE}).")
        private double epsilon;

        @Option(names = "--chunk-reference", paramLabel = "rest|whole", defaultValue = "rest",
                description = "Compare each reference chunk with the rest of the reference (default) or the whole of it, as NannyML does.")
        private String chunkReference;

        @Option(names = "--class-probabilities", split = ",", paramLabel = "CLASS=COL",
                description = {"Probability column of each class of a multiclass model, for example"
                        + " prepaid_card=y_pred_proba_prepaid_card,upmarket_card=y_pred_proba_upmarket_card."
                        + " A binary model names its positive-class column with --probability instead."})
        private List<String> classProbabilities = List.of();

        @Option(names = "--detector", paramLabel = "NAME:SIGNAL[:K=V,...]",
                description = {"A streaming change detector on one signal: a numeric column, or COLUMN=CATEGORY for"
                        + " the share of a category; repeatable. Example: --detector page-hinkley:income:threshold=40."
                        + " Default: adwin on the probability column, else on a numeric prediction column."
                        + " 'none' turns the default off. See docs/detectors.md."})
        private List<String> detectors;

        @Option(names = "--sample-points", paramLabel = "N", defaultValue = "" + ProfileOptions.DEFAULT_SAMPLE_POINTS,
                description = "Distinct values kept of each numeric reference sample; exact up to this many (default: ${DEFAULT-VALUE}).")
        private int samplePoints;

        @Option(names = "--threshold-std", paramLabel = "K", defaultValue = "" + ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER,
                description = "Threshold = mean + K standard deviations of the statistic over reference chunks (default: ${DEFAULT-VALUE}).")
        private double thresholdStd;

        @Option(names = "--output", required = true, paramLabel = "PROFILE.json", description = "Where to write the profile.")
        private Path output;

        @Override
        public Integer call() throws IOException {
            final ProfileOptions options = new ProfileOptions(model, modelVersion, timestamp, prediction, probability,
                    label, Set.copyOf(categorical), Set.copyOf(numeric), Set.copyOf(ignore), chunkSize, bins,
                    samplePoints, thresholdStd)
                    .withThresholds(ThresholdMode.fromId(thresholdMode), alpha, PValueCorrection.fromId(correction),
                            ChunkReference.fromId(chunkReference))
                    .withStatistics(statistics == null ? null : StatisticNames.parse(statistics, "--statistics"), epsilon);
            final ProfileOptions binned = withClassProbabilities(withDetectors(withBinning(options)));

            if (modelVersion.indexOf('/') >= 0) {
                throw new IllegalArgumentException("model version '" + modelVersion + "' contains '/'; use a version without it");
            }
            final Set<String> named = new LinkedHashSet<>();
            for (final String column : List.of(nullToEmpty(timestamp), nullToEmpty(prediction), nullToEmpty(probability), nullToEmpty(label))) {
                if (!column.isEmpty() && !named.add(column)) {
                    throw new IllegalArgumentException("column '" + column + "' is given two roles; name each column once");
                }
            }

            OutputFiles.checkWritable(output, "--output");
            final PrintWriter err = spec.commandLine().getErr();
            err.println("Reading " + input);
            final CsvTable table = CsvTable.read(input);
            err.println("Profiling " + table.rowCount() + " rows, " + table.header().size() + " columns; thresholds from "
                    + (table.rowCount() / chunkSize) + " chunks of " + chunkSize + " rows");
            final ReferenceProfile profile = new ProfileBuilder(binned).build(table,
                    chunks -> err.printf("  chunk %d of %d%n", chunks, table.rowCount() / chunkSize));
            final Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ProfileJson.write(profile, output);

            final PrintWriter out = spec.commandLine().getOut();
            for (final ColumnProfile column : profile.columns()) {
                out.printf("%-32s %-11s %-10s %d values, %d missing%n", column.name(),
                        column.kind().name().toLowerCase(java.util.Locale.ROOT),
                        column.role().name().toLowerCase(java.util.Locale.ROOT), column.count(), column.missing());
            }
            out.println("Wrote profile of model " + model + " version " + modelVersion + " to " + output);
            return 0;
        }

        /** Applies {@code --class-probabilities}: CLASS=COLUMN entries, in the order given. */
        private ProfileOptions withClassProbabilities(final ProfileOptions options) {
            if (classProbabilities.isEmpty()) {
                return options;
            }
            final Map<String, String> columns = new LinkedHashMap<>();
            for (final String entry : classProbabilities) {
                final int equals = entry.indexOf('=');
                if (equals <= 0 || equals == entry.length() - 1) {
                    throw new IllegalArgumentException("invalid --class-probabilities entry '" + entry
                            + "'; expected CLASS=COLUMN, for example upmarket_card=y_pred_proba_upmarket_card");
                }
                columns.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
            return options.withClassProbabilities(columns);
        }

        /** Applies {@code --detector}: the listed detectors, none for 'none', the default when not given. */
        private ProfileOptions withDetectors(final ProfileOptions options) {
            if (detectors == null) {
                return options;
            }
            final List<DetectorSpec> specs = new ArrayList<>();
            for (final String text : detectors) {
                if (!text.trim().equalsIgnoreCase("none")) {
                    specs.add(DetectorSpec.parse(text));
                }
            }
            return options.withDetectors(specs);
        }

        /** Applies {@code --binning}: one rule for all numeric columns, and COL=RULE entries for single ones. */
        private ProfileOptions withBinning(final ProfileOptions options) {
            BinningRule all = BinningRule.QUANTILE;
            final Map<String, BinningRule> perColumn = new LinkedHashMap<>();
            for (final String entry : binning) {
                final int equals = entry.indexOf('=');
                if (equals < 0) {
                    all = BinningRule.fromId(entry.trim());
                } else {
                    perColumn.put(entry.substring(0, equals).trim(), BinningRule.fromId(entry.substring(equals + 1).trim()));
                }
            }
            return options.withBinning(all, perColumn);
        }

        private static String nullToEmpty(final String value) {
            return value == null ? "" : value;
        }
    }
}
