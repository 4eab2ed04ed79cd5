package dev.momo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code momo} executable: one subcommand per task. */
@Command(name = "momo",
        mixinStandardHelpOptions = true,
        versionProvider = MomoCommand.Version.class,
        description = "Real-time monitoring of machine-learning models on Kafka Streams.",
        subcommands = {DemoCommand.class, AnalyzeCommand.class, ReferenceCommand.class, RunCommand.class, DetectCommand.class})
public final class MomoCommand implements Runnable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MomoCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code: 0 on success, 2 for bad arguments, 1 for failures. */
    public static int execute(final String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Same as {@link #execute(String...)} with the given output and error writers. */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args) {
        final CommandLine commandLine = new CommandLine(new MomoCommand())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(MomoCommand::badArguments)
                .setExecutionExceptionHandler(MomoCommand::failed);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing");
    }

    /** Prints one line on standard error instead of picocli's usage dump. */
    private static int badArguments(final CommandLine.ParameterException e, final String[] args) {
        final CommandLine command = e.getCommandLine();
        final String name = command.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !command.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'; commands are "
                    + String.join(", ", command.getSubcommands().keySet());
        }
        command.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Prints one line naming the failure. Bad input (arguments, files, profiles) exits with 2, other
     * failures with 1; their stack trace goes to the log at DEBUG ({@code -Dmomo.log.level=DEBUG}).
     */
    private static int failed(final Exception e, final CommandLine command, final CommandLine.ParseResult result) {
        final String name = command.getCommandSpec().qualifiedName();
        if (e instanceof IllegalArgumentException || e instanceof dev.momo.table.InvalidTableException
                || e instanceof dev.momo.profile.InvalidProfileException) {
            command.getErr().println(name + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        final String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        command.getErr().println(name + " failed: " + message
                + (e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())
                        ? " (" + e.getCause().getMessage() + ")" : ""));
        LOG.debug("{} failed", name, e);
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = MomoCommand.class.getPackage().getImplementationVersion();
            return new String[] {"momo " + (version == null ? "development" : version)};
        }
    }
}
