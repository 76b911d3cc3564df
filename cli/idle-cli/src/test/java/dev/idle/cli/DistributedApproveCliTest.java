package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import dev.idle.provider.mock.MockIdentity;
import dev.idle.provider.mock.MockProvider;
import dev.idle.runner.Approval;
import dev.idle.runner.dbos.DatabaseSettings;
import dev.idle.runner.dbos.DbosRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle approve} and {@code idle reject} against a distributed runner on a real PostgreSQL (skipped without
 * one unless {@code IDLE_REQUIRE_POSTGRES=true}): exit 0 when the decision was handed over, 2 for a wrong plan hash,
 * an unknown id or a run that is not waiting (nothing changes then), 64 without a database; the decision reaches the
 * run, and the mock identity changes only after an approval.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedApproveCliTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String LEAVER = """
            @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; ApprovalRequired = $true
               Steps = @( @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
                             With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } } ) }
            """;

    private final Idle idle = Idle.create();
    private final MockProvider mock = MockProvider.builder().build();
    private final String schema = "idle_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);
    private DatabaseSettings settings;
    private DbosRunner worker;
    private String id;
    private String identity;

    @BeforeAll
    void startWorker() {
        settings = postgres();
        worker = DbosRunner.builder(settings).idle(idle).workflow(idle.parseWorkflow(LEAVER, "leaver.psd1"),
                "leaver.psd1").providers(Providers.builder().provider("Identity", mock).build())
                .databaseSchema(schema).start();
    }

    @AfterAll
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @BeforeEach
    void submitALeaverThatWaits() throws InterruptedException {
        id = "cli-approval-" + UUID.randomUUID();
        identity = "jdoe-" + id;
        mock.store().put(identity, new MockIdentity().enabled(true));
        worker.submit(LifecycleRequest.builder("Leaver").correlationId(id).identityKey("Id", identity).build());
        Instant deadline = Instant.now().plus(WAIT);
        while (worker.approval(id).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", settings.url(), "--db-user", settings.user(), "--db-schema", schema));
        if (settings.passwordFile() != null) {
            all.addAll(List.of("--db-password-file", settings.passwordFile().toString()));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    private String planHash() {
        return worker.approval(id).orElseThrow().planHash();
    }

    @Test
    void statusOfARunWaitingForApprovalNamesItsPlanHashAndHowToDecide() throws Exception {
        CliRun text = cli("status", id);
        CliRun json = cli("status", id, "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("request " + id + ": AwaitingApproval; plan hash " + planHash()
                + ": approve with idle approve " + id + " --plan-hash " + planHash() + ", or idle reject " + id
                + " --reason <text>\n");
        assertThat(new ObjectMapper().readTree(json.out()).get("planHash").asText()).isEqualTo(planHash());
        worker.reject(id, "test over", "cleanup");
        worker.awaitResult(id, WAIT);
    }

    @Test
    void statusWritesThePlanAWaitingRunWaitsWithAsExportAndHtmlWhoseHashIsTheOneToApprove(@TempDir Path dir)
            throws Exception {
        Path planFile = dir.resolve("waiting.plan.json");
        Path html = dir.resolve("waiting.html");
        try {
            CliRun run = cli("status", id, "--plan-out", planFile.toString(), "--html", html.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(new ObjectMapper().readTree(planFile.toFile()).path("planHash").asText())
                    .isEqualTo(planHash());
            assertThat(idle.readPlanForReview(planFile)).as("the hash matches the content").contains(planHash());
            assertThat(Files.readString(html)).contains(planHash(), "Disable account", identity);
            assertThat(mock.store().get(identity).enabled()).as("reviewing changes nothing").isTrue();
        } finally {
            worker.reject(id, "test over", "cleanup");
            worker.awaitResult(id, WAIT);
        }
    }

    @Test
    void statusPlanOutOfAnUnknownIdExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path planFile = dir.resolve("none.plan.json");
        try {
            CliRun run = cli("status", "no-such-run-" + UUID.randomUUID(), "--plan-out", planFile.toString());

            assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
            assertThat(planFile).doesNotExist();
        } finally {
            worker.reject(id, "test over", "cleanup");
            worker.awaitResult(id, WAIT);
        }
    }

    @Test
    void approveWithThePlanHashExitsZeroAndTheRunCompletes() throws Exception {
        CliRun run = cli("approve", id, "--plan-hash", planHash(), "--by", "alice");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("approved: " + id + " (plan hash " + planHash() + ") by alice");
        String record = worker.awaitResult(id, WAIT);
        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Completed");
        assertThat(worker.approval(id).orElseThrow().decidedBy()).isEqualTo("alice");
        assertThat(mock.store().get(identity).enabled()).isFalse();
    }

    @Test
    void approveWithAWrongPlanHashExitsTwoNamingBothHashesAndNothingRuns() throws Exception {
        String wrong = "a".repeat(64);

        CliRun run = cli("approve", id, "--plan-hash", wrong, "--by", "alice");

        assertThat(run.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(run.err()).isEqualTo("idle: " + id + ": plan hash " + wrong + " is not the hash of the plan"
                + " waiting for approval (" + planHash() + "); nothing was approved and nothing runs"
                + System.lineSeparator());
        assertThat(worker.approval(id).orElseThrow().state()).isEqualTo(Approval.State.AwaitingApproval);
        assertThat(mock.store().get(identity).enabled()).isTrue();
        worker.reject(id, "test over", "cleanup");
        worker.awaitResult(id, WAIT);
    }

    @Test
    void rejectExitsZeroEndsTheRunRejectedAndASecondDecisionExitsTwo() throws Exception {
        CliRun run = cli("reject", id, "--reason", "contract extended", "--by", "bob");
        String record = worker.awaitResult(id, WAIT);
        CliRun again = cli("approve", id, "--plan-hash", planHash());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("rejected: " + id + " by bob");
        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Rejected");
        assertThat(new ObjectMapper().readTree(record).get("error").asText()).contains("rejected by bob at")
                .endsWith(": contract extended");
        assertThat(mock.store().get(identity).enabled()).isTrue();
        assertThat(again.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(again.err()).contains(id + ": the run is not waiting for approval (it has ended: rejected by"
                + " bob at");
    }

    @Test
    void anUnknownIdExitsTwoAndAMissingDatabaseOrReasonIsAUsageError() throws Exception {
        CliRun unknown = cli("reject", "no-such-" + id, "--reason", "x");
        CliRun noDatabase = CliRun.of("approve", id, "--plan-hash", planHash(), "--db", "", "--db-user", "u");
        CliRun noReason = cli("reject", id);
        CliRun noHash = cli("approve", id);

        assertThat(unknown.exit()).isEqualTo(IdleCli.BAD_INPUT);
        assertThat(unknown.err()).contains("no-such-" + id + ": no run has this id");
        assertThat(noDatabase.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(noDatabase.err()).contains("the database is not set: give --db <jdbc-url> or set IDLE_PG_URL");
        assertThat(noReason.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(noHash.exit()).isEqualTo(IdleCli.USAGE);
        assertThat(noHash.err()).contains("approve needs the run's id and its plan hash");
        assertThat(worker.approval(id).orElseThrow().state()).isEqualTo(Approval.State.AwaitingApproval);
        worker.reject(id, "test over", "cleanup");
        worker.awaitResult(id, WAIT);
    }

    /** The test server from the environment ({@code .ci/postgres.sh env}); skips without one unless required. */
    private static DatabaseSettings postgres() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(System.getenv());
        if (s == null) {
            if ("true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_POSTGRES"))) {
                fail("PostgreSQL is required (IDLE_REQUIRE_POSTGRES) but IDLE_PG_URL is not set");
            }
            assumeTrue(false, "no PostgreSQL: IDLE_PG_URL is not set (bash .ci/postgres.sh start)");
        }
        return s;
    }
}
