package dev.momo.console;

import dev.momo.cli.MomoCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code momo demo} on a background thread of the test JVM: in-process broker, topology, simulated model
 * server whose inputs drift, and the web console, all on 127.0.0.1 with free ports.
 *
 * <p>{@link #close()} ends the run before its {@code --duration}: it interrupts the demo's thread, whose wait
 * for the duration then throws, so that the command closes the simulator, the topology and the broker in its
 * try-with-resources blocks. The command then exits with 1 and prints "momo demo failed" to its error
 * writer. That exit code comes from the early stop, not from a fault, so {@link #close()} does not check it.
 */
final class DemoRun implements AutoCloseable {

    private static final Pattern CONSOLE_URL = Pattern.compile("Web console: +(http://127\\.0\\.0\\.1:\\d+)/");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile Integer exitCode;

    /** Starts {@code momo demo} with the given options after the subcommand name. */
    DemoRun(final String... options) {
        final List<String> arguments = new ArrayList<>(List.of("demo"));
        arguments.addAll(List.of(options));
        thread = new Thread(() -> exitCode = MomoCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                arguments.toArray(String[]::new)), "console-test-demo");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the "Web console:" line and returns the console's address without the trailing slash, such as
     * {@code http://127.0.0.1:41234}.
     *
     * @throws AssertionError with the output so far when the line does not appear within {@code timeout}, or
     *     when the demo stops before printing it
     */
    String awaitConsoleUrl(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Matcher matcher = CONSOLE_URL.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (exitCode != null) {
                throw new AssertionError("momo demo exited with " + exitCode + " before printing its console address;"
                        + " output:\n" + out + "\nerrors:\n" + err);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line matching " + CONSOLE_URL + " within " + timeout + "; output so far:\n" + out
                + "\nerrors:\n" + err);
    }

    /** Returns what the demo printed so far, standard output then standard error. */
    String output() {
        return out + (err.getBuffer().length() == 0 ? "" : "\nerrors:\n" + err);
    }

    /**
     * Stops the demo and waits up to {@code STOP_TIMEOUT} for it to close what it started. An interrupt of the
     * calling thread (such as JUnit's timeout) is put back after the wait.
     */
    @Override
    public void close() throws InterruptedException {
        final boolean interrupted = Thread.interrupted();
        try {
            thread.interrupt();
            thread.join(STOP_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("momo demo did not stop within " + STOP_TIMEOUT + " of an interrupt; output:\n"
                        + output());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
