package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path STREAM_1 = Path.of(System.getProperty("momo.datasets"),
            "detector-streams", "river_test_data_stream_1.csv");

    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
        List<JsonNode> lines() {
            return out.lines().map(line -> {
                try {
                    return MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }).toList();
        }
    }

    private static Run run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = MomoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** River's test_adwin asserts index 1023 on this stream (see dev.momo.detectors.AdwinTest). */
    @Test
    void adwinOnRiverStreamWritesOneDrift() {
        final Run run = run("detect", "--detector", "adwin", "--input", STREAM_1.toString());

        assertThat(run.code()).isZero();
        assertThat(run.lines()).hasSize(1);
        final JsonNode line = run.lines().get(0);
        assertThat(line.get("index").asInt()).isEqualTo(1023);
        assertThat(line.get("type").asText()).isEqualTo("drift");
        assertThat(line.get("detector").asText()).isEqualTo("adwin");
        assertThat(line.get("statistics").fieldNames()).toIterable().containsExactly("width", "mean", "variance");
        assertThat(run.err()).contains("Ran adwin over 2000 values of column 'value': 1 drifts, 0 warnings");
    }

    @Test
    void parametersReachTheDetector() {
        final Run run = run("detect", "--detector", "kswin", "--input", STREAM_1.toString(),
                "--param", "alpha=0.0001", "--param", "window_size=200", "--param", "stat_size=100", "--param", "seed=42");

        assertThat(run.lines()).extracting(line -> line.get("index").asInt()).containsExactly(1042);
    }

    @Test
    void warningIsWrittenOnEntryOnly() throws IOException {
        final Path file = dir.resolve("errors.csv");
        final StringBuilder csv = new StringBuilder("id,error\n");
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        final double[] errors = new double[3000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = random.nextDouble() < (i < 1500 ? 0.1 : 0.5) ? 1 : 0;
            csv.append(i).append(',').append((int) errors[i]).append('\n');
        }
        Files.writeString(file, csv);
        final Path output = dir.resolve("out/detections.jsonl");
        final List<String> expected = new java.util.ArrayList<>();
        final dev.momo.detectors.Ddm ddm = dev.momo.detectors.DdmParameters.defaults().newDetector();
        dev.momo.detectors.DetectorState previous = dev.momo.detectors.DetectorState.NONE;
        for (int i = 0; i < errors.length; i++) {
            final dev.momo.detectors.DetectorState state = ddm.update(errors[i]);
            if (state == dev.momo.detectors.DetectorState.DRIFT) {
                expected.add(i + " drift");
            } else if (state == dev.momo.detectors.DetectorState.WARNING && previous != state) {
                expected.add(i + " warning");
            }
            previous = state;
        }

        final Run run = run("detect", "--detector", "ddm", "--input", file.toString(), "--column", "error",
                "--output", output.toString());

        assertThat(run.code()).isZero();
        final List<String> written = Files.readAllLines(output).stream().map(line -> {
            final JsonNode node = new Run(0, line, "").lines().get(0);
            return node.get("index").asInt() + " " + node.get("type").asText();
        }).toList();
        assertThat(written).contains(expected.get(0)).isEqualTo(expected).anyMatch(line -> line.endsWith("drift"));
        assertThat(run.out()).contains("wrote them to " + output);
    }

    @Test
    void headerlessFileReadsFirstValue() throws IOException {
        final Path file = dir.resolve("bare.csv");
        Files.writeString(file, "0\n1\n1\n0\n");

        final Run run = run("detect", "--detector", "ddm", "--input", file.toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("is read as the first value").contains("over 4 values");
    }

    @Test
    void nullStatisticsBeforeWarmUp() throws IOException {
        final Path file = dir.resolve("jump.csv");
        Files.writeString(file, "x\n0\n0\n0\n5\n");

        final Run run = run("detect", "--detector", "cusum", "--input", file.toString(), "--param", "min_instances=3");

        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0).get("statistics").get("reference_std").asDouble()).isZero();
    }

    static Stream<Arguments> badCommandLines() throws IOException {
        final Path twoColumns = dir.resolve("two.csv");
        Files.writeString(twoColumns, "a,b\n1,x\n2,y\n");
        final Path gap = dir.resolve("gap.csv");
        Files.writeString(gap, "v\n1\nNA\n2\n");
        final Path infinite = dir.resolve("inf.csv");
        Files.writeString(infinite, "v\n1\ninf\n");
        final Path bits = dir.resolve("bits.csv");
        Files.writeString(bits, "v\n0\n2\n");
        final String stream = STREAM_1.toString();
        return Stream.of(
                Arguments.of(new String[] {"detect", "--input", stream}, "Missing required option: '--detector=NAME'"),
                Arguments.of(new String[] {"detect", "--detector", "adwn", "--input", stream},
                        "unknown detector 'adwn'; detectors are adwin, page-hinkley"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", stream, "--param", "delt=1"},
                        "unknown parameter 'delt' for adwin; its parameters are delta, clock"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", stream, "--param", "delta=2"},
                        "adwin delta must be in (0.0, 1.0), got 2.0"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", stream, "--param", "clock=often"},
                        "invalid value 'often' for parameter clock of adwin: expected an integer"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", dir.resolve("absent.csv").toString()},
                        "input file not found"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", twoColumns.toString()},
                        "--column is missing: " + twoColumns + " has the columns [a, b]"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", twoColumns.toString(), "--column", "c"},
                        "column 'c' not found"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", twoColumns.toString(), "--column", "b"},
                        "line 2, column 'b': 'x' is not a number"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", gap.toString()},
                        "line 3, column 'v': the value is missing"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", infinite.toString()},
                        "line 3, column 'v': invalid value Infinity for adwin: values must be finite numbers"),
                Arguments.of(new String[] {"detect", "--detector", "eddm", "--input", bits.toString()},
                        "line 3, column 'v': invalid value 2.0 for eddm: values must be 0 or 1"),
                Arguments.of(new String[] {"detect", "--detector", "adwin", "--input", stream, "--output", dir.toString()},
                        "is a directory"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badArgumentsExitWithOneLine(final String[] args, final String expectedMessage) {
        final Run run = run(args);

        final List<String> lines = run.err().strip().lines().toList();
        assertThat(run.code()).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(lines).as("stderr of %s", String.join(" ", args)).hasSize(1);
        assertThat(lines.get(0)).startsWith("momo detect").contains(expectedMessage);
        assertThat(run.out()).isEmpty();
    }
}
