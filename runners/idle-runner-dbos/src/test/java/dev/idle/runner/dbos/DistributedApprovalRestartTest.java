package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.runner.Approval;
import dev.idle.runner.DistributedRunner.SubmissionState;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A run waiting for approval survives a restart of every worker: two workers are stopped while it waits and started
 * again (the same executor ids: the run belongs to one of them, whichever took it from the queue), and the run still
 * waits with the same plan hash, has written nothing, and runs its steps once each after it is approved.
 */
class DistributedApprovalRestartTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String APPROVED_LEAVER = DistributedFixture.LEAVER
            .replaceFirst("LifecycleEvent = 'Leaver'", "LifecycleEvent = 'Leaver'; ApprovalRequired = \\$true");

    private final Idle idle = DistributedFixture.idle();
    private final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    private final String schema = DistributedFixture.uniqueSchema();
    private final String id = "approval-restart-" + UUID.randomUUID();
    private final String identity = "jdoe-" + id;

    @Test
    void aRunWaitingForApprovalSurvivesARestartOfEveryWorkerAndRunsAfterTheApproval() throws Exception {
        // both workers take from one queue, so the run may be either's: restarting both ids restarts its owner
        String a = "worker-a-" + UUID.randomUUID();
        String b = "worker-b-" + UUID.randomUUID();
        String planHash;
        try (DbosRunner first = worker(a).start(); DbosRunner second = worker(b).start()) {
            first.submit(DistributedFixture.leaver(id, identity));
            planHash = DistributedApprovalTest.awaitApprovalState(first, id).planHash();
            assertThat(second.status(id)).contains(SubmissionState.AwaitingApproval);
        }

        String record;
        try (DbosRunner restarted = worker(a).start(); DbosRunner other = worker(b).start()) {
            assertThat(other.status(id)).contains(SubmissionState.AwaitingApproval);
            assertThat(other.approval(id).orElseThrow().planHash()).isEqualTo(planHash);
            assertThat(writes()).as("nothing ran while waiting").isZero();

            other.approve(id, planHash, "alice");
            record = other.awaitResult(id, WAIT);
            assertThat(restarted.approval(id).orElseThrow().state()).isEqualTo(Approval.State.Approved);
        }

        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Completed");
        assertThat(counter.writes("Disable " + identity)).isEqualTo(1);
        assertThat(counter.writes("RevokeSessions " + identity)).isEqualTo(1);
    }

    /** Regression: a run re-queued by its restarted worker was reported Waiting and its approval refused. */
    @Test
    void anApprovalGivenWhileNoWorkerRunsIsTakenUpWhenTheWorkersStartAgain() throws Exception {
        String owner = "worker-a-" + UUID.randomUUID();
        String planHash;
        try (DbosRunner a = worker(owner).start()) {
            a.submit(DistributedFixture.leaver(id, identity));
            planHash = DistributedApprovalTest.awaitApprovalState(a, id).planHash();
        }
        try (DbosClient client = DbosClient.open(RealPostgres.settings(), schema)) {
            assertThat(client.status(id)).contains(SubmissionState.AwaitingApproval);
            client.approve(id, planHash, "alice");
        }
        assertThat(writes()).as("nothing ran before a worker took the approval up").isZero();

        String record;
        try (DbosRunner restarted = worker(owner).start()) {
            record = restarted.awaitResult(id, WAIT);
            assertThat(restarted.approval(id).orElseThrow().decidedBy()).isEqualTo("alice");
        }

        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Completed");
        assertThat(writes()).isEqualTo(2);
    }

    private DbosRunner.Builder worker(String executorId) {
        return DistributedFixture.runner(idle, counter)
                .workflow(idle.parseWorkflow(APPROVED_LEAVER, "leaver.psd1"), "leaver.psd1")
                .databaseSchema(schema).executorId(executorId);
    }

    private int writes() {
        return counter.writes("Disable " + identity) + counter.writes("RevokeSessions " + identity);
    }
}
