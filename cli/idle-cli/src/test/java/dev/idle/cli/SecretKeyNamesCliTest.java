package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values under keys that equal or end in a secret word ({@code authorization}, {@code apikey}, {@code pwd},
 * {@code pin}, {@code cookie}, separators ignored) never reach the result, the events or the plan export, also when
 * a template copies them into a message; keys that only start with a secret word stay visible.
 */
class SecretKeyNamesCliTest {
    private static final List<String> SECRETS = List.of("Bearer eyJ-auth-value", "x-api-key-value",
            "api-key-value", "x_api_key-value", "pwd-value", "pin-value", "session-cookie-value");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path workflow() throws IOException {
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

    private Path request() throws IOException {
        return write("request.json", """
                { "LifecycleEvent": "Joiner", "correlationId": "c-1", "identityKeys": { "Id": "jdoe" },
                  "intent": { "Authorization": "Bearer eyJ-auth-value", "X-Api-Key": "x-api-key-value",
                              "ApiKey": "api-key-value", "x_api_key": "x_api_key-value", "Pwd": "pwd-value",
                              "Pin": "pin-value", "SessionCookie": "session-cookie-value",
                              "passwordHint": "hint-visible", "tokenCount": "count-visible",
                              "pinned": "pinned-visible" } }
                """);
    }

    @Test
    void valuesUnderAuthorizationApiKeyPwdPinAndCookieKeysAreRedacted() throws IOException {
        Path workflow = workflow();
        Path request = request();
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
        for (String secret : SECRETS) {
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
