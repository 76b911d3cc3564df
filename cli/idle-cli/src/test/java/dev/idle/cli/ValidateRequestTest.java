package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idle validate --request}, and the limits and operand checks of templates and conditions seen from the CLI. */
class ValidateRequestTest {
    private static final String LEAVER = """
            @{ Name = 'L'; LifecycleEvent = 'Leaver'
               Steps = @(
                 @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                 @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'Bye {{Request.Intent.Manager}}' } }
                 @{ Name = 'Contractors'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'x' }
                    Condition = @{ Equals = @{ Path = 'Request.Intent.Kind'; Value = 'Contractor' } } }
               ) }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateWithAMatchingRequestPlansWithoutExecuting() throws IOException {
        Path wf = write("l.psd1", LEAVER);
        Path req = write("r.json", """
                {"lifecycleEvent":"Leaver","identityKeys":{"Id":"jdoe"},"intent":{"Manager":"boss","Kind":"Employee"}}
                """);

        CliRun run = CliRun.of("validate", "--workflow", wf.toString(), "--request", req.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("valid: L (3 steps; 2 applicable to the request)\n");
    }

    @Test
    void validateWithARequestReportsEveryProblemOfThePlanAndExits2() throws IOException {
        Path wf = write("l.psd1", LEAVER);
        Path req = write("r.json", "{\"lifecycleEvent\":\"Leaver\",\"identityKeys\":{},\"intent\":{}}");

        CliRun run = CliRun.of("validate", wf.toString(), "--request", req.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("idle: " + wf + ": invalid for request " + req + " (3 problems):\n")
                .contains("- Template resolution error in 'Disable': Placeholder '{{Request.IdentityKeys.Id}}'")
                .contains("- Template resolution error in 'Note': Placeholder '{{Request.Intent.Manager}}'")
                .contains("unresolved condition path(s) in Condition: [Request.Intent.Kind]");
    }

    @Test
    void validateWithARequestOfAnotherLifecycleEventExits2() throws IOException {
        Path wf = write("l.psd1", LEAVER);
        Path req = write("r.json", "{\"lifecycleEvent\":\"Joiner\",\"identityKeys\":{\"Id\":\"j\"}}");

        CliRun run = CliRun.of("validate", wf.toString(), "--request", req.toString());

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
