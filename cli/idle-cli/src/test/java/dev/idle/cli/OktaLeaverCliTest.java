package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.oktasim.OktaSimulator;
import dev.idle.oktasim.RequestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/okta through the CLI against the Okta simulator: the first revocation attempt of every identity is
 * answered 429 with X-Rate-Limit-Reset; the run still completes, the simulator counts exactly one accepted revocation
 * per identity, the retry comes no earlier than the reset, and the API token appears in no output.
 */
class OktaLeaverCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private OktaSimulator sim;
    private ExampleWorkspace example;
    private String token;

    @BeforeEach
    void setUp() throws IOException {
        sim = OktaSimulator.start();
        token = sim.newApiToken();
        example = ExampleWorkspace.copy("okta", dir);
        example.pointBaseUrlAt("https://example.okta.com", sim.baseUrl());
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/okta-api-token.txt"), token + "\n");
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private JsonNode invoke(String login, Path events) throws IOException {
        CliRun run = example.invoke("Login", login, events);
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(run.out() + run.err() + Files.readString(events)).doesNotContain(token);
        return JSON.readTree(run.out());
    }

    @Test
    void leaverCompletesWithExactlyOneAcceptedRevocationPerIdentityAlthoughTheFirstAttemptWas429() throws IOException {
        String alumni = sim.addGroup("Alumni");
        String sales = sim.addGroup("Sales");
        String engineering = sim.addGroup("Engineering");
        String everyone = sim.addGroup("Everyone", "BUILT_IN");
        List<String> logins = List.of("jdoe@example.com", "asmith@example.com");
        for (String login : logins) {
            String uid = sim.addUser(login, "Test", "User", "ACTIVE");
            sim.addSession(uid);
            sim.addSession(uid);
            for (String g : List.of(alumni, sales, engineering, everyone)) {
                sim.addMember(g, uid);
            }
            sim.throttle("DELETE", "/api/v1/users/" + uid + "/sessions", 1);
        }

        for (String login : logins) {
            JsonNode result = invoke(login, dir.resolve("events-" + login + ".jsonl"));

            assertThat(result.get("status").asText()).isEqualTo("Completed");
            assertThat(result.get("steps")).allSatisfy(s ->
                    assertThat(s.get("status").asText()).as(s.get("name").asText()).isEqualTo("Completed"));
            JsonNode revoke = result.get("steps").get(1);
            assertThat(revoke.get("changed").asBoolean()).isTrue();
            assertThat(revoke.get("attempts").asInt()).as("one 429, then success").isEqualTo(2);
            assertThat(sim.acceptedRevocations(login)).as("accepted revocations of " + login).isEqualTo(1);
            assertThat(sim.sessionCount(login)).isZero();
            assertThat(sim.oauthTokenCount(login)).isZero();
            assertThat(sim.status(login)).isEqualTo("SUSPENDED");
            assertThat(sim.groupsOf(login)).containsExactlyInAnyOrder(alumni, everyone);
        }

        List<RequestRecord> log = sim.requests();
        List<RequestRecord> throttled = log.stream().filter(r -> r.status() == 429).toList();
        assertThat(throttled).hasSize(2);
        for (RequestRecord t : throttled) {
            RequestRecord retry = log.stream().filter(r -> r.path().equals(t.path()) && r.at().isAfter(t.at()))
                    .findFirst().orElseThrow();
            assertThat(retry.at()).as("retry of %s no earlier than X-Rate-Limit-Reset", t.path())
                    .isAfterOrEqualTo(t.rateLimitReset());
            assertThat(retry.status()).isEqualTo(204);
        }
        assertThat(log).allSatisfy(r -> assertThat(r.authScheme()).isEqualTo("SSWS"));
        assertThat(log.toString()).doesNotContain(token);
    }

    @Test
    void hostFileRejectsPlainHttpToANonLoopbackOktaOrg() throws IOException {
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, Files.readString(host).replace(sim.baseUrl(), "http://example.okta.com"));

        CliRun run = CliRun.of("invoke", "--workflow", dir.resolve("leaver.psd1").toString(),
                "--request", dir.resolve("request.json").toString(), "--host", host.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("must be an https URL");
        assertThat(sim.requests()).isEmpty();
    }
}
