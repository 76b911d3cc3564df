package dev.idle.cli;

import dev.idle.api.InputLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
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

    /** {@code --limit NAME=VALUE}, repeatable: an input limit of {@link InputLimits} for this command. */
    @Option(names = "--limit", scope = ScopeType.INHERIT, paramLabel = "NAME=VALUE",
            description = "Change an input limit for this run, e.g. --limit maxNestingDepth=128 (see docs/security.md).")
    Map<String, Long> limits = new LinkedHashMap<>();

    /**
     * {@code base} with the {@code --limit} values applied.
     *
     * @throws CommandLine.ParameterException naming the option for an unknown name or a value out of range
     */
    InputLimits inputLimits(CommandLine cl, InputLimits base) {
        InputLimits l = base;
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            try {
                l = l.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(cl, "--limit: " + ex.getMessage());
            }
        }
        return l;
    }

    /** {@code -v}: events to stderr. */
    boolean verbose() {
        return verbosity.length > 0;
    }

    /** {@code -vv} or {@code --debug}: third-party logs too. */
    boolean showsLibraryLogs() {
        return debug || verbosity.length > 1;
    }
}
