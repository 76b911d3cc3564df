package dev.idle.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options (a picocli mixin of the {@code idle} command). They are inherited by every subcommand, so
 * {@code idle --debug validate …} and {@code idle validate … --debug} mean the same; a value given at either place
 * lands in this one object. A plug-in command must not declare these names itself (the CLI refuses to load it).
 */
final class CommonOptions {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors,"
            + " the cause chain of failed steps and the logs of third-party libraries (at DEBUG).")
    boolean debug;

    /** One entry per {@code -v}: {@code -vv} is two. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "invoke: print each event to stderr as it happens. -vv: also the logs of third-party"
                    + " libraries (at DEBUG), as --debug shows them.")
    boolean[] verbosity = new boolean[0];

    /** {@code -v}: events to stderr. */
    boolean verbose() {
        return verbosity.length > 0;
    }

    /** {@code -vv} or {@code --debug}: third-party logs too. */
    boolean showsLibraryLogs() {
        return debug || verbosity.length > 1;
    }
}
