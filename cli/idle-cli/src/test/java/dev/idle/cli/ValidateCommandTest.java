package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.testkit.UpstreamCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
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

    /** {@code validate --request}, and the limits and operand checks of templates and conditions seen from the CLI. */
    @Nested
    class WithRequestAndLimits {
        private static final String LEAVER = """
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @(
                     @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                     @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'Bye {{Request.Intent.Manager}}' } }
                     @{ Name = 'Contractors'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'x' }
                        Condition = @{ Equals = @{ Path = 'Request.Intent.Kind'; Value = 'Contractor' } } }
                   ) }
                """;

        /** Runs {@code validate} of the leaver workflow against a request file with this JSON. */
        private CliRun validateLeaverFor(String requestJson) throws IOException {
            return CliRun.of("validate", "--workflow", write("l.psd1", LEAVER).toString(), "--request",
                    write("r.json", requestJson).toString());
        }

        @Test
        void validateWithAMatchingRequestPlansWithoutExecuting() throws IOException {
            CliRun run = validateLeaverFor("""
                    {"lifecycleEvent":"Leaver","identityKeys":{"Id":"jdoe"},"intent":{"Manager":"boss","Kind":"Employee"}}
                    """);

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("valid: L (3 steps; 2 applicable to the request)\n");
        }

        @Test
        void validateWithARequestReportsEveryProblemOfThePlanAndExits2() throws IOException {
            CliRun run = validateLeaverFor("{\"lifecycleEvent\":\"Leaver\",\"identityKeys\":{},\"intent\":{}}");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("idle: " + dir.resolve("l.psd1") + ": invalid for request "
                            + dir.resolve("r.json") + " (3 problems):\n")
                    .contains("- Template resolution error in 'Disable': Placeholder '{{Request.IdentityKeys.Id}}'")
                    .contains("- Template resolution error in 'Note': Placeholder '{{Request.Intent.Manager}}'")
                    .contains("unresolved condition path(s) in Condition: [Request.Intent.Kind]");
        }

        @Test
        void validateWithARequestOfAnotherLifecycleEventExits2() throws IOException {
            CliRun run = validateLeaverFor("{\"lifecycleEvent\":\"Joiner\",\"identityKeys\":{\"Id\":\"j\"}}");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("does not match request LifecycleEvent 'Joiner'");
        }

        @Test
        void validateWithARequestStillReportsTheWorkflowsOwnProblemsFirst() throws IOException {
            Path wf = write("bad.psd1", "@{ Name = 'B'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'X'; Type = 'IdLE.Step.Nope' } ) }");
            Path req = write("r.json", "{\"lifecycleEvent\":\"Leaver\"}");

            CliRun run = CliRun.of("validate", wf.toString(), "--request", req.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("idle: " + wf + ": invalid workflow (1 problem):")
                    .contains("unknown step type 'IdLE.Step.Nope'");
        }

        @Test
        void tenThousandPlaceholdersExit2NamingTheKeyAndTheLimit() throws IOException {
            String many = "{{Request.IdentityKeys.Id}}".repeat(10_000);
            Path wf = write("many.psd1", "@{ Name = 'M'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'S';"
                    + " Type = 'IdLE.Step.EmitEvent'; With = @{ Message = '" + many + "' } } ) }");

            CliRun run = CliRun.of("validate", wf.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("idle: " + wf + ": invalid workflow (1 problem):")
                    .contains("Steps[0] ('S'): Template limit error: With.Message has 10000 placeholders, more than the limit"
                            + " maxPlaceholdersPerString (1000)");
        }

        @Test
        void malformedWildcardInPreconditionExits2AtValidate() throws IOException {
            Path wf = write("p.psd1", "@{ Name = 'P'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'S';"
                    + " Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'm' };"
                    + " Precondition = @{ Like = @{ Path = 'Request.Intent.Mail'; Pattern = '[abc' } } } ) }");

            CliRun run = CliRun.of("validate", wf.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("Steps[0] ('S'): Precondition.Like: The wildcard pattern '[abc' is not valid");
        }

        @Test
        void likeValueLongerThanTheLimitFailsThePreconditionClearly() throws IOException {
            Path wf = write("p.psd1", "@{ Name = 'P'; LifecycleEvent = 'Leaver'; Steps = @( @{ Name = 'S';"
                    + " Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'm' };"
                    + " Precondition = @{ Like = @{ Path = 'Request.Intent.Text'; Pattern = '*a*' } } } ) }");
            Path req = write("r.json", "{\"lifecycleEvent\":\"Leaver\",\"intent\":{\"Text\":\"" + "a".repeat(70_000) + "\"}}");
            Path host = write("host.yaml", "providers: {}\n");
            Path result = dir.resolve("result.json");

            CliRun run = CliRun.of("invoke", "--workflow", wf.toString(), "--request", req.toString(), "--host",
                    host.toString(), "--result", result.toString());

            assertThat(run.exit()).isEqualTo(3);
            assertThat(Files.readString(result)).contains("Precondition could not be evaluated: Like: the value at Path"
                    + " 'Request.Intent.Text' is 70000 characters long, more than the limit maxLikeValueLength (65536)");
        }
    }
}
