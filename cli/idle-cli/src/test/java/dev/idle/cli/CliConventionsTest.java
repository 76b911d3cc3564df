package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.cli.spi.CommandPlugin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What holds for every command: help, global options at either place, the workflow option, wording of counts. */
class CliConventionsTest {
    @TempDir
    Path dir;

    /** Every subcommand: the built-in ones, {@code help}, and those of the plug-ins on the test class path. */
    static Stream<Arguments> everyCommandWithEachHelpFlag() {
        List<String> names = new ArrayList<>(new CommandLine(new IdleCli()).getSubcommands().keySet());
        names.add("help");
        for (CommandPlugin plugin : CommandPlugins.onClassPath()) {
            plugin.commands().forEach(c -> names.add(new CommandLine(c).getCommandName()));
        }
        return names.stream().flatMap(n -> Stream.of(Arguments.of(n, "--help"), Arguments.of(n, "-h")));
    }

    @ParameterizedTest(name = "idle {0} {1}")
    @MethodSource("everyCommandWithEachHelpFlag")
    void helpOnEveryCommandExitsZero(String command, String flag) {
        CliRun run = CliRun.of(command, flag);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: idle " + command);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpOfTheIdleCommandExitsZero(String flag) {
        CliRun run = CliRun.of(flag);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: idle", "validate", "invoke");
    }

    @Command(name = "boom")
    static final class BoomCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }

    private static CliRun withBoom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandPlugin boom = () -> List.of(new BoomCommand());
        int exit = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), List.of(boom));
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void globalOptionsWorkBeforeTheCommand() throws IOException {
        CliRun debugBefore = withBoom("--debug", "boom");
        CliRun debugAfter = withBoom("boom", "--debug");
        assertThat(debugBefore.exit()).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(debugBefore.err()).contains("idle: internal error: java.lang.IllegalStateException: boom")
                .contains("at dev.idle.cli.CliConventionsTest$BoomCommand.call")
                .doesNotContain("Run again with --debug");
        assertThat(debugAfter.err()).contains("at dev.idle.cli.CliConventionsTest$BoomCommand.call");

        Path workflow = write("w.psd1", """
                @{ Name = 'W'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'hi' } } ) }
                """);
        Path request = write("request.json", """
                { "LifecycleEvent": "Leaver", "identityKeys": { "Id": "jdoe" } }
                """);
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n");
        String[] invoke = {"invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString()};
        CliRun verboseBefore = CliRun.of(concat(new String[] {"-v"}, invoke));
        CliRun verboseAfter = CliRun.of(concat(invoke, new String[] {"--verbose"}));
        assertThat(verboseBefore.exit()).as(verboseBefore.err()).isZero();
        assertThat(verboseBefore.err()).contains("event StepStarted [Say]").contains("event RunCompleted");
        assertThat(verboseAfter.err()).contains("event StepStarted [Say]");
        assertThat(CliRun.of(invoke).err()).doesNotContain("event ");

        assertThat(CliRun.of("--debug", "validate", workflow.toString()).exit()).isZero();
    }

    @Test
    void verboseEventLineOfAFailedStepShowsItsError() throws IOException {
        Path workflow = write("d.psd1", """
                @{ Name = 'D'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'
                                 With = @{ IdentityKey = 'nobody' } } ) }
                """);
        Path request = write("request.json", """
                { "LifecycleEvent": "Leaver", "identityKeys": { "Id": "nobody" } }
                """);
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n");
        CliRun run = CliRun.of("-v", "invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString());
        assertThat(run.exit()).isEqualTo(IdleCli.RUN_FAILED);
        assertThat(run.err()).contains("event StepFailed [Disable]: Step 'Disable' failed. Identity 'nobody' was not found");
    }

    @Command(name = "loud")
    static final class DebugDeclaringCommand implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--debug")
        boolean debug;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aPluginCommandDeclaringAGlobalOptionIsRefusedNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandPlugin loud = () -> List.of(new DebugDeclaringCommand());
        int exit = IdleCli.execute(new String[] {"loud"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), List.of(loud));

        assertThat(exit).isEqualTo(IdleCli.INTERNAL_ERROR);
        assertThat(err.toString()).contains("idle: cannot load the command plug-ins:", "'--debug'");
    }

    @Test
    void validateAcceptsWorkflowAsAnOption() throws IOException {
        Path workflow = write("w.psd1", """
                @{ Name = 'W'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'hi' } } ) }
                """);

        CliRun asOption = CliRun.of("validate", "--workflow", workflow.toString());
        CliRun asArgument = CliRun.of("validate", workflow.toString());

        assertThat(asOption.exit()).as(asOption.err()).isZero();
        assertThat(asOption.out()).isEqualTo(asArgument.out()).startsWith("valid: W");
    }

    @Test
    void validateWithTheWorkflowTwiceOrNotAtAllIsAUsageError() throws IOException {
        Path workflow = write("w.psd1", "@{ Name = 'W'; LifecycleEvent = 'Leaver'; Steps = @() }");

        CliRun both = CliRun.of("validate", workflow.toString(), "--workflow", workflow.toString());
        CliRun neither = CliRun.of("validate");

        assertThat(both.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(both.err()).contains("--workflow", "not both");
        assertThat(neither.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(neither.err()).contains("validate needs the workflow: --workflow <file>");
    }

    @Test
    void oneStepIsCountedInTheSingular() throws IOException {
        Path one = write("one.psd1", """
                @{ Name = 'One'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'hi' } } ) }
                """);
        Path two = write("two.psd1", """
                @{ Name = 'Two'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'A'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'a' } }
                              @{ Name = 'B'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'b' } } ) }
                """);

        assertThat(CliRun.of("validate", one.toString()).out()).isEqualTo("valid: One (1 step)" + System.lineSeparator());
        assertThat(CliRun.of("validate", two.toString()).out()).contains("valid: Two (2 steps)");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void unknownCommandIsNamedWithADidYouMeanSuggestionAndExits64() {
        CliRun run = CliRun.of("invoek");

        assertThat(run.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(run.err()).contains("invoek").contains("Did you mean").contains("invoke");
    }

    @Test
    void unknownOptionIsNamedWithADidYouMeanSuggestionAndExits64() {
        CliRun run = CliRun.of("plan", "--workflw", "w.psd1", "--request", "r.json");

        assertThat(run.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(run.err()).contains("--workflw").contains("--workflow");
    }
}
