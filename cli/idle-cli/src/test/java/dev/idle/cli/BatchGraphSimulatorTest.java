package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.graphsim.Fault;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle batch} against the Graph simulator, counted at the simulator: a dry run sends no write, the workers of a
 * batch share one write pace per app and tenant, and one {@code Retry-After} pauses every worker writing to that
 * target. The CLI runs in a child JVM (secrets in its environment, as an operator gives them, and rate limiters of its
 * own). No timed assertions: the simulator's clock orders what arrived.
 */
class BatchGraphSimulatorTest {
    private static final Path EXAMPLE_HOST = Path.of("..", "..", "examples", "entraid", "host.yaml");
    private static final String TENANT = "contoso-tenant";
    private static final Map<String, String> SECRETS = Map.of(
            "IDLE_GRAPH_CLIENT_SECRET", "batch-Provider-Secret-5d1e",
            "IDLE_GRAPH_ADMIN_SECRET", "batch-Admin-Secret-93b7",
            "IDLE_GRAPH_TIER0_SECRET", "batch-Tier0-Secret-0c4f");
    private static final String REVOKE_ONLY = """
            @{ Name = 'Revoke only'; LifecycleEvent = 'Leaver'; Steps = @(
              @{ Name = 'RevokeActiveSessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                 With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                           IdentityKey = '{{Request.IdentityKeys.Id}}' } }
            ) }
            """;

    @TempDir
    Path dir;
    private GraphSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim = GraphSimulator.builder().build().start();
        sim.registerApp(TENANT, "idle-provider", SECRETS.get("IDLE_GRAPH_CLIENT_SECRET"));
        sim.registerApp(TENANT, "idle-admin", SECRETS.get("IDLE_GRAPH_ADMIN_SECRET"));
        sim.registerApp(TENANT, "idle-tier0", SECRETS.get("IDLE_GRAPH_TIER0_SECRET"));
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void aDryRunPlansEveryRequestAndSendsNoWriteToTheTarget() throws Exception {
        List<String> ids = leavers(20);

        int exit = batch(host(null), "--dry-run");

        assertThat(exit).as(stderr()).isZero();
        assertThat(results()).hasSize(20).allSatisfy(r -> assertThat(r).contains("\"status\":\"Planned\""));
        assertThat(graphWrites()).as("writes the simulator received").isEmpty();
        assertThat(ids).allSatisfy(id -> assertThat(sim.sessionCount(id)).isEqualTo(1));
        assertThat(stderr()).contains("20 Planned");
    }

    @Test
    void eightWorkersShareOneWritePaceThatTheSimulatorCountsPerSecond() throws Exception {
        List<String> ids = leavers(40);

        int exit = batch(host("{ writesPerSecond: 10 }"), "--concurrency", "8");

        assertThat(exit).as(stderr()).isZero();
        assertThat(results()).hasSize(40).allSatisfy(r -> assertThat(r).contains("\"status\":\"Completed\""));
        assertThat(ids).allSatisfy(id -> assertThat(sim.sessionCount(id)).isZero());
        assertThat(graphWrites()).as("one revocation call per identity").hasSize(40);
        // eight unpaced workers would send all 40 within a second; one shared pace of 10/s, whose write window waits
        // for the answer of the write 10 places back, never lets the server count 11 in a second, whatever the jitter
        assertThat(sim.maxWritesInAnyWindow(Duration.ofSeconds(1))).as("writes in any 1 s window").isLessThanOrEqualTo(10);
        assertThat(sim.tooManyRequestsSent()).isZero();
    }

    @Test
    void oneRetryAfterPausesEveryWorkerWritingToTheTarget() throws Exception {
        List<String> ids = leavers(30);
        sim.injectFault(Fault.on("POST", ".*/revokeSignInSessions").times(1).status(429)
                .retryAfter(Duration.ofSeconds(2)));

        int exit = batch(host("{ writesPerSecond: 5 }"), "--concurrency", "8");

        assertThat(exit).as(stderr()).isZero();
        assertThat(results()).hasSize(30).allSatisfy(r -> assertThat(r).contains("\"status\":\"Completed\""));
        List<RequestRecord> writes = graphWrites();
        RequestRecord throttled = writes.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        Instant resume = throttled.time().plus(Duration.ofSeconds(2));
        assertThat(writes).filteredOn(r -> r != throttled && r.time().isAfter(throttled.time()))
                .as("every write after the 429 waits out its Retry-After, whichever worker sends it")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.time()).isAfterOrEqualTo(resume));
        assertThat(ids).allSatisfy(id -> assertThat(sim.sessionCount(id)).isZero());
        assertThat(stderr()).contains("30 Completed").contains("; throttled (429) 1 time");
    }

    /** {@code n} users with one session each, and a requests file naming them by object id. */
    private List<String> leavers(int n) throws IOException {
        List<String> ids = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String id = sim.addUser("leaver" + i + "@contoso.example", "Leaver " + i);
            sim.addSessions(id, 1);
            ids.add(id);
            lines.append("{\"lifecycleEvent\":\"Leaver\",\"correlationId\":\"g-").append(i)
                    .append("\",\"identityKeys\":{\"Id\":\"").append(id).append("\"}}\n");
        }
        Files.writeString(dir.resolve("leavers.jsonl"), lines);
        Files.writeString(dir.resolve("revoke.psd1"), REVOKE_ONLY);
        sim.clearLog();
        return ids;
    }

    /** The example host with the simulator's port and trust store, and {@code rateLimit} when given. */
    private Path host(String rateLimit) throws IOException {
        String yaml = Files.readString(EXAMPLE_HOST)
                .replace("https://127.0.0.1:8443", "https://127.0.0.1:" + sim.port())
                .replace(".graphsim/truststore.p12", sim.trustStore().toAbsolutePath().toString().replace('\\', '/'));
        if (rateLimit != null) {
            yaml = yaml.replace("    timeoutSeconds: 20\n", "    timeoutSeconds: 20\n    rateLimit: " + rateLimit + "\n");
        }
        return Files.writeString(dir.resolve("host.yaml"), yaml);
    }

    /** Runs {@code idle batch} over leavers.jsonl in a child JVM; returns its exit code. */
    private int batch(Path host, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("batch", "--workflow", dir.resolve("revoke.psd1").toString(),
                "--host", host.toString(), "--requests", dir.resolve("leavers.jsonl").toString(),
                "--results", dir.resolve("results.jsonl").toString()));
        args.addAll(List.of(options));
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
        Process p = ChildCli.start(args, env, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"));
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("idle batch finished").isTrue();
        return p.exitValue();
    }

    private List<String> results() throws IOException {
        return Files.readAllLines(dir.resolve("results.jsonl"), StandardCharsets.UTF_8);
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    /** Write calls to the Graph API (the token endpoint's POSTs are not writes to the target). */
    private List<RequestRecord> graphWrites() {
        return sim.requestLog().stream().filter(r -> r.isWrite() && r.target().startsWith("/v1.0/")).toList();
    }
}
