package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.runner.SubmissionSpec;
import dev.idle.runner.dbos.DbosClient;
import dev.idle.runner.dbos.DbosRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code idle worker}, {@code submit}, {@code status} and {@code results} against a real PostgreSQL (each test its
 * own schema) and the mock provider: a requests file submitted by the CLI runs on a worker started by the CLI, its
 * status and results records are listed, the same submission again is a no-op, and every refusal exits 2 naming what
 * is wrong, with nothing submitted.
 */
class DistributedCliTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private BatchCliFixture f;
    private String schema;
    private Path requests;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        CliPostgres.settings();
        schema = CliPostgres.uniqueSchema();
        f = new BatchCliFixture(dir);
        f.identities("ann", "bob", "cy");
        requests = f.write("leavers.jsonl", BatchCliFixture.request("ann", null) + BatchCliFixture.request("bob", null)
                + BatchCliFixture.request("cy", null));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        background.shutdownNow();
    }

    @Test
    void aRequestsFileSubmittedByTheCliRunsOnACliWorkerAndItsResultsAreListed() throws Exception {
        CountDownLatch stopWorker = new CountDownLatch(1);
        Future<CliRun> worker = background.submit(() -> withWorkerSeam(stopWorker, "worker", "--host",
                f.host.toString(), "--db-schema", schema, "--executor-id", "cli-" + run, "--concurrency", "2"));
        awaitSchema();
        String id = "cli-sub-" + run;

        CliRun submitted = cli("submit", "--workflow", f.workflow.toString(), "--requests", requests.toString(),
                "--id", id);
        JsonNode status = awaitStatus(id, "Finished");
        CliRun results = cli("results", "--submission", id);
        CliRun none = cli("results", "--since", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        CliRun again = cli("submit", "--workflow", f.workflow.toString(), "--requests", requests.toString(),
                "--id", id);
        CliRun request = cli("status", "c-bob");
        stopWorker.countDown();
        CliRun stopped = worker.get(1, TimeUnit.MINUTES);

        assertThat(submitted.exit()).as(submitted.err()).isZero();
        assertThat(BatchCliFixture.JSON.readTree(submitted.out()).toString()).isEqualTo("{\"submission\":\"" + id
                + "\",\"requests\":3,\"alreadySubmitted\":false,\"notBefore\":null}");
        assertThat(submitted.err()).contains("idle submit: submitted " + id + ": 3 requests");
        assertThat(status.get("kind").asText()).isEqualTo("submission");
        assertThat(status.get("finished").asInt()).isEqualTo(3);
        assertThat(results.exit()).isZero();
        List<JsonNode> records = BatchCliFixture.records(results.out());
        assertThat(records).extracting(r -> r.get("correlationId").asText() + " " + r.get("status").asText()
                + " " + r.get("line").asInt()).containsExactly("c-ann Completed 1", "c-bob Completed 2",
                "c-cy Completed 3");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("already submitted as " + id + "; nothing new was submitted");
        assertThat(request.exit()).isZero();
        assertThat(request.out()).startsWith("request c-bob: Finished\n").contains("\"correlationId\":\"c-bob\"");
        assertThat(f.enabled("ann")).isFalse();
        assertThat(f.enabled("cy")).isFalse();
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.err()).contains("idle worker: cli-" + run + " runs submitted work (2 at once)")
                .contains("idle worker: cli-" + run + " stopping");
    }

    @Test
    void aWorkerProcessTakesWorkAndStopsCleanlyOnSigterm() throws Exception {
        Path out = dir.resolve("worker.out");
        Path err = dir.resolve("worker.err");
        Process worker = ChildCli.start(List.of("worker", "--host", f.host.toString(), "--db-schema", schema,
                "--executor-id", "proc-" + run), Map.of(), out, err);
        try {
            Instant deadline = Instant.now().plus(WAIT);
            while (!Files.readString(err).contains("runs submitted work")) {
                assertThat(worker.isAlive()).as("worker runs; stderr: %s", Files.readString(err)).isTrue();
                assertThat(Instant.now()).as("the worker started").isBefore(deadline);
                Thread.sleep(200);
            }
            Path one = f.write("one.json", BatchCliFixture.request("bob", null));
            assertThat(cli("submit", "--workflow", f.workflow.toString(), "--request", one.toString(), "--id",
                    "proc-" + run).exit()).isZero();
            awaitStatus("proc-" + run, "Finished");

            worker.destroy(); // SIGTERM
            assertThat(worker.waitFor(1, TimeUnit.MINUTES)).as("the worker stopped").isTrue();
        } finally {
            worker.destroyForcibly();
        }

        assertThat(worker.exitValue()).as("exit after SIGTERM, as the JVM reports it").isEqualTo(143);
        assertThat(Files.readString(err)).contains("idle worker: proc-" + run + " stopping");
        assertThat(f.enabled("bob")).isFalse();
    }

    @Test
    void aSubmissionAboveMaxAffectedIsRefusedWithExit2UnlessTheExactCountIsConfirmed() throws Exception {
        startJavaWorker();
        String id = "guarded-" + run;

        CliRun refused = submitGuarded(id, "--max-affected", "1");
        CliRun wrongCount = submitGuarded(id, "--max-affected", "1", "--confirm-affected", "2");
        CliRun unknown = cli("status", id);
        CliRun confirmed = submitGuarded(id, "--max-affected", "1", "--confirm-affected", "3");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("idle: 3 of 3 requests would change something, more than --max-affected"
                + " 1; nothing was submitted. Repeat with --confirm-affected 3 to submit them anyway.");
        assertThat(wrongCount.exit()).isEqualTo(2);
        assertThat(wrongCount.err()).contains("idle: --confirm-affected 2 does not match: 3 of 3 requests would"
                + " change something; nothing was submitted.");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("idle: no submission or request has id '" + id + "'");
        assertThat(confirmed.exit()).as(confirmed.err()).isZero();
        assertThat(confirmed.err()).contains("idle submit: 3 of 3 requests would change something (limit"
                + " --max-affected 1); confirmed");
        assertThat(awaitStatus(id, "Finished").get("finished").asInt()).isEqualTo(3);
    }

    @Test
    void aDifferentSubmissionUnderATakenIdExits2AndNothingMoreIsSubmitted() throws Exception {
        startJavaWorker();
        String id = "taken-" + run;
        Path one = f.write("one.json", BatchCliFixture.request("ann", null));
        assertThat(cli("submit", "--workflow", f.workflow.toString(), "--request", one.toString(), "--id", id)
                .exit()).isZero();

        CliRun refused = cli("submit", "--workflow", f.workflow.toString(), "--requests", requests.toString(),
                "--id", id);

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("idle: submission: submission id '" + id + "' was already submitted with"
                + " a different submission; submit this one under a new submission id");
        assertThat(awaitStatus(id, "Finished").get("requests").asInt()).isEqualTo(1);
    }

    @Test
    void aScheduledSubmissionIsListedWithItsTimeAndAQuarantinedOneSaysHowToReleaseIt() throws Exception {
        startJavaWorker();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String scheduled = "later-" + run;
        String quarantined = "held-" + run;
        CliRun submitted = cli("submit", "--workflow", f.workflow.toString(), "--requests", requests.toString(),
                "--id", scheduled, "--not-before", later.toString());
        try (DbosClient client = DbosClient.open(CliPostgres.settings(), schema)) {
            Idle idle = Idle.create();
            client.submit(SubmissionSpec.builder(idle.loadWorkflow(f.workflow), "leaver.psd1").id(quarantined)
                    .request(LifecycleRequest.builder("Leaver").correlationId("q-" + run).identityKey("Id", "ann")
                            .build()).maxAffected(MaxAffected.parse("0"), null).build());
        }
        awaitStatus(quarantined, "Quarantined");

        CliRun list = cli("status", "--scheduled");
        CliRun listJson = cli("status", "--scheduled", "--json");
        CliRun held = cli("status", quarantined);
        CliRun waiting = cli("status", scheduled);

        assertThat(submitted.exit()).as(submitted.err()).isZero();
        assertThat(BatchCliFixture.JSON.readTree(submitted.out()).get("notBefore").asText())
                .isEqualTo(later.toString());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo(quarantined + "  now  1 request  Quarantined: 1 would change something\n"
                + scheduled + "  not before " + later + "  3 requests\n");
        assertThat(BatchCliFixture.records(listJson.out().replace("\"state\"", "\"index\":0,\"state\""))).hasSize(2);
        assertThat(held.out()).isEqualTo("submission " + quarantined + ": Quarantined; 0 of 1 requests finished;"
                + " 1 of 1 requests would change something, more than its limit: nothing runs until released with"
                + " idle approve --submission " + quarantined + " --confirm-affected 1\n");
        assertThat(waiting.out()).isEqualTo("submission " + scheduled + ": Waiting, not before " + later
                + "; 0 of 3 requests finished\n");
        assertThat(f.enabled("ann")).as("nothing ran").isTrue();
    }

    @Test
    void approveSubmissionReleasesAQuarantineOnlyWithTheExactCount() throws Exception {
        startJavaWorker();
        String held = "held-" + run;
        submitThroughJava(held, MaxAffected.parse("0"));
        awaitStatus(held, "Quarantined");

        CliRun wrong = cli("approve", "--submission", held, "--confirm-affected", "2");
        CliRun stillHeld = cli("status", held, "--json");
        CliRun released = cli("approve", "--submission", held, "--confirm-affected", "1");
        awaitStatus(held, "Finished");
        CliRun results = cli("results", "--submission", held);

        assertThat(wrong.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(wrong.err()).contains("submission '" + held + "': the confirmed count 2 does not match: 1 of 1"
                + " requests would change something; nothing was released. Confirm 1 to release it.");
        assertThat(BatchCliFixture.JSON.readTree(stillHeld.out()).get("state").asText()).isEqualTo("Quarantined");
        assertThat(released.exit()).as(released.err()).isZero();
        assertThat(released.out()).isEqualTo("released: " + held + " (1 request would change something); its"
                + " requests start when a worker takes the release up\n");
        assertThat(BatchCliFixture.records(results.out())).extracting(r -> r.get("correlationId").asText() + " "
                + r.get("status").asText()).containsExactly("q-" + held + " Completed");
    }

    @Test
    void pruneRemovesOnlyRunsThatEndedLongerAgoThanTheGivenAge() throws Exception {
        startJavaWorker();
        String done = "done-" + run;
        submitThroughJava(done, null);
        awaitStatus(done, "Finished");

        CliRun keep = cli("prune", "--older-than", "1d");
        CliRun kept = cli("status", done);
        Thread.sleep(50);
        CliRun prune = cli("prune", "--older-than", "1ms");
        CliRun gone = cli("status", done);
        CliRun bad = cli("prune", "--older-than", "a year");

        assertThat(keep.out()).isEqualTo("pruned 0 runs that ended more than 1d ago\n");
        assertThat(kept.exit()).isZero();
        assertThat(prune.exit()).as(prune.err()).isZero();
        assertThat(prune.out()).isEqualTo("pruned 2 runs that ended more than 1ms ago\n");
        assertThat(gone.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(bad.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(bad.err()).contains("--older-than must be a positive whole number with a unit");
    }

    /** Submits one leaver (ann) under {@code id} through the Java client, with {@code limit} when not null. */
    private void submitThroughJava(String id, MaxAffected limit) {
        try (DbosClient client = DbosClient.open(CliPostgres.settings(), schema)) {
            SubmissionSpec.Builder spec = SubmissionSpec.builder(Idle.create().loadWorkflow(f.workflow), "leaver.psd1")
                    .id(id).request(LifecycleRequest.builder("Leaver").correlationId("q-" + id)
                            .identityKey("Id", "ann").build());
            if (limit != null) {
                spec.maxAffected(limit, null);
            }
            client.submit(spec.build());
        }
    }

    @Test
    void badInputExits2NamingTheOptionBeforeAnythingIsSubmitted() throws Exception {
        Path bad = f.write("bad.jsonl", BatchCliFixture.request("ann", null) + "{\"lifecycleEvent\": 5\n");
        String wf = f.workflow.toString();

        assertThat(cli("submit", "--workflow", wf, "--requests", requests.toString(), "--id", "x", "--not-before",
                "tomorrow").err()).contains("idle: --not-before must be an ISO-8601 instant such as"
                + " 2027-01-03T02:00:00Z, got 'tomorrow'");
        assertThat(cli("submit", "--workflow", wf, "--requests", requests.toString()).err())
                .contains("idle: --id is required (or --derive-ids");
        assertThat(cli("submit", "--workflow", wf, "--requests", requests.toString(), "--id", "x",
                "--max-affected", "1").err()).contains("idle: --max-affected needs --host");
        assertThat(cli("submit", "--workflow", wf, "--requests", bad.toString(), "--id", "x").err())
                .contains("bad.jsonl: not every line is a valid request; nothing was submitted")
                .contains("bad.jsonl:2");
        assertThat(cli("results", "--since", "yesterday").err()).contains("idle: --since must be an ISO-8601"
                + " instant");
        assertThat(cli("status", "x", "--db-schema", "Bad-Name").err()).contains("idle: --db-schema must be");
        for (CliRun r : List.of(cli("submit", "--workflow", wf, "--requests", requests.toString(), "--id", "x",
                "--not-before", "tomorrow"), cli("results", "--since", "yesterday"))) {
            assertThat(r.exit()).isEqualTo(2);
        }
        assertThat(cli("submit", "--workflow", wf, "--request", "a.json", "--requests", "b.jsonl", "--id", "x")
                .exit()).isEqualTo(IdleCli.USAGE);
    }

    @Test
    void aDatabaseWithoutWorkersOrOutOfReachExits2SayingWhatToDo() {
        CliRun noWorkerYet = cli("status", "--scheduled");
        CliRun unreachable = cli("results", "--db", "jdbc:postgresql://127.0.0.1:1/idle");
        CliRun notPostgres = cli("status", "x", "--db", "jdbc:mysql://db/idle");

        assertThat(noWorkerYet.exit()).isEqualTo(2);
        assertThat(noWorkerYet.err()).contains("schema '" + schema + "' holds no runner tables yet; start a worker"
                + " on it first (idle worker), which creates them");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("idle: database jdbc:postgresql://127.0.0.1:1/idle: cannot be"
                + " reached (SQL state 08001)");
        assertThat(notPostgres.exit()).isEqualTo(2);
        assertThat(notPostgres.err()).contains("idle: --db: database URL must start with jdbc:postgresql://");
    }

    private CliRun submitGuarded(String id, String... guard) {
        List<String> args = new ArrayList<>(List.of("submit", "--workflow", f.workflow.toString(), "--requests",
                requests.toString(), "--id", id, "--host", f.host.toString()));
        args.addAll(List.of(guard));
        return cli(args.toArray(String[]::new));
    }

    /** A worker of the test's schema through the Java API, on the same host file. */
    private void startJavaWorker() {
        Host host = Host.load(f.host);
        open.add(host);
        open.add(DbosRunner.builder(CliPostgres.settings()).providers(host.providers()).databaseSchema(schema)
                .executorId("java-" + run).start());
    }

    /** Waits until the CLI worker has created the schema (a client needs DBOS's tables). */
    private void awaitSchema() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (cli("status", "--scheduled").exit() != 0) {
            assertThat(Instant.now()).as("the worker started").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private JsonNode awaitStatus(String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            CliRun r = cli("status", id, "--json");
            if (r.exit() == 0) {
                JsonNode status = BatchCliFixture.JSON.readTree(r.out());
                if (status.get("state").asText().equals(state)) {
                    return status;
                }
            }
            assertThat(Instant.now()).as("%s reaches %s: %s %s", id, state, r.out(), r.err()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--db-schema")) {
            all.addAll(List.of("--db-schema", schema));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    private static CliRun withWorkerSeam(CountDownLatch stop, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == WorkerCommand.class ? cls.cast(new WorkerCommand(stop))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        int code = IdleCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), List.of(), factory);
        return new CliRun(code, out.toString(), err.toString());
    }
}
