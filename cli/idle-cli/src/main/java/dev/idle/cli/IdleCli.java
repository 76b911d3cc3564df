package dev.idle.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code idle} command line: validate, plan, invoke and demo. */
@Command(name = "idle", mixinStandardHelpOptions = true, versionProvider = IdleCli.Version.class,
        description = "IdLE for Java: a data-driven identity lifecycle engine (Joiner / Mover / Leaver).",
        subcommands = {ValidateCommand.class, PlanCommand.class, InvokeCommand.class, DemoCommand.class, GraphSimulatorCommand.class,
                WinRmSimulatorCommand.class,
                CommandLine.HelpCommand.class})
public final class IdleCli implements Runnable {
    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;
    static final int RUN_FAILED = 3;
    static final int RUN_BLOCKED = 4;
    static final int USAGE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: validate, plan, invoke or demo");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new IdleCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? USAGE : INTERNAL_ERROR);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("idle: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'idle --help' for usage.");
            return USAGE;
        });
        return cl.execute(args);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IdleCli.class.getPackage().getImplementationVersion();
            return new String[] {"idle " + (v == null ? "(development build)" : v)};
        }
    }
}
