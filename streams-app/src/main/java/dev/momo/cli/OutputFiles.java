package dev.momo.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the output files of commands, made before any work so that a bad path costs nothing. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Fails before any work when {@code file} cannot be written, naming the option. */
    static void checkWritable(final Path file, final String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + " cannot be created: " + parent + " is a file");
        }
        if (parent != null && Files.isDirectory(parent) && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(option + " " + file + " cannot be created: " + parent + " is not writable");
        }
    }
}
