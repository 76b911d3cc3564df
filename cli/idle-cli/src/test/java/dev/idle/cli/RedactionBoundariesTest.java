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

    private static final List<String> SECRET_WORD_VALUES = List.of("Bearer eyJ-auth-value", "x-api-key-value",
            "api-key-value", "x_api_key-value", "pwd-value", "pin-value", "session-cookie-value");

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

    /**
     * Changed by design (issue 13, item 6): such a template used to be refused; it now resolves, and its value stays
     * secret in every output.
     */
    @Test
    void aTemplateThatReadsASecretNamedValueResolvesAndItsValueAppearsInNoOutput() throws IOException {
        Path workflow = write("leak.psd1", """
                @{ Name = 'Leak'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'pw={{Request.Intent.password}}' } } ) }
                """);
        Path request = write("r.json", "{ \"lifecycleEvent\": \"Joiner\", \"intent\": { \"password\": \"P@ssw0rd-123\" } }");

        CliRun run = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("P@ssw0rd-123");
        assertThat(run.out()).doesNotContain("P@ssw0rd-123").contains("\"Message\": \"[REDACTED]\"")
                .contains("\"executable\": false");
    }

    private Path secretWordWorkflow() throws IOException {
        return write("notes.psd1", """
                @{ Name = 'Notes'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Auth'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'auth {{Request.Intent.Authorization}}' } }
                     @{ Name = 'Key2'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'key2 {{Request.Intent.x_api_key}}' } }
                     @{ Name = 'Pwd'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'pwd {{Request.Intent.Pwd}}' } }
                     @{ Name = 'Pin'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'pin {{Request.Intent.Pin}}' } }
                     @{ Name = 'Cookie'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'cookie {{Request.Intent.SessionCookie}}' } }
                     @{ Name = 'Visible'; Type = 'IdLE.Step.EmitEvent'
                        With = @{ Message = 'hint {{Request.Intent.passwordHint}} count {{Request.Intent.tokenCount}} {{Request.Intent.pinned}}' } }
                   ) }
                """);
    }

    private Path secretWordRequest() throws IOException {
        return write("request.json", """
                { "LifecycleEvent": "Joiner", "correlationId": "c-1", "identityKeys": { "Id": "jdoe" },
                  "intent": { "Authorization": "Bearer eyJ-auth-value", "X-Api-Key": "x-api-key-value",
                              "ApiKey": "api-key-value", "x_api_key": "x_api_key-value", "Pwd": "pwd-value",
                              "Pin": "pin-value", "SessionCookie": "session-cookie-value",
                              "passwordHint": "hint-visible", "tokenCount": "count-visible",
                              "pinned": "pinned-visible" } }
                """);
    }

    /**
     * Keys equal to or ending in {@code authorization}, {@code apikey}, {@code pwd}, {@code pin}, {@code cookie}
     * (separators ignored) are secret-named, also when a template copies their values into a message; keys that only
     * start with a secret word stay visible.
     */
    @Test
    void valuesUnderAuthorizationApiKeyPwdPinAndCookieKeysAreRedacted() throws IOException {
        Path workflow = secretWordWorkflow();
        Path request = secretWordRequest();
        Path host = write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n");
        Path events = dir.resolve("events.jsonl");
        Path result = dir.resolve("result.json");
        Path plan = dir.resolve("plan.json");

        CliRun invoke = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--events", events.toString(), "--result", result.toString());
        CliRun export = CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", plan.toString());

        assertThat(invoke.exit()).as(invoke.err()).isZero();
        assertThat(export.exit()).as(export.err()).isZero();
        String eventsText = Files.readString(events);
        String resultText = Files.readString(result);
        String planText = Files.readString(plan);
        for (String secret : SECRET_WORD_VALUES) {
            assertThat(invoke.out() + invoke.err()).as("console").doesNotContain(secret);
            assertThat(eventsText).as("events").doesNotContain(secret);
            assertThat(resultText).as("result").doesNotContain(secret);
            assertThat(planText).as("plan export").doesNotContain(secret);
        }
        assertThat(eventsText).contains("pin [REDACTED]").contains("cookie [REDACTED]")
                .contains("hint hint-visible count count-visible pinned-visible");
        assertThat(planText).contains("hint-visible").contains("count-visible").contains("pinned-visible");
    }
}
