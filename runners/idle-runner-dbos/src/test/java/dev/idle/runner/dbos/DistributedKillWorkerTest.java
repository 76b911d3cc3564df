package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: two worker processes over one PostgreSQL run 500 leavers (disable the account, revoke
 * its sessions: two Graph writes each) against the Graph simulator, which counts every write it receives and answers
 * 429 beyond 20 in any sliding second; the workers pace their writes together through {@link PostgresWritePace}. One
 * worker is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) mid-run and never restarted: the other
 * worker's recovery watchdog hands it the dead worker's unfinished runs. All 500 complete with one results record
 * each; a step checkpointed before the kill never ran again (only a step in flight on the killed worker may have
 * written twice); and no sliding second saw more than 20 attempted writes.
 */
class DistributedKillWorkerTest {
    private static final int LEAVERS = 500;
    private static final String TENANT = "contoso-tenant";
    private static final Map<String, String> SECRETS = Map.of(
            "IDLE_GRAPH_CLIENT_SECRET", "kill-Provider-Secret-7a21",
            "IDLE_GRAPH_ADMIN_SECRET", "kill-Admin-Secret-3c94",
            "IDLE_GRAPH_TIER0_SECRET", "kill-Tier0-Secret-b850");
    private static final String LEAVER = """
            @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; Steps = @(
              @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'
                 With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                           IdentityKey = '{{Request.IdentityKeys.Id}}' } }
              @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'
                 With = @{ AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }
                           IdentityKey = '{{Request.IdentityKeys.Id}}' } }
            ) }
            """;

    @TempDir
    Path dir;
    private final String schema = DistributedFixture.uniqueSchema();
    private final List<Process> workers = new ArrayList<>();
    private GraphSimulator sim;

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void fiveHundredLeaversCompleteOnceEachAfterAWorkerIsKilledAndNoSecondSeesMoreThanTheLimit() throws Exception {
        DatabaseSettings settings = RealPostgres.settings();
        sim = GraphSimulator.builder().build().start();
        SECRETS.forEach((var, secret) -> sim.registerApp(TENANT, var.equals("IDLE_GRAPH_CLIENT_SECRET")
                ? "idle-provider" : var.equals("IDLE_GRAPH_ADMIN_SECRET") ? "idle-admin" : "idle-tier0", secret));
        sim.throttle(20, Duration.ofSeconds(1), Duration.ofSeconds(1));
        List<String> users = users();
        Instant started = Instant.now();

        Process doomed = worker("doomed", 0, LEAVERS / 2);
        Process survivor = worker("survivor", LEAVERS / 2, LEAVERS - LEAVERS / 2);
        awaitUntil(() -> submitted("doomed") && submitted("survivor"), Duration.ofMinutes(3), "both submitted");
        try (Connection db = settings.openConnection("test")) {
            awaitUntil(() -> count(db, "SELECT count(*) FROM " + schema + ".workflow_status WHERE status = 'SUCCESS'")
                    >= LEAVERS / 4, Duration.ofMinutes(5), "a quarter finished");
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no lease ended, no checkpoint after this
            Instant killed = Instant.now();
            assertThat(doomed.waitFor(1, TimeUnit.MINUTES)).isTrue();
            Set<String> unfinished = strings(db, "SELECT run_id FROM " + schema + "_runner.runs"
                    + " WHERE executor = 'doomed' AND state = 'PENDING'");
            Set<String> checkpointedAtKill = strings(db, "SELECT run_id || ' ' || step FROM " + schema
                    + "_runner.run_steps WHERE step LIKE 'step %'");

            awaitUntil(() -> count(db, "SELECT count(*) FROM " + schema + ".workflow_status"
                    + " WHERE executor_id = 'doomed' AND status = 'PENDING'") == 0, Duration.ofMinutes(2),
                    "the dead worker's runs taken over");
            Duration takeOver = Duration.between(killed, Instant.now());
            awaitUntil(() -> count(db, "SELECT count(*) FROM " + schema + ".workflow_status WHERE status = 'SUCCESS'")
                    == LEAVERS, Duration.ofMinutes(6), "all finished");
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            stopSurvivor(survivor);

            assertThat(unfinished).as("the kill came mid-run").isNotEmpty();
            List<String> results = rows(db, "SELECT correlation_id || ' ' || status FROM " + schema
                    + "_runner.results");
            assertThat(results).as("one results record per leaver, each Completed").hasSize(LEAVERS)
                    .doesNotHaveDuplicates().allSatisfy(r -> assertThat(r).endsWith(" Completed"));
            assertThat(strings(db, "SELECT run_id FROM " + schema + "_runner.runs WHERE executor = 'survivor'"))
                    .as("the dead worker's unfinished runs finished on the survivor").containsAll(unfinished);
            assertThat(rows(db, "SELECT dead_executor || ' -> ' || taken_over_by FROM " + schema
                    + "_runner.recovery_log")).as("taken over by the watchdog, once")
                    .containsExactly("doomed -> survivor");
            int repeated = assertWritesNotRepeated(users, unfinished, checkpointedAtKill);
            System.out.printf("DistributedKillWorkerTest: %d leavers in %d s; the killed worker's %d unfinished runs"
                    + " taken over %d ms after the kill; %d steps in flight ran twice%n", LEAVERS, seconds,
                    unfinished.size(), takeOver.toMillis(), repeated);
        }
        assertThat(sim.maxAttemptedWritesInAnyWindow(Duration.ofSeconds(1))).as("attempted writes in any 1 s")
                .isLessThanOrEqualTo(20);
    }

