package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan export whose inputs were redacted cannot run as approved: it is marked non-executable, and
 * {@code invoke --plan} refuses it with exit 2, naming the step and the key path (never the value), and runs nothing.
 */
class RedactedPlanExportTest {
    private static final String PASSWORD = "Hr-Initial-Pass-31";

    @TempDir
    Path dir;

    @Test
    void planExportWithRedactedInputsIsRefusedByInvokePlan() throws IOException {
        Path workflow = Files.writeString(dir.resolve("joiner.psd1"), """
                @{ Name = 'Joiner'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                        With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'
                                  Attributes = @{ Password = '{{Request.Intent.TemporaryPassword}}'; Department = 'IT' } } }
                   ) }
                """);
        Path request = Files.writeString(dir.resolve("request.json"), """
                { "lifecycleEvent": "Joiner", "correlationId": "c-9", "identityKeys": { "Id": "jdoe" },
                  "intent": { "TemporaryPassword": "%s" } }
                """.formatted(PASSWORD));
        Path host = Files.writeString(dir.resolve("host.yaml"),
                "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        Path plan = dir.resolve("plan.json");
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");

        CliRun export = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--out", plan.toString());
        CliRun invoke = CliRun.of("invoke", "--plan", plan.toString(), "--host", host.toString(),
                "--result", result.toString(), "--events", events.toString());

        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(plan)).doesNotContain(PASSWORD).contains("\"executable\": false")
                .contains("\"Password\": \"[REDACTED]\"");
        assertThat(invoke.exit()).isEqualTo(2);
        assertThat(invoke.err()).contains("the plan is not executable").contains("redacted")
                .contains("step 'Create'").contains("With.Attributes.Password").doesNotContain(PASSWORD);
        assertThat(invoke.out()).isEmpty();
        assertThat(result).doesNotExist();
        assertThat(events).as("nothing ran, so no event was written").doesNotExist();
        Path state = dir.resolve("state.json");
        assertThat(Files.exists(state) ? Files.readString(state) : "").as("the provider created nobody")
                .doesNotContain("jdoe");
    }
}
