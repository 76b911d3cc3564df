package dev.idle.cli.spi;

import java.util.List;

/**
 * A jar's extra {@code idle} subcommands. The CLI finds every implementation on its class path with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.idle.cli.spi.CommandPlugin} file naming the class,
 * which needs a public no-argument constructor) and adds each command beside the built-in ones. This is how the
 * developer tools ({@code idle graph-simulator}, {@code idle winrm-simulator} in {@code idle-cli-simulators}) come in
 * without the CLI depending on them: a package that leaves the plug-in jar off the class path has no such commands.
 *
 * <p>A command name may be defined once: the CLI refuses to start when a plug-in claims a built-in command's name or
 * one another plug-in already claimed, naming both classes. Each command inherits the global options {@code --debug}
 * and {@code -v}/{@code --verbose} (so it must not declare those names: the CLI would refuse to load it) and gets
 * {@code -h}/{@code --help} unless it declares a usage-help option itself. A command's {@code call()} returns the exit
 * code ({@code 0} on success; see {@code docs/cli.md}); exceptions are reported like those of built-in commands.
 */
public interface CommandPlugin {
    /**
     * New picocli command objects (instances of classes annotated with {@code @picocli.CommandLine.Command}), one per
     * subcommand; called once per CLI run.
     */
    List<Object> commands();
}
