package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.Providers;
import dev.idle.provider.mock.MockIdentity;
import dev.idle.provider.mock.MockProvider;
import dev.idle.runner.Approval;
import dev.idle.runner.DistributedRunner.SubmissionState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Approvals of a leaver whose workflow says {@code ApprovalRequired = $true}, against the in-memory mock provider:
 * the run waits with its plan hash; an approval naming another hash, or of a run that is not waiting, is refused and
 * nothing runs; a rejection ends the run with a {@code Rejected} record and leaves the identity as it was; who decided,
 * when and why are stored, credentials masked. One runner (its own schema) serves the class; each test has its own
 * identity and correlation id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedApprovalTest {
    static final String APPROVED_LEAVER = """
            @{ Name = 'Leaver'; LifecycleEvent = 'Leaver'; ApprovalRequired = $true
               Steps = @(
                 @{ Name = 'Disable account'; Type = 'IdLE.Step.DisableIdentity'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                 @{ Name = 'Revoke sign-in sessions'; Type = 'IdLE.Step.RevokeIdentitySessions'
                    With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
               ) }
            """;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Idle idle = Idle.create();
    private final MockProvider mock = MockProvider.builder().build();
    private DbosRunner runner;
    private String id;
    private String identity;

    @BeforeAll
    void startRunner() {
        runner = DbosRunner.builder(RealPostgres.settings()).idle(idle)
                .workflow(idle.parseWorkflow(APPROVED_LEAVER, "leaver.psd1"), "leaver.psd1")
                .providers(Providers.builder().provider("Identity", mock).build())
                .databaseSchema(DistributedFixture.uniqueSchema()).start();
    }

    @AfterAll
    void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    @BeforeEach
    void newRun() {
        id = "approval-" + UUID.randomUUID();
        identity = "jdoe-" + id;
        mock.store().put(identity, new MockIdentity().enabled(true));
    }

    @Test
    void aRunRequiringApprovalWaitsWithItsPlanHashAndRunsOnlyAfterTheApproval() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        Approval waiting = awaitApprovalState(runner, id);

        assertThat(waiting.state()).isEqualTo(Approval.State.AwaitingApproval);
        assertThat(runner.planHash(id)).contains(waiting.planHash());
        assertThat(runner.status(id)).contains(SubmissionState.AwaitingApproval);
        assertThat(mock.store().get(identity).enabled()).as("nothing ran before the approval").isTrue();

        Instant before = Instant.now();
        runner.approve(id, waiting.planHash(), "alice");
        JsonNode record = JSON.readTree(runner.awaitResult(id, WAIT));

        assertThat(record.get("status").asText()).isEqualTo("Completed");
        assertThat(mock.store().get(identity).enabled()).isFalse();
        Approval approved = runner.approval(id).orElseThrow();
        assertThat(approved.state()).isEqualTo(Approval.State.Approved);
        assertThat(approved.decidedBy()).isEqualTo("alice");
        assertThat(approved.decidedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(approved.planHash()).isEqualTo(waiting.planHash());
    }

    @Test
    void aWaitingRunPublishesThePlanItWaitsWithAndKeepsItAfterTheDecision() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        Approval waiting = awaitApprovalState(runner, id);

        String plan = runner.plan(id).orElseThrow();

        assertThat(JSON.readTree(plan).path("planHash").asText()).isEqualTo(waiting.planHash());
        assertThat(JSON.readTree(plan).path("request").toString()).contains(identity);
        runner.approve(id, waiting.planHash(), "alice");
        runner.awaitResult(id, WAIT);
        assertThat(runner.plan(id)).as("what was approved stays readable").contains(plan);
        assertThat(runner.plan("no-such-run-" + id)).isEmpty();
    }

    @Test
    void anApprovalOfAnotherPlanHashIsRefusedNamingBothHashesAndNothingRuns() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        String planHash = awaitApprovalState(runner, id).planHash();
        String wrong = "0".repeat(64);
        long versionBefore = mock.store().version();

        assertThatThrownBy(() -> runner.approve(id, wrong, "alice")).isInstanceOf(IdleInputException.class)
                .hasMessage(id + ": plan hash " + wrong + " is not the hash of the plan waiting for approval ("
                        + planHash + "); nothing was approved and nothing runs");

        assertThat(runner.status(id)).contains(SubmissionState.AwaitingApproval);
        assertThat(runner.approval(id).orElseThrow().state()).isEqualTo(Approval.State.AwaitingApproval);
        assertThat(mock.store().get(identity).enabled()).isTrue();
        assertThat(mock.store().version()).isEqualTo(versionBefore);
        runner.reject(id, "test over", "cleanup");
        runner.awaitResult(id, WAIT);
        assertThat(mock.store().get(identity).enabled()).isTrue();
    }

    @Test
    void aRejectionEndsTheRunWithARejectedRecordSayingWhoWhenAndWhyAndLeavesTheIdentityUntouched() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        String planHash = awaitApprovalState(runner, id).planHash();
        long versionBefore = mock.store().version();

        runner.reject(id, "contract extended; password=Hunter2-" + id, "bob");
        JsonNode record = JSON.readTree(runner.awaitResult(id, WAIT));

        Approval rejected = runner.approval(id).orElseThrow();
        assertThat(record.get("status").asText()).isEqualTo("Rejected");
        assertThat(record.get("correlationId").asText()).isEqualTo(id);
        assertThat(record.get("error").asText()).startsWith("rejected by bob at " + rejected.decidedAt()
                + ": contract extended; password=").doesNotContain("Hunter2");
        assertThat(record.has("steps")).isFalse();
        assertThat(rejected.state()).isEqualTo(Approval.State.Rejected);
        assertThat(rejected.decidedBy()).isEqualTo("bob");
        assertThat(rejected.reason()).doesNotContain("Hunter2").contains("contract extended");
        assertThat(rejected.planHash()).isEqualTo(planHash);
        assertThat(mock.store().get(identity).enabled()).isTrue();
        assertThat(mock.store().version()).isEqualTo(versionBefore);
        assertThat(runner.status(id)).contains(SubmissionState.Finished);
    }

    @Test
    void decidingARunThatIsNotWaitingOrUnknownIsRefused() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        String planHash = awaitApprovalState(runner, id).planHash();
        runner.approve(id, planHash, "alice");
        runner.awaitResult(id, WAIT);

        assertThatThrownBy(() -> runner.approve(id, planHash, "carol")).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith(id + ": the run is not waiting for approval (it has ended: approved by alice"
                        + " at ");
        assertThatThrownBy(() -> runner.reject(id, "too late", "carol")).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("is not waiting for approval");
        assertThatThrownBy(() -> runner.approve("no-such-" + id, planHash, "carol"))
                .isInstanceOf(IdleInputException.class).hasMessage("no-such-" + id + ": no run has this id");
        assertThat(runner.approval(id).orElseThrow().decidedBy()).isEqualTo("alice");
    }

    @Test
    void aBlankNameOrReasonIsRefusedBeforeAnythingIsSent() throws Exception {
        runner.submit(DistributedFixture.leaver(id, identity));
        String planHash = awaitApprovalState(runner, id).planHash();

        assertThatThrownBy(() -> runner.approve(id, planHash, " ")).isInstanceOf(IdleInputException.class)
                .hasMessage("approvedBy must not be blank");
        assertThatThrownBy(() -> runner.reject(id, "", "bob")).isInstanceOf(IdleInputException.class)
                .hasMessage("reason must not be blank");
        assertThat(runner.status(id)).contains(SubmissionState.AwaitingApproval);
        runner.reject(id, "test over", "cleanup");
        runner.awaitResult(id, WAIT);
    }

    /** Waits (at most two minutes) until the run {@code id} has published an approval state, and returns it. */
    static Approval awaitApprovalState(DbosRunner runner, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            var approval = runner.approval(id);
            if (approval.isPresent()) {
                return approval.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + ": no approval state within " + WAIT + " (status " + runner.status(id) + ")");
    }
}
