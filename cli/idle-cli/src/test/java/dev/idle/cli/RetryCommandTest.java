package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transient provider failures are retried per the host's retry profile; others never are. */
class RetryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path workflow;
    private Path request;

    @BeforeEach
    void files() throws IOException {
        workflow = write("leaver.psd1", """
                @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; RetryProfile = 'Backend'
                                 With = @{ IdentityKey = 'jdoe' } } ) }
                """);
        request = write("request.json", "{ \"lifecycleEvent\": \"Leaver\", \"correlationId\": \"c-1\" }");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private JsonNode run(String fault, int maxAttempts) throws IOException {
        Path host = write("host.yaml", """
                providers:
                  Identity:
                    type: mock
                    identities: { jdoe: { enabled: true, sessions: [ { id: s1, client: Outlook } ] } }
                    %s
                executionOptions:
                  retryProfiles:
                    Backend: { maxAttempts: %d, initialDelayMilliseconds: 5, backoffFactor: 2.0, maxDelayMilliseconds: 50, jitterRatio: 0.2 }
                """.formatted(fault, maxAttempts));
        Path events = dir.resolve("events.jsonl");
        CliRun run = CliRun.of("invoke", "--workflow", workflow.toString(), "--request", request.toString(),
                "--host", host.toString(), "--events", events.toString());
        JsonNode result = JSON.readTree(run.out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) result).put("retrying",
                Files.readAllLines(events).stream().filter(l -> l.contains("\"StepRetrying\"")).count());
        return result;
    }

    @Test
    void twoTransientFailuresSucceedOnTheThirdAttemptUnderAProfileAllowingThree() throws IOException {
        JsonNode r = run("failOn: { RevokeSessions: 2 }", 3);

        assertThat(r.get("status").asText()).isEqualTo("Completed");
        assertThat(r.at("/steps/0/attempts").asInt()).isEqualTo(3);
        assertThat(r.at("/steps/0/changed").asBoolean()).isTrue();
        assertThat(r.get("retrying").asInt()).isEqualTo(2);
    }

    @Test
    void twoTransientFailuresFailTheStepWithTwoAttemptsUnderAProfileAllowingTwo() throws IOException {
        JsonNode r = run("failOn: { RevokeSessions: 2 }", 2);

        assertThat(r.get("status").asText()).isEqualTo("Failed");
        assertThat(r.at("/steps/0/status").asText()).isEqualTo("Failed");
        assertThat(r.at("/steps/0/attempts").asInt()).isEqualTo(2);
        assertThat(r.get("retrying").asInt()).isEqualTo(1);
    }

    @Test
    void aNonTransientErrorIsNeverRetried() throws IOException {
        JsonNode r = run("failPermanentlyOn: [ RevokeSessions ]", 5);

        assertThat(r.at("/steps/0/status").asText()).isEqualTo("Failed");
        assertThat(r.at("/steps/0/attempts").asInt()).isEqualTo(1);
        assertThat(r.get("retrying").asInt()).isZero();
    }
}
