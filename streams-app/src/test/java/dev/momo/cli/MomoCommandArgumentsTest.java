package dev.momo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bad arguments to every command: a non-zero exit and one error line on standard error that names the
 * problem (progress lines such as "Reading FILE" may come before it), with no stack trace.
 */
class MomoCommandArgumentsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> badCommandLines() throws IOException {
        final Path csv = dir.resolve("reference.csv");
        Files.writeString(csv, "a,b\n1,x\n2,y\n3,x\n");
        final Path notProfile = dir.resolve("not-a-profile.json");
        Files.writeString(notProfile, "{\"hello\": 1}");
        final Path config = dir.resolve("bad.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:1\nmomo.window.mode=weekly\n");
        return Stream.of(
                Arguments.of(new String[] {}, "subcommand is missing"),
                Arguments.of(new String[] {"frobnicate"}, "unknown command 'frobnicate'; commands are demo, analyze, reference, run"),
                Arguments.of(new String[] {"analyze", "--profile", notProfile.toString(), "--input", csv.toString(),
                        "--output", dir.toString()}, "is a directory"),
                Arguments.of(new String[] {"demo", "--duration", "soon"}, "invalid duration 'soon'"),
                Arguments.of(new String[] {"demo", "--rate", "0"}, "--rate must be between 1 and 100000"),
                Arguments.of(new String[] {"demo", "--kafka-port", "70000"}, "ports must be between 0 and 65535"),
                Arguments.of(new String[] {"demo", "--window", "10ms"}, "--window must be at least 1s"),
                Arguments.of(new String[] {"analyze"}, "Missing required option"),
                Arguments.of(new String[] {"analyze", "--profile", dir.resolve("absent.json").toString(), "--input",
                        csv.toString(), "--output", dir.resolve("m.jsonl").toString()}, "profile file not found"),
                Arguments.of(new String[] {"analyze", "--profile", notProfile.toString(), "--input", csv.toString(),
                        "--output", dir.resolve("m.jsonl").toString()}, "it has no formatVersion"),
                Arguments.of(new String[] {"analyze", "--profile", notProfile.toString(), "--input", csv.toString(),
                        "--output", dir.resolve("m.jsonl").toString(), "--chunk-size", "0"}, "--chunk-size must be >= 1"),
                Arguments.of(new String[] {"analyze", "--profile", notProfile.toString(), "--input", csv.toString(),
                        "--output", dir.resolve("m.jsonl").toString(), "--chunk-size", "many"}, "'many' is not an int"),
                Arguments.of(new String[] {"reference"}, "subcommand is missing"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString()}, "Missing required options"),
                Arguments.of(new String[] {"reference", "build", "--input", dir.resolve("absent.csv").toString(),
                        "--model", "m", "--model-version", "1", "--output", dir.resolve("p.json").toString()},
                        "input file not found"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString(), "--model", "m",
                        "--model-version", "1", "--timestamp", "when", "--output", dir.resolve("p.json").toString()},
                        "column 'when' not found"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString(), "--model", "m",
                        "--model-version", "1", "--bins", "0", "--output", dir.resolve("p.json").toString()},
                        "bins must be between 1 and 1000"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString(), "--model", " ",
                        "--model-version", "1", "--output", dir.resolve("p.json").toString()}, "model id is missing"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString(), "--model", "m",
                        "--model-version", "1/2", "--output", dir.resolve("p.json").toString()}, "contains '/'"),
                Arguments.of(new String[] {"reference", "build", "--input", csv.toString(), "--model", "m",
                        "--model-version", "1", "--categorical", "a", "--numeric", "a",
                        "--output", dir.resolve("p.json").toString()}, "both categorical and numeric"),
                Arguments.of(build(csv, "--binning", "sqrt"), "unknown binning rule 'sqrt'"),
                Arguments.of(build(csv, "--binning", "zzz=doane"), "column 'zzz' not found"),
                Arguments.of(build(csv, "--threshold-mode", "strict"), "unknown threshold mode 'strict'"),
                Arguments.of(build(csv, "--p-value-correction", "holm"), "unknown p-value correction 'holm'"),
                Arguments.of(build(csv, "--chunk-reference", "all"), "unknown chunk reference 'all'"),
                Arguments.of(build(csv, "--alpha", "1.5"), "alpha must be between 0 and 1"),
                Arguments.of(build(csv, "--epsilon", "0"), "epsilon must be between 0 and 1"),
                Arguments.of(build(csv, "--statistics", "jensen_shannon,energy"),
                        "--statistics: unknown statistic 'energy'; valid statistics are [jensen_shannon,"),
                Arguments.of(build(csv, "--statistics", "missing_rate"), "is a data-quality check, which always runs"),
                Arguments.of(new String[] {"analyze", "--profile", notProfile.toString(), "--input", csv.toString(),
                        "--output", dir.resolve("m.jsonl").toString(), "--statistics", "hellinger"},
                        "it has no formatVersion"),
                Arguments.of(new String[] {"run"}, "Missing required option"),
                Arguments.of(new String[] {"run", "--config", dir.resolve("absent.properties").toString()},
                        "configuration file not found"),
                Arguments.of(new String[] {"run", "--config", config.toString()}, "invalid momo.window.mode 'weekly'"));
    }

    private static String[] build(final Path csv, final String... options) {
        final List<String> args = new java.util.ArrayList<>(List.of("reference", "build", "--input", csv.toString(),
                "--model", "m", "--model-version", "1", "--output", dir.resolve("p.json").toString()));
        args.addAll(List.of(options));
        return args.toArray(new String[0]);
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badArguments_exitNonZeroWithOneLine(final String[] args, final String expectedMessage) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        final int code = MomoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);

        final String command = String.join(" ", args);
        final List<String> lines = err.toString().strip().lines().toList();
        assertThat(code).as("exit code of %s", command).isNotZero();
        assertThat(lines).as("stderr of %s", command).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).as("error line of %s", command).startsWith("momo").contains(expectedMessage);
        assertThat(lines).as("stderr of %s", command).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("momo") && line != lines.get(lines.size() - 1));
    }
}
