package dev.idle.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options (a picocli mixin of the {@code idle} command). They are inherited by every subcommand, so
 * {@code idle --debug validate …} and {@code idle validate … --debug} mean the same; a value given at either place
 * lands in this one object. A plug-in command must not declare these names itself (the CLI refuses to load it).
 */
final class CommonOptions {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "invoke: print each event to stderr as it happens.")
    boolean verbose;
}
