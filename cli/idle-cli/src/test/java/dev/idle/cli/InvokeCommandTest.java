package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path workflow;
    private Path request;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @BeforeEach
    void files() throws IOException {
        workflow = write("leaver.psd1", """
                @{
                  Name = 'Leaver'
                  LifecycleEvent = 'Leaver'
                  Steps = @(
                    @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                    @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                    @{ Name = 'Done'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'done' } }
                  )
                  OnFailureSteps = @( @{ Name = 'Alert'; Type = 'IdLE.Step.EmitEvent' } )
                }
                """);
        request = write("request.json", """
                { "LifecycleEvent": "Leaver", "correlationId": "c-42", "identityKeys": { "Id": "jdoe" },
                  "intent": { "password": "hunter2" } }
                """);
        write("state.json", """
                { "identities": { "jdoe": { "enabled": true, "attributes": {}, "entitlements": [],
                  "sessions": [ { "id": "s1", "client": "Outlook" }, { "id": "s2", "client": "Teams" } ] } } }
                """);
    }

    private Path host(String extra) throws IOException {
        return write("host.yaml", "providers:\n  Identity:\n    type: mock\n    stateFile: state.json\n" + extra);
    }

    @Test
    void invokeRevokesSessionsThenReportsNoChangeOnTheSecondRun() throws IOException {
        Path host = host("");
        Path result = dir.resolve("result.json");
        CliRun first = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--result", result.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode r1 = JSON.readTree(result.toFile());
        assertThat(r1.at("/steps/1/changed").asBoolean()).isTrue();
        assertThat(JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/jdoe/sessions").size()).isZero();
        assertThat(JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/jdoe/enabled").asBoolean()).isFalse();

        CliRun second = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString());
        JsonNode r2 = JSON.readTree(second.out());
        assertThat(r2.at("/steps/0/changed").asBoolean()).isFalse();
        assertThat(r2.at("/steps/1/changed").asBoolean()).isFalse();
    }

    @Test
    void failedRunExitsThreeWithNotRunRowsAndOnFailureResult() throws IOException {
        Path host = host("    failPermanentlyOn: [RevokeSessions]\n");
        Path events = dir.resolve("events.jsonl");
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--events", events.toString());

        assertThat(run.exit()).isEqualTo(3);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.get("status").asText()).isEqualTo("Failed");
        assertThat(r.at("/steps/1/status").asText()).isEqualTo("Failed");
        assertThat(r.at("/steps/2/status").asText()).isEqualTo("NotRun");
        assertThat(r.at("/steps/2/attempts").asInt()).isZero();
        assertThat(r.at("/onFailure/status").asText()).isEqualTo("Completed");
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSizeGreaterThan(5);
        for (String line : lines) {
            assertThat(JSON.readTree(line).has("type")).isTrue();
        }
        assertThat(JSON.readTree(lines.get(0)).get("type").asText()).isEqualTo("RunStarted");
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("RunCompleted");
        assertThat(JSON.readTree(lines.get(0)).get("stepName").isNull()).isTrue();
    }

    @Test
    void blockedRunExitsFour() throws IOException {
        Path wf = write("blocked.psd1", """
                @{ Name = 'B'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Guarded'; Type = 'IdLE.Step.EmitEvent'
                                 Precondition = @{ Equals = @{ Path = 'Request.IdentityKeys.Id'; Value = 'someone-else' } } } ) }
                """);
        CliRun run = CliRun.of("invoke", "--workflow", wf.toString(), "--request", request.toString(),
                "--host", host("").toString());

        assertThat(run.exit()).isEqualTo(4);
        assertThat(JSON.readTree(run.out()).at("/steps/0/status").asText()).isEqualTo("Blocked");
    }

    @Test
    void secretsFromTheRequestNeverAppearInResultOrEvents() throws IOException {
        Path events = dir.resolve("events.jsonl");
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host("").toString(), "--events", events.toString());

        assertThat(run.out() + run.err() + Files.readString(events)).doesNotContain("hunter2");
    }

    @Test
    void unknownProviderTypeIsBadInputAndNothingRuns() throws IOException {
        Path host = write("bad-host.yaml", "providers:\n  Identity:\n    type: nosuch\n");
        Path result = dir.resolve("result.json");
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--result", result.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown provider type 'nosuch'");
        assertThat(result).doesNotExist();
    }

    @Test
    void planExportIsByteIdenticalForIdenticalInput() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", a.toString()).exit()).isZero();
        assertThat(CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--out", b.toString()).exit()).isZero();

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readString(a)).contains("\"schemaVersion\": \"1.0\"").doesNotContain("hunter2");
    }

    @Test
    void planWithAMissingRequiredKeyExitsTwoNamingIt() throws IOException {
        Path wf = write("bad.psd1", """
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions' } ) }
                """);
        CliRun run = CliRun.of("plan", "--workflow", wf.toString(), "--request", request.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing required With.IdentityKey");
    }

    @Test
    void approvedPlanRunsLikeADirectInvokeAndAnEditedOneIsRefused() throws IOException {
        Path plan = dir.resolve("plan.json");
        assertThat(CliRun.of("plan", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host("").toString(), "--out", plan.toString()).exit()).isZero();
        String original = Files.readString(plan);
        Path edited = write("edited.json", original.replaceFirst("\"Disable\"", "\"Disablf\""));
        Path events = dir.resolve("refused-events.jsonl");

        CliRun refused = CliRun.of("invoke", "--plan", edited.toString(), "--host", host("").toString(),
                "--events", events.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("planHash does not match");
        assertThat(refused.out()).isEmpty();
        assertThat(events).doesNotExist();
        assertThat(JSON.readTree(dir.resolve("state.json").toFile()).at("/identities/jdoe/sessions").size()).isEqualTo(2);

        CliRun approved = CliRun.of("invoke", "--plan", plan.toString(), "--host", host("").toString());
        assertThat(approved.exit()).as(approved.err()).isZero();
        JsonNode fromPlan = JSON.readTree(approved.out());

        write("state.json", """
                { "identities": { "jdoe": { "enabled": true, "attributes": {}, "entitlements": [],
                  "sessions": [ { "id": "s1", "client": "Outlook" }, { "id": "s2", "client": "Teams" } ] } } }
                """);
        JsonNode direct = JSON.readTree(CliRun.of("invoke", "--workflow", workflow.toString(), "--request",
                request.toString(), "--host", host("").toString()).out());
        assertThat(fromPlan.get("steps")).isEqualTo(direct.get("steps"));
        assertThat(fromPlan.get("status")).isEqualTo(direct.get("status"));
        assertThat(fromPlan.get("correlationId")).isEqualTo(direct.get("correlationId"));
        assertThat(fromPlan.at("/steps/1/changed").asBoolean()).isTrue();
    }
}
