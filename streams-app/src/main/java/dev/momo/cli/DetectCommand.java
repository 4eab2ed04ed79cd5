package dev.momo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.ChangeDetectors;
import dev.momo.detectors.DetectorKind;
import dev.momo.detectors.DetectorParameters;
import dev.momo.detectors.DetectorState;
import dev.momo.table.Cells;
import dev.momo.table.CsvTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code momo detect}: one streaming change detector over a column of a file, to tune its parameters. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Run one streaming change detector over a column of a CSV file and write its detections.",
                "Each detection is one JSON line: index (0-based data row), type (warning or drift), detector,"
                        + " value and the detector's statistics.",
                "A warning line is written when the detector enters its warning zone, not for every value inside it.",
                "Detectors and their parameters are described in docs/detectors.md."})
public final class DetectCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--detector", required = true, paramLabel = "NAME",
            description = "Detector: adwin, page-hinkley, cusum, kswin, ddm, eddm, hddm-a or hddm-w.")
    private String detectorName;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV file with a header row, optionally gzip-compressed; one value per line when it has one column.")
    private Path input;

    @Option(names = "--column", paramLabel = "COL", description = "Column to read; required when the file has several.")
    private String column;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "Detector parameter, repeatable, such as delta=0.002 for adwin; unset ones take River's defaults.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "Write the detections here instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        final DetectorParameters detectorParameters = ChangeDetectors.parameters(detectorName, parameters);
        if (output != null) {
            OutputFiles.checkWritable(output, "--output");
        }
        final PrintWriter err = spec.commandLine().getErr();
        final CsvTable table = CsvTable.read(input);
        final ColumnValues values = ColumnValues.of(table, column);
        if (values.headerWasValue()) {
            err.println("The first line of " + input + " is a number, so it is read as the first value, not as a column name");
        }

        final Counts counts;
        if (output == null) {
            final Writer out = spec.commandLine().getOut();
            counts = run(detectorParameters, values, out);
            out.flush();
        } else {
            final Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                counts = run(detectorParameters, values, writer);
            }
        }

        final String summary = "Ran " + detectorParameters.kind().externalName() + " over " + values.size()
                + " values of column '" + values.name() + "': " + counts.drifts + " drifts, " + counts.warnings + " warnings"
                + (output == null ? "" : "; wrote them to " + output);
        (output == null ? err : spec.commandLine().getOut()).println(summary);
        return 0;
    }

    /** Feeds every value to a fresh detector and writes one JSON line per drift and per entry into the warning zone. */
    private static Counts run(final DetectorParameters detectorParameters, final ColumnValues values, final Writer out)
            throws IOException {
        final ChangeDetector detector = detectorParameters.newDetector();
        final Counts counts = new Counts();
        DetectorState previous = DetectorState.NONE;
        for (int index = 0; index < values.size(); index++) {
            final double value = values.value(index);
            final DetectorState state;
            try {
                state = detector.update(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(values.describe(index) + ": " + e.getMessage(), e);
            }
            if (state == DetectorState.DRIFT) {
                counts.drifts++;
                writeLine(out, index, "drift", detectorParameters.kind(), value, detector.estimate());
            } else if (state == DetectorState.WARNING && previous != DetectorState.WARNING) {
                counts.warnings++;
                writeLine(out, index, "warning", detectorParameters.kind(), value, detector.estimate());
            }
            previous = state;
        }
        return counts;
    }

    private static void writeLine(final Writer out, final int index, final String type, final DetectorKind kind,
            final double value, final Map<String, Double> statistics) throws IOException {
        final ObjectNode line = MAPPER.createObjectNode();
        line.put("index", index);
        line.put("type", type);
        line.put("detector", kind.externalName());
        line.put("value", value);
        final ObjectNode statisticNode = line.putObject("statistics");
        for (final Map.Entry<String, Double> statistic : statistics.entrySet()) {
            // JSON has no NaN or infinity; statistics not yet defined are written as null.
            if (Double.isFinite(statistic.getValue())) {
                statisticNode.put(statistic.getKey(), statistic.getValue());
            } else {
                statisticNode.putNull(statistic.getKey());
            }
        }
        out.write(line.toString());
        out.write('\n');
    }

    /** Detections written so far. */
    private static final class Counts {
        private int drifts;
        private int warnings;
    }

    /**
     * The numbers of one column. A one-column file whose header is itself a number has no header,
     * so the header becomes the first value.
     */
    private record ColumnValues(Path source, String name, double[] values, boolean headerWasValue) {

        static ColumnValues of(final CsvTable table, final String column) {
            final String name = chooseColumn(table, column);
            final String[] cells = table.column(name);
            final boolean headerWasValue = column == null && table.header().size() == 1 && Cells.parseNumber(name) != null;
            final int offset = headerWasValue ? 1 : 0;
            final double[] values = new double[cells.length + offset];
            if (headerWasValue) {
                values[0] = Cells.parseNumber(name);
            }
            for (int row = 0; row < cells.length; row++) {
                values[row + offset] = parse(table.source(), name, row + offset, cells[row], headerWasValue);
            }
            return new ColumnValues(table.source(), name, values, headerWasValue);
        }

        private static String chooseColumn(final CsvTable table, final String column) {
            if (column != null) {
                table.columnIndex(column);
                return column;
            }
            if (table.header().size() != 1) {
                throw new IllegalArgumentException("--column is missing: " + table.source() + " has the columns "
                        + table.header() + "; name the one to read");
            }
            return table.header().get(0);
        }

        private static double parse(final Path source, final String name, final int index, final String cell,
                final boolean headerWasValue) {
            final Double number = Cells.parseNumber(cell);
            if (number == null) {
                final String where = source + " line " + (index + (headerWasValue ? 1 : 2)) + ", column '" + name + "'";
                throw new IllegalArgumentException(Cells.isMissing(cell)
                        ? where + ": the value is missing; the detector needs a number on every row"
                        : where + ": '" + cell + "' is not a number");
            }
            return number;
        }

        int size() {
            return values.length;
        }

        double value(final int index) {
            return values[index];
        }

        /** Names the file line of a value, for error messages. */
        String describe(final int index) {
            return source + " line " + (index + (headerWasValue ? 1 : 2)) + ", column '" + name + "'";
        }
    }
}