    /**
     * Each leaver's steps wrote once; only a step of the killed worker that had no checkpoint when it died may have
     * written twice (it was in flight, and ran again on the survivor).
     */
    private int assertWritesNotRepeated(List<String> users, Set<String> unfinished, Set<String> checkpointedAtKill) {
        Map<String, Integer> writes = new HashMap<>();
        for (RequestRecord r : sim.requestLog()) {
            if (r.isWrite() && r.target().startsWith("/v1.0/users/")) {
                writes.merge(r.method() + " " + r.target(), 1, Integer::sum);
            }
        }
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < LEAVERS; i++) {
            String run = LeaverWorker.correlationId(i);
            String user = "/v1.0/users/" + users.get(i);
            Map<String, Integer> steps = Map.of("step 0:Disable", writes.getOrDefault("PATCH " + user, 0),
                    "step 1:Revoke", writes.getOrDefault("POST " + user + "/revokeSignInSessions", 0));
            steps.forEach((step, n) -> {
                assertThat(n).as("%s %s wrote", run, step).isBetween(1, 2);
                if (n == 2) {
                    repeated.add(run + " " + step);
                }
            });
        }
        assertThat(repeated).as("repeated steps: in flight on the killed worker only")
                .allSatisfy(s -> assertThat(unfinished).contains(s.substring(0, s.indexOf(' '))))
                .doesNotContainAnyElementsOf(checkpointedAtKill);
        return repeated.size();
    }

    /** {@code LEAVERS} users with one session each; their object ids, one a line, in users.txt. */
    private List<String> users() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < LEAVERS; i++) {
            String id = sim.addUser("leaver" + i + "@contoso.example", "Leaver " + i);
            sim.addSessions(id, 1);
            ids.add(id);
        }
        Files.write(dir.resolve("users.txt"), ids, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("leaver.psd1"), LEAVER);
        String host = Files.readString(Path.of("..", "..", "examples", "entraid", "host.yaml"))
                .replace("https://127.0.0.1:8443", "https://127.0.0.1:" + sim.port())
                .replace(".graphsim/truststore.p12", sim.trustStore().toAbsolutePath().toString().replace('\\', '/'))
                .replace("    timeoutSeconds: 20\n",
                        "    timeoutSeconds: 10\n    rateLimit: { writesPerSecond: 20 }\n");
        Files.writeString(dir.resolve("host.yaml"), host);
        sim.clearLog();
        return ids;
    }

    private Process worker(String executor, int first, int count) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(LeaverWorker.command(dir.resolve(executor + ".log"), executor, schema,
                dir.resolve("host.yaml").toString(), dir.resolve("leaver.psd1").toString(),
                dir.resolve("users.txt").toString(), Integer.toString(first), Integer.toString(count)));
        pb.environment().putAll(SECRETS);
        pb.environment().put("IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
        pb.redirectOutput(dir.resolve(executor + ".out").toFile()).redirectError(dir.resolve(executor + ".err")
                .toFile());
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    private boolean submitted(String executor) {
        try {
            return Files.readString(dir.resolve(executor + ".out")).contains("submitted ");
        } catch (IOException e) {
            return false;
        }
    }

    private void stopSurvivor(Process survivor) throws Exception {
        try (OutputStream in = survivor.getOutputStream()) {
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(survivor.waitFor(1, TimeUnit.MINUTES)).as("the survivor stopped").isTrue();
        assertThat(survivor.exitValue()).as("survivor; stderr: %s", Files.readString(dir.resolve("survivor.err")))
                .isZero();
    }

    /** Polls {@code condition} every 200 ms; fails naming {@code what} and the workers' errors after {@code max}. */
    private void awaitUntil(BooleanSupplier condition, Duration max, String what) throws Exception {
        Instant deadline = Instant.now().plus(max);
        while (!condition.getAsBoolean()) {
            for (Process p : workers) {
                assertThat(p.isAlive() || p.exitValue() == 137).as("a worker ended early; %s", errors()).isTrue();
            }
            assertThat(Instant.now()).as("%s within %s; %s", what, max, errors()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private String errors() throws IOException {
        StringBuilder s = new StringBuilder();
        for (String w : List.of("doomed", "survivor")) {
            Path err = dir.resolve(w + ".err");
            if (Files.exists(err)) {
                s.append(w).append(" stderr: ").append(Files.readString(err)).append('\n');
            }
        }
        return s.toString();
    }

    private static long count(Connection db, String sql) {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> strings(Connection db, String sql) throws Exception {
        return new HashSet<>(rows(db, sql));
    }

    private static List<String> rows(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
