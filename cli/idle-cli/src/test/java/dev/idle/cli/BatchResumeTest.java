package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle batch} killed with SIGKILL ({@link Process#destroyForcibly()}) in a child JVM at three points, then the
 * same command with {@code --resume}: every request ends up exactly once in the results, all {@code Completed}, and
 * the Graph simulator (which outlives the child, and logs every call) shows that no identity the journal listed at
 * the kill was called again. The simulator answers slowly (a fixed latency per call), so that the batch is still
 * running when the test, polling the results file, kills it; what is asserted does not depend on when exactly that is.
 */
class BatchResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "contoso-tenant";
    private static final String SECRET = "resume-Provider-Secret-3b7e";
    private static final int N = 40;
    private static final int CONCURRENCY = 4;

    @TempDir
    Path dir;
    private GraphSimulator sim;
    /** The simulator's user id of each request's identity, by index. */
    private final List<String> userIds = new ArrayList<>();
    private Path results;
    private Path journal;
    private List<String> command;

    @BeforeEach
    void setUp() throws IOException {
        sim = GraphSimulator.builder().latency(Duration.ofMillis(60)).build().start();
        sim.registerApp(TENANT, "idle-provider", SECRET);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < N; i++) {
            String id = sim.addUser("leaver" + i + "@contoso.example", "Leaver " + i);
            sim.addSessions(id, 1);
            userIds.add(id);
            lines.append("{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"r-").append(i)
                    .append("\",\"identityKeys\":{\"Id\":\"").append(id).append("\"}}\n");
        }
        Path requests = Files.writeString(dir.resolve("leavers.jsonl"), lines);
        Path workflow = Files.writeString(dir.resolve("revoke.psd1"), """
                @{ Name = 'Revoke'; LifecycleEvent = 'Leaver'; Steps = @(
                  @{ Name = 'Revoke sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                     With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } } ) }
                """);
        Path host = Files.writeString(dir.resolve("host.yaml"), """
                providers:
                  Identity:
                    type: entraid
                    baseUrl: https://127.0.0.1:%1$d/v1.0
                    authorityHost: https://127.0.0.1:%1$d
                    trustStore: %2$s
                    trustStorePasswordEnv: IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD
                    auth: { type: ClientSecret, tenantId: %3$s, clientId: idle-provider, env: IDLE_GRAPH_CLIENT_SECRET }
                """.formatted(sim.port(), sim.trustStore().toAbsolutePath().toString().replace('\\', '/'), TENANT));
        results = dir.resolve("results.jsonl");
        journal = dir.resolve("results.jsonl.journal");
        command = List.of("batch", "--workflow", workflow.toString(), "--host", host.toString(), "--requests",
                requests.toString(), "--results", results.toString(), "--concurrency", String.valueOf(CONCURRENCY));
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    private Process start(List<String> args, String name) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("IDLE_GRAPH_CLIENT_SECRET", SECRET);
        env.put("IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
        return ChildCli.start(args, env, dir.resolve(name + ".out"), dir.resolve(name + ".err"));
    }

    /** Starts the batch, waits until {@code killPoint} holds, and kills the JVM with SIGKILL. */
    private void startAndKill(BooleanSupplier killPoint) throws Exception {
        Process p = start(command, "killed");
        try {
            while (!killPoint.getAsBoolean()) {
                assertThat(p.isAlive()).as("the batch is still running at the kill point: %s",
                        Files.exists(dir.resolve("killed.err")) ? Files.readString(dir.resolve("killed.err")) : "")
                        .isTrue();
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed, not finished").isNotZero();
    }

    /** Resumes; asserts every request exactly once and Completed, and no identity the journal listed called again. */
    private void resumeAndCheck() throws Exception {
        Set<Integer> listed = journalIndexes();

        Process p = start(append(command, "--resume"), "resumed");
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("resume finished").isTrue();
        String err = Files.readString(dir.resolve("resumed.err"));

        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("resuming: " + listed.size() + " requests finished before the interruption");
        Set<Integer> indexes = new HashSet<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            JsonNode r = JSON.readTree(line);
            assertThat(indexes.add(r.get("index").asInt())).as("index %s recorded twice", r.get("index")).isTrue();
            assertThat(r.get("status").asText()).isEqualTo("Completed");
        }
        assertThat(indexes).hasSize(N);
        assertThat(journal).as("removed when the batch finished").doesNotExist();
        Map<String, Integer> calls = revocationsPerUser();
        int ranTwice = 0;
        for (int i = 0; i < N; i++) {
            String id = userIds.get(i);
            assertThat(sim.sessionCount(id)).as("sessions of request %d", i).isZero();
            if (listed.contains(i)) {
                assertThat(calls.get(id)).as("request %d was done before the kill: called once, never again", i)
                        .isEqualTo(1);
            } else {
                assertThat(calls.get(id)).as("request %d not listed: called by the resume", i).isBetween(1, 2);
                ranTwice += calls.get(id) == 2 ? 1 : 0;
            }
        }
        assertThat(ranTwice).as("only requests in flight at the kill run twice").isLessThanOrEqualTo(CONCURRENCY);
    }

    private static List<String> append(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    /** Successful revocation calls per user id, whole test. */
    private Map<String, Integer> revocationsPerUser() {
        Map<String, Integer> out = new HashMap<>();
        for (RequestRecord r : sim.requestLog()) {
            if (r.target().endsWith("/revokeSignInSessions") && r.status() / 100 == 2) {
                String[] parts = r.target().split("/");
                out.merge(parts[parts.length - 2], 1, Integer::sum);
            }
        }
        return out;
    }

    private Set<Integer> journalIndexes() throws IOException {
        Set<Integer> out = new HashSet<>();
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            out.add(JSON.readTree(line).get("index").asInt());
        }
        return out;
    }

    /** Complete lines in {@code file} (0 when it does not exist yet). */
    private static long completeLines(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .chars().filter(c -> c == '\n').count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void killedMidwayAndResumedEveryRequestEndsUpOnceAndNoFinishedIdentityIsCalledAgain() throws Exception {
        startAndKill(() -> completeLines(results) >= 12);

        assertThat(completeLines(journal) - 1).as("the journal lists what was done").isGreaterThanOrEqualTo(11);
        resumeAndCheck();
    }

    @Test
    void killedRightAfterItsJournalWasStartedAndResumedRunsEveryRequest() throws Exception {
        startAndKill(() -> completeLines(journal) >= 1);

        resumeAndCheck();
    }

    @Test
    void killedWhileItsLastResultsLineWasTornAndResumedRepairsTheResults() throws Exception {
        startAndKill(() -> completeLines(results) >= 4);
        // what a kill in the middle of writing a results line leaves: a line without its end, not in the journal
        Files.writeString(results, "{\"index\":39,\"line\":40,\"startedAt\":\"2026-12-04T", StandardOpenOption.APPEND);

        resumeAndCheck();
        assertThat(Files.readString(dir.resolve("resumed.err"))).contains(results
                + ": removed what followed the last request the journal lists");
    }
}
