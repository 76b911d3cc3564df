package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in a request never reach any output boundary: plan export, result JSON, events, verbose output, logs.
 */
class RedactionBoundariesTest {
    private static final List<String> SECRETS = List.of("P@ssw0rd-123", "cl13nt-s3cr3t", "api-key-9876",
            "nested-t0ken-555", "deep-t0ken-777");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void requestSecretsAppearInNoPlanResultEventOrLogOutput() throws IOException {
        Path workflow = write("joiner.psd1", """
                @{ Name = 'Joiner'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                        With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Attributes = @{ Department = '{{Request.Intent.Department}}' } } }
                     @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'created {{Request.IdentityKeys.Id}}' } }
                     @{ Name = 'Fail'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'nobody' } }
                   ) }
                """);
        Path request = write("request.json", """
                { "lifecycleEvent": "Joiner", "correlationId": "c-1", "identityKeys": { "Id": "jdoe" },
                  "intent": { "Department": "IT", "password": "P@ssw0rd-123", "clientSecret": "cl13nt-s3cr3t",
                              "apiKey": "api-key-9876", "profile": { "token": "nested-t0ken-555",
                              "more": [ { "token": "deep-t0ken-777" } ] } },
                  "context": { "Graph": { "refreshToken": "nested-t0ken-555" } } }
                """);
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        Path plan = dir.resolve("plan.json");
        Path result = dir.resolve("result.json");
        Path events = dir.resolve("events.jsonl");
        Path log = Path.of("target", "idle-test.log");

        CliRun planRun = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--out", plan.toString());
        CliRun invoke = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--result", result.toString(), "--events", events.toString(), "--verbose");

        assertThat(planRun.exit()).as(planRun.err()).isZero();
        assertThat(invoke.exit()).isEqualTo(3);
        String everything = String.join("\n", Files.readString(plan), Files.readString(result),
                Files.readString(events), planRun.out(), planRun.err(), invoke.out(), invoke.err(),
                Files.exists(log) ? Files.readString(log) : "");
        assertThat(invoke.err()).contains("event StepStarted [Create]");
        assertThat(Files.readString(log)).contains("event StepStarted step=Create");
        assertThat(Files.readString(result)).contains("\"status\": \"Failed\"");
        for (String secret : SECRETS) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(Files.readString(plan)).contains("\"password\": \"[REDACTED]\"")
                .contains("\"apiKey\": \"[REDACTED]\"").contains("\"token\": \"[REDACTED]\"");
    }

    @Test
    void aTemplateThatReadsASecretNamedValueIsRefused() throws IOException {
        Path workflow = write("leak.psd1", """
                @{ Name = 'Leak'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'pw={{Request.Intent.password}}' } } ) }
                """);
        Path request = write("r.json", "{ \"lifecycleEvent\": \"Joiner\", \"intent\": { \"password\": \"P@ssw0rd-123\" } }");

        CliRun run = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("secret-named value 'password'").doesNotContain("P@ssw0rd-123");
        assertThat(run.out()).doesNotContain("P@ssw0rd-123");
    }
}
