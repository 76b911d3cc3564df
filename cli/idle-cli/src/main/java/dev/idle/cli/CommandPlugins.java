package dev.idle.cli;

import dev.idle.cli.spi.CommandPlugin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Adds the subcommands of {@link CommandPlugin}s to the {@code idle} command line, refusing a name that is taken.
 * Fails with {@link Conflict} naming the classes of both claimants (command and plug-in).
 */
final class CommandPlugins {
    /** Two definitions of one command name. */
    static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    private CommandPlugins() {
    }

    /** The plug-ins on the class path that loaded the CLI. */
    static Iterable<CommandPlugin> onClassPath() {
        return ServiceLoader.load(CommandPlugin.class, IdleCli.class.getClassLoader());
    }

    /**
     * Adds every command of {@code plugins} to {@code root}; {@code reserved} names (built in, added later) count as
     * taken too.
     */
    static void install(CommandLine root, Iterable<CommandPlugin> plugins, Map<String, Class<?>> reserved) {
        Map<String, String> owners = new LinkedHashMap<>();
        root.getSubcommands().forEach((name, sub) -> owners.put(name, builtIn(sub.getCommand().getClass())));
        reserved.forEach((name, type) -> owners.put(name, builtIn(type)));
        for (CommandPlugin plugin : plugins) {
            for (Object command : plugin.commands()) {
                CommandLine sub = new CommandLine(command);
                String name = sub.getCommandName();
                String claimant = command.getClass().getName() + " (from plug-in " + plugin.getClass().getName() + ")";
                String taken = owners.putIfAbsent(name, claimant);
                if (taken != null) {
                    throw new Conflict("the command '" + name + "' is defined twice: by " + taken + " and by "
                            + claimant + "; remove one of them from the class path");
                }
                root.addSubcommand(name, sub);
            }
        }
    }

    private static String builtIn(Class<?> type) {
        return type.getName() + " (built into idle)";
    }
}
