package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step table of {@code idle invoke} on stderr: what it shows, and that stdout stays the result JSON. */
class InvokeSummaryTest {
    @TempDir
    Path dir;
    private Path workflow;
    private Path request;
    private Path host;

    @BeforeEach
    void files() throws IOException {
        workflow = dir.resolve("leaver.psd1");
        Files.writeString(workflow, """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; Steps = @(
                    @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                    @{ Name = 'Revoke sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                    @{ Name = 'Tell HR'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'done' } }
                ) }
                """);
        request = dir.resolve("request.json");
        Files.writeString(request, "{\"lifecycleEvent\":\"Leaver\",\"identityKeys\":{\"Id\":\"jdoe\"}}");
        Files.writeString(dir.resolve("state.json"), """
                { "identities": { "jdoe": { "enabled": true, "attributes": {}, "entitlements": [],
                  "sessions": [ { "id": "s1", "client": "Outlook" } ] } } }
                """);
        host = dir.resolve("host.yaml");
    }

    private CliRun invoke(String extraHost, String... options) throws IOException {
        Files.writeString(host, "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n" + extraHost);
        String[] base = {"invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + options.length);
        System.arraycopy(options, 0, args, base.length, options.length);
        return CliRun.of(args);
    }

    @Test
    void summaryOptionPrintsAStepTableToStderrWhileStdoutStaysTheResultJson() throws IOException {
        CliRun run = invoke("", "--summary");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("status").asText()).isEqualTo("Completed");
        assertThat(run.err().lines().toList().get(0)).matches("STEP +STATUS +CHANGED +DURATION");
        assertThat(run.err()).containsPattern("(?m)^Disable account +Completed +yes +\\d+ ms$")
                .containsPattern("(?m)^Revoke sessions +Completed +yes +\\d+ ms$")
                .containsPattern("(?m)^Tell HR +Completed +no +\\d+ ms$")
                .contains("Run Completed (3 steps, 2 changed)");
    }

    @Test
    void noSummaryOptionPrintsNothingToStderr() throws IOException {
        CliRun run = invoke("", "--no-summary");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailedStepsRootCauseFollowsTheTableInOneLineAndLaterStepsAreNotRun() throws IOException {
        CliRun run = invoke("    failPermanentlyOn: [DisableIdentity]\n", "--summary");

        assertThat(run.exit()).isEqualTo(IdleCli.RUN_FAILED);
        assertThat(run.err()).containsPattern("(?m)^Disable account +Failed +no +\\d+ ms$")
                .containsPattern("(?m)^Revoke sessions +NotRun +no +-$")
                .containsPattern("(?m)^Disable account: .+$")
                .contains("Run Failed (3 steps, 0 changed)");
    }

    @Test
    void durationsReadInTheLargestFittingUnit() {
        assertThat(RunSummary.format(Duration.ofMillis(12))).isEqualTo("12 ms");
        assertThat(RunSummary.format(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(RunSummary.format(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
    }
}
