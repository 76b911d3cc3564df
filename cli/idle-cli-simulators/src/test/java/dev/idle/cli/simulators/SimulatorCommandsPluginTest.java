package dev.idle.cli.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.cli.IdleCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** With this jar on the class path, {@code idle} offers the simulator commands (found with ServiceLoader). */
class SimulatorCommandsPluginTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void idleHelpListsThePluginsCommandsBesideTheBuiltInOnes() {
        String[] r = run("--help");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("validate", "demo", "graph-simulator", "winrm-simulator", "help");
    }

    @Test
    void pluginCommandsAnswerTheirOwnHelp() {
        String[] graph = run("graph-simulator", "--help");
        assertThat(graph[0]).isEqualTo("0");
        assertThat(graph[1]).contains("Usage: idle graph-simulator", "--seed=<file>", "--throttle=<writes>/<window>");
        String[] winrm = run("help", "winrm-simulator");
        assertThat(winrm[0]).isEqualTo("0");
        assertThat(winrm[1]).contains("Usage: idle winrm-simulator", "--user-file=<file>");
    }

    static Stream<Arguments> everyPluginCommandWithEachHelpFlag() {
        return new SimulatorCommands().commands().stream().map(c -> new CommandLine(c).getCommandName())
                .flatMap(n -> Stream.of(Arguments.of(n, "--help"), Arguments.of(n, "-h")));
    }

    @ParameterizedTest(name = "idle {0} {1}")
    @MethodSource("everyPluginCommandWithEachHelpFlag")
    void helpOnEveryPluginCommandExitsZero(String command, String flag) {
        String[] r = run(command, flag);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("Usage: idle " + command);
    }

    @Test
    void globalOptionsBeforeAPluginCommandAreAccepted() {
        String[] r = run("--debug", "-v", "graph-simulator", "--help");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("Usage: idle graph-simulator");
    }

    @Test
    void aBadOptionOfAPluginCommandIsAUsageErrorLikeAnyOther() {
        String[] r = run("graph-simulator", "--no-such-option");
        assertThat(r[0]).isEqualTo(String.valueOf(IdleCli.USAGE));
        assertThat(r[2]).contains("idle: Unknown option: '--no-such-option'", "Try 'idle --help' for usage.");
    }
}
