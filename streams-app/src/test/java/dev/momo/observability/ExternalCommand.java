package dev.momo.observability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit, its output captured in files so that it cannot block. */
final class ExternalCommand {

    /** Exit status and output of a finished program. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private ExternalCommand() {
    }

    /** Returns the executable {@code name} from the directories of PATH, if any. */
    static Optional<Path> find(final String name) {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            final Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} in {@code directory} and waits for it.
     *
     * @throws IllegalStateException naming the command when it runs longer than {@code timeout}; the process
     *     is killed first
     */
    static Result run(final List<String> command, final Path directory, final Duration timeout) throws IOException {
        final Path stdout = Files.createTempFile("momo-command-", ".out");
        final Path stderr = Files.createTempFile("momo-command-", ".err");
        try {
            final Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            final boolean finished = waitFor(process, timeout);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s and was killed; output so far:\n" + Files.readString(stdout)
                        + Files.readString(stderr));
            }
            return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static boolean waitFor(final Process process, final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse("a process"), e);
        }
    }
}
