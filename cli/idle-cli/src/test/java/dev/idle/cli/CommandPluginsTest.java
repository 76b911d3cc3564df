package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.cli.spi.CommandPlugin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The CLI's plug-in seam: commands of {@link CommandPlugin}s join the built-in ones; a name is defined once. */
class CommandPluginsTest {
    @Command(name = "hello", description = "Says hello.")
    static final class HelloCommand implements Callable<Integer> {
        @Option(names = "--to")
        String to = "world";

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("hello " + to);
            return 7;
        }
    }

    @Command(name = "hello")
    static final class OtherHelloCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "demo")
    static final class FakeDemoCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    static final class HelloPlugin implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new HelloCommand());
        }
    }

    static final class OtherHelloPlugin implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new OtherHelloCommand());
        }
    }

    static final class DemoPlugin implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new FakeDemoCommand());
        }
    }

    private static CliRun run(List<CommandPlugin> plugins, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), plugins);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aPluginCommandRunsAndIsListedInTheHelp() {
        CliRun hello = run(List.of(new HelloPlugin()), "hello", "--to", "IdLE");
        assertThat(hello.exit()).as(hello.err()).isEqualTo(7);
        assertThat(hello.out()).isEqualTo("hello IdLE" + System.lineSeparator());
        assertThat(run(List.of(new HelloPlugin()), "--help").out()).contains("hello", "Says hello.", "demo");
    }

    @Test
    void twoPluginsClaimingOneCommandNameAreRefusedNamingBothClasses() {
        CliRun r = run(List.of(new HelloPlugin(), new OtherHelloPlugin()), "--help");
        assertThat(r.exit()).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(r.err()).contains("the command 'hello' is defined twice",
                HelloCommand.class.getName(), HelloPlugin.class.getName(),
                OtherHelloCommand.class.getName(), OtherHelloPlugin.class.getName());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPluginCannotReplaceABuiltInCommand() {
        CliRun r = run(List.of(new DemoPlugin()), "demo");
        assertThat(r.exit()).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(r.err()).contains("the command 'demo' is defined twice", DemoCommand.class.getName(),
                "built into idle", FakeDemoCommand.class.getName(), DemoPlugin.class.getName());
    }

    @Test
    void withoutThePluginJarTheCliHasNoSimulatorCommands() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("validate", "plan", "invoke", "demo", "help")
                .doesNotContain("graph-simulator", "winrm-simulator");
        CliRun unknown = CliRun.of("graph-simulator");
        assertThat(unknown.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'graph-simulator'");
    }
}
