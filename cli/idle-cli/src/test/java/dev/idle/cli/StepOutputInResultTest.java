package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a provider reports besides {@code changed} reaches the step's entry of the result as {@code output}. */
class StepOutputInResultTest {
    @TempDir
    Path dir;

    @Test
    void aProvidersDocumentedOutputAppearsInTheStepsEntryOfTheResult() throws Exception {
        Path wf = dir.resolve("mover.psd1");
        Files.writeString(wf, """
                @{ Name = 'Mover'; LifecycleEvent = 'Mover'; Steps = @(
                    @{ Name = 'Move'; Type = 'IdLE.Step.MoveIdentity'
                       With = @{ IdentityKey = 'jdoe'; TargetContainer = 'OU=Sales,DC=example,DC=com' } }
                    @{ Name = 'Note'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'moved' } }
                ) }
                """);
        Path request = dir.resolve("request.json");
        Files.writeString(request, "{\"lifecycleEvent\":\"Mover\"}");
        Path host = dir.resolve("host.yaml");
        Files.writeString(dir.resolve("state.json"), "{\"identities\":{\"jdoe\":{\"enabled\":true}}}");
        Files.writeString(host, "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");

        CliRun run = CliRun.of("invoke", "--workflow", wf.toString(), "--request", request.toString(),
                "--host", host.toString(), "--no-summary");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode steps = new ObjectMapper().readTree(run.out()).get("steps");
        assertThat(steps.get(0).get("output").get("TargetContainer").asText()).isEqualTo("OU=Sales,DC=example,DC=com");
        assertThat(steps.get(0).get("changed").asBoolean()).isTrue();
        assertThat(steps.get(1).has("output")).as("a step without provider output has no 'output' key").isFalse();
    }
}
