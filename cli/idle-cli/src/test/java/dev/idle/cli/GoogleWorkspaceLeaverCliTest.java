package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.googlesim.GoogleSimulator;
import dev.idle.googlesim.RequestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/googleworkspace through the CLI against the Google simulator, authenticated as a service account with
 * domain-wide delegation: the first users.signOut of every identity is rate-limited (429 rateLimitExceeded for one,
 * 403 userRateLimitExceeded for the other, both with Retry-After); the run still completes with exactly one accepted
 * revocation per identity, no retry before Retry-After, and no key material or access token in any output.
 */
class GoogleWorkspaceLeaverCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private GoogleSimulator sim;
    private ExampleWorkspace example;
    private String privateKeyBody;

    @BeforeEach
    void setUp() throws IOException {
        sim = GoogleSimulator.start("example.com").retryAfterSeconds(1).addOrgUnit("/Leavers");
        sim.addUser("admin@example.com", "Ada", "Admin", true);
        example = ExampleWorkspace.copy("googleworkspace", dir);
        example.pointBaseUrlAt("https://admin.googleapis.com", sim.baseUrl());
        Path key = dir.resolve("secrets/service-account.json");
        sim.createServiceAccount("idle-leaver@sim-project.iam.gserviceaccount.com", key);
        String pem = JSON.readTree(key.toFile()).get("private_key").asText();
        privateKeyBody = pem.split("\n")[1];
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private JsonNode invoke(String email, Path events) throws IOException {
        CliRun run = example.invoke("Email", email, events);
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        String all = run.out() + run.err() + Files.readString(events);
        assertThat(all).doesNotContain(privateKeyBody).doesNotContain("ya29.").doesNotContain("assertion");
        return JSON.readTree(run.out());
    }

    @Test
    void leaverCompletesWithExactlyOneAcceptedSignOutPerIdentityAlthoughTheFirstAttemptWasRateLimited()
            throws IOException {
        sim.addGroup("alumni@example.com", "Alumni");
        sim.addGroup("sales@example.com", "Sales");
        sim.addGroup("eng@example.com", "Engineering");
        List<String> emails = List.of("jdoe@example.com", "asmith@example.com");
        int status = 429;
        for (String email : emails) {
            String id = sim.addUser(email, "Test", "User", false);
            sim.addSession(email);
            sim.addSession(email);
            for (String g : List.of("alumni@example.com", "sales@example.com", "eng@example.com")) {
                sim.addMember(g, email);
            }
            sim.throttle("POST", "/admin/directory/v1/users/(" + email.replace("@", "%40").replace(".", "\\.")
                    + "|" + id + ")/signOut", 1, status);
            status = 403;
        }

        for (String email : emails) {
            JsonNode result = invoke(email, dir.resolve("events-" + email + ".jsonl"));

            assertThat(result.get("status").asText()).isEqualTo("Completed");
            assertThat(result.get("steps")).allSatisfy(s -> {
                assertThat(s.get("status").asText()).as(s.get("name").asText()).isEqualTo("Completed");
                assertThat(s.get("changed").asBoolean()).as(s.get("name").asText()).isTrue();
            });
            assertThat(result.get("steps").get(1).get("attempts").asInt()).as("rate-limited, then accepted")
                    .isEqualTo(2);
            assertThat(sim.acceptedRevocations(email)).as("accepted signOuts of " + email).isEqualTo(1);
            assertThat(sim.sessionCount(email)).isZero();
            assertThat(sim.user(email).get("suspended")).isEqualTo(true);
            assertThat(sim.user(email).get("orgUnitPath")).isEqualTo("/Leavers");
            assertThat(sim.groupsOf(email)).containsExactly("alumni@example.com");
        }

        List<RequestRecord> log = sim.requests();
        List<RequestRecord> throttled = log.stream().filter(r -> r.rateLimitReset() != null).toList();
        assertThat(throttled).extracting(RequestRecord::status).containsExactly(429, 403);
        for (RequestRecord t : throttled) {
            RequestRecord retry = log.stream().filter(r -> r.path().equals(t.path()) && r.at().isAfter(t.at()))
                    .findFirst().orElseThrow();
            assertThat(retry.at()).as("retry of %s no earlier than Retry-After", t.path())
                    .isAfterOrEqualTo(t.rateLimitReset());
            assertThat(retry.status()).isEqualTo(204);
        }
        assertThat(log.stream().filter(r -> r.path().equals("/token"))).as("one token per run (cached)").hasSize(2);
    }
}
