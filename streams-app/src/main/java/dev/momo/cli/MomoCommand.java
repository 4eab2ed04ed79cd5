package dev.momo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code momo} executable: one subcommand per task. */
@Command(name = "momo",
        mixinStandardHelpOptions = true,
        versionProvider = MomoCommand.Version.class,
        description = "Real-time monitoring of machine-learning models on Kafka Streams.",
        subcommands = {DemoCommand.class, AnalyzeCommand.class, ReferenceCommand.class, RunCommand.class})
public final class MomoCommand implements Runnable {

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
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return CommandLine.ExitCode.USAGE;
    }

    private static int failed(final Exception e, final CommandLine command, final CommandLine.ParseResult result) {
        if (e instanceof IllegalArgumentException || e instanceof dev.momo.table.InvalidTableException
                || e instanceof dev.momo.profile.InvalidProfileException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + " failed: " + e);
        org.slf4j.LoggerFactory.getLogger(MomoCommand.class).error("Command failed", e);
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
