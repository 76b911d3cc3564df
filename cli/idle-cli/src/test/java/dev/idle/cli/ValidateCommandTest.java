package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
    static final Path UPSTREAM = Path.of("..", "..", "..", "shared", "upstream-workflows");

    @TempDir
    Path dir;

    static Stream<Path> upstreamWorkflows() throws IOException {
        UpstreamCorpus.require(UPSTREAM);
        try (Stream<Path> files = Files.walk(UPSTREAM)) {
            return files.filter(p -> p.toString().endsWith(".psd1")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("upstreamWorkflows")
    void validateAcceptsEveryUpstreamExampleWorkflow(Path workflow) {
        CliRun run = CliRun.of("validate", workflow.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("valid: ").containsPattern("\\(\\d+ steps?\\)");
    }

    @Test
    void upstreamCorpusIsNotEmpty() throws IOException {
        assertThat(upstreamWorkflows()).hasSizeGreaterThanOrEqualTo(16);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateRejectsScriptBlockNamingLineAndColumn() throws IOException {
        Path wf = write("sb.psd1", "@{\n  Name = 'x'\n  LifecycleEvent = 'Leaver'\n  Steps = @( { Remove-Item C:\\ } )\n}\n");
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(wf + ":4:14: script blocks are not allowed");
    }

    @Test
    void validateRejectsSubexpressionNamingLineAndColumn() throws IOException {
        Path wf = write("sub.psd1", "@{\n  Name = $(Get-Date)\n  LifecycleEvent = 'Leaver'\n  Steps = @()\n}\n");
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(wf + ":2:10: subexpressions $(...) are not allowed");
    }

    @Test
    void validateRejectsEnvironmentVariableNamingLineAndColumn() throws IOException {
        Path wf = write("env.psd1", "@{\n  Name = 'x'\n  LifecycleEvent = $env:EVENT\n  Steps = @()\n}\n");
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(wf + ":3:20: variables are not allowed: $env:EVENT");
    }

    @Test
    void validateRejectsVariableInsideADoubleQuotedString() throws IOException {
        Path wf = write("dq.psd1", "@{ Name = \"Hi $user\"; LifecycleEvent = 'Leaver'; Steps = @() }\n");
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(wf + ":1:15:");
    }

    @Test
    void validateReportsEveryProblemAtOnce() throws IOException {
        Path wf = write("many.psd1", """
                @{
                  Name = 'Many problems'
                  LifecycleEvent = 'Leaver'
                  CleanupSteps = @()
                  Steps = @(
                    @{ Name = 'A'; Type = 'IdLE.Step.Unknown' }
                    @{ Name = 'A'; Type = 'IdLE.Step.EmitEvent'; When = @{} }
                    @{ Name = 'C'; Type = 'IdLE.Step.EmitEvent'; Condition = @{ Equals = @{ Value = 1 } } }
                    @{ Name = 'D'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = '{{Request.Intent.X' } }
                  )
                }
                """);
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown root key 'CleanupSteps'")
                .contains("unknown step type 'IdLE.Step.Unknown'")
                .contains("Unknown key 'When'")
                .contains("not unique")
                .contains("Missing or empty Path")
                .contains("Unbalanced braces");
    }

    @Test
    void validateWarnsAboutUnsupportedWithKeysButAccepts() throws IOException {
        Path wf = write("warn.psd1", """
                @{ Name = 'W'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'D'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'x'; Reason = 'r' } } ) }
                """);
        CliRun run = CliRun.of("validate", wf.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("valid: W (1 step)");
        assertThat(run.err()).contains("warning:").contains("does not support With.Reason");
    }

    @Test
    void validateWithHostChecksCapabilities() throws IOException {
        Path wf = write("leaver.psd1", """
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ IdentityKey = 'x' } } ) }
                """);
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    capabilities: [IdLE.Identity.Disable]\n");
        CliRun run = CliRun.of("validate", wf.toString(), "--host", host.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("does not advertise required capability IdLE.Identity.RevokeSessions");
    }

    @Test
    void missingWorkflowFileIsBadInput() {
        CliRun run = CliRun.of("validate", dir.resolve("nope.psd1").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nope.psd1");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(CliRun.of("validate", "--frobnicate").exit()).isEqualTo(64);
        assertThat(CliRun.of().exit()).isEqualTo(64);
    }
}
