package dev.idle.cli;

import dev.idle.api.InputLimits;
import dev.idle.cli.spi.CommandPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code idle} command line: validate, plan, invoke and demo, plus the commands of the {@link CommandPlugin}s on
 * the class path (e.g. the simulators of {@code idle-cli-simulators}).
 */
@Command(name = "idle", versionProvider = IdleCli.Version.class,
        description = "IdLE for Java: a data-driven identity lifecycle engine (Joiner / Mover / Leaver).",
        subcommands = {ValidateCommand.class, PlanCommand.class, InvokeCommand.class, BatchCommand.class,
                DemoCommand.class, WorkerCommand.class, SubmitCommand.class, StatusCommand.class,
                ResultsCommand.class, ApproveCommand.class, RejectCommand.class, PruneCommand.class,
                CompletionCommand.class, ReportCommand.class})
public final class IdleCli implements Runnable {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: an unexpected internal error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code: bad input; nothing was executed. */
    public static final int BAD_INPUT = 2;
    /** Exit code: a run ended {@code Failed}. */
    public static final int RUN_FAILED = 3;
    /** Exit code: a run ended {@code Blocked}. */
    public static final int RUN_BLOCKED = 4;
    /**
     * Exit code: an output could not be written completely (for {@code invoke}: the run executed, but its result or
     * events were not all written; a failed write to stdout counts too). Takes precedence over 0, 3 and 4.
     */
    public static final int OUTPUT_FAILED = 5;
    /** Exit code: a usage error (unknown option, missing argument). */
    public static final int USAGE = 64;

    /** The global options; every subcommand inherits them (see {@link CommonOptions}). */
    @CommandLine.Mixin
    CommonOptions global;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: validate, plan, invoke, batch, report, demo; distributed: worker, submit, status, results,"
                        + " approve, reject, prune");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                CommandPlugins.onClassPath(), CommandLine.defaultFactory(), true));
    }

    /** Runs the command line with the plug-ins on the class path and returns its exit code; used by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, CommandPlugins.onClassPath());
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)} with the given plug-ins. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Iterable<CommandPlugin> plugins) {
        return execute(args, out, err, plugins, CommandLine.defaultFactory(), false);
    }

    /**
     * As {@link #execute(String[], PrintWriter, PrintWriter, Iterable)}, creating the commands with {@code factory}
     * (tests give commands test seams). Beyond picocli's handling: a failed write to {@code out} turns a success
     * (or a run's 3 or 4) into {@link #OUTPUT_FAILED}, and an {@link Error} (a stack overflow, memory exhausted) ends
     * in a one-line message and {@link #INTERNAL_ERROR}, not a stack trace (unless {@code --debug}).
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Iterable<CommandPlugin> plugins,
            CommandLine.IFactory factory) {
        return execute(args, out, err, plugins, factory, false);
    }

    /** @param configureLogging set the log levels from {@code -vv}/{@code --debug} ({@link CliLogging}): main only */
    private static int execute(String[] args, PrintWriter out, PrintWriter err, Iterable<CommandPlugin> plugins,
            CommandLine.IFactory factory, boolean configureLogging) {
        int code;
        try {
            code = parseAndRun(args, out, err, plugins, factory, configureLogging);
        } catch (Error e) {
            boolean debug = Arrays.asList(args).contains("--debug");
            err.println("idle: internal error: " + e
                    + (debug ? "" : " (nothing more was written; run again with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        }
        if (out.checkError() && (code == OK || code == RUN_FAILED || code == RUN_BLOCKED || code == OUTPUT_FAILED)) {
            err.println("idle: cannot write to standard output; the output is incomplete");
            return OUTPUT_FAILED;
        }
        return code;
    }

    private static int parseAndRun(String[] args, PrintWriter out, PrintWriter err, Iterable<CommandPlugin> plugins,
            CommandLine.IFactory factory, boolean configureLogging) {
        IdleCli idle = new IdleCli();
        CommandLine cl = new CommandLine(idle, factory);
        try {
            // before the handlers are set: picocli hands them only to subcommands that exist at that moment
            CommandPlugins.install(cl, plugins, Map.of("help", CommandLine.HelpCommand.class));
        } catch (CommandPlugins.Conflict | ServiceConfigurationError | CommandLine.InitializationException e) {
            err.println("idle: cannot load the command plug-ins: " + e.getMessage());
            return INTERNAL_ERROR;
        }
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        addHelpOption(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? USAGE : INTERNAL_ERROR);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(IdleCli::usageError);
        cl.setExecutionStrategy(parsed -> {
            if (configureLogging) {
                CliLogging.configure(idle.global.showsLibraryLogs());
            }
            InputLimits before = InputLimits.current();
            InputLimits.overrideDefaults(idle.global.inputLimits(parsed.commandSpec().commandLine(), before));
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                // in-process callers (tests, hosts embedding the CLI) get their own limits back
                InputLimits.overrideDefaults(before);
            }
        });
        return cl.execute(args);
    }

    /**
     * Prints a usage error and returns 64. An unknown command or option is named first, even when picocli found a
     * missing required option too (a typo in {@code --workflow} is the likelier cause of both), with picocli's
     * suggestions of similar names as "Did you mean: …?".
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        CommandLine.ParameterException shown = ex;
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !cl.getUnmatchedArguments().isEmpty()) {
            shown = new CommandLine.UnmatchedArgumentException(cl, cl.getUnmatchedArguments());
        }
        err.println("idle: " + shown.getMessage());
        if (shown instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        err.println("Try 'idle --help' for usage.");
        return USAGE;
    }

    /**
     * Gives {@code command} and each of its subcommands {@code -h}/{@code --help} unless it has a usage-help option
     * already (picocli's {@code help} command and some plug-in commands do). Added here rather than inherited
     * because an inherited option clashes with a subcommand's own option of the same name.
     */
    private static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        command.getSubcommands().values().forEach(IdleCli::addHelpOption);
    }

    /** Reads the version from the jar manifest. */
    /**
     * {@code idle 0.1.0 (commit 2b047b6)}: the version from the jar's manifest and the commit from the
     * {@code git.properties} the build wrote ({@code , modified} when the working tree had changes); a build from
     * outside a git checkout names no commit.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IdleCli.class.getPackage().getImplementationVersion();
            return new String[] {"idle " + (v == null ? "(development build)" : v) + commit()};
        }

        static String commit() {
            Properties git = new Properties();
            try (InputStream in = IdleCli.class.getResourceAsStream("git.properties")) {
                if (in == null) {
                    return "";
                }
                git.load(in);
            } catch (IOException e) {
                return "";
            }
            String id = git.getProperty("git.commit.id.abbrev", "");
            return id.isEmpty() ? "" : " (commit " + id
                    + ("true".equals(git.getProperty("git.dirty")) ? ", modified" : "") + ")";
        }
    }
}
