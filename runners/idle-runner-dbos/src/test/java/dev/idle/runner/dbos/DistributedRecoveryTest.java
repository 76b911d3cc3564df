package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.Providers;
import dev.idle.runner.DistributedRunner.SubmissionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker that stops in the middle of a run (its DBOS shut down while the second step is in flight, so that step's
 * checkpoint is never written) leaves the workflow pending; a worker started again with the same executor id on the
 * same database resumes it: the checkpointed first step is replayed, not run again, and the step that was in flight
 * runs once more — the at-least-once of the step in flight. A resumed run whose plan no longer matches the
 * checkpointed plan hash stops instead of mixing the steps of two plans. The events of a replayed step come from its
 * checkpoint, so the resumed run's record holds every step's events once.
 */
class DistributedRecoveryTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Idle idle = DistributedFixture.idle();
    private final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    private final String schema = DistributedFixture.uniqueSchema();
    private final String executor = "worker-" + UUID.randomUUID();
    private final String id = "leaver-" + UUID.randomUUID();
    private final String identity = "jdoe-" + id;

    @Test
    void aResumedRunReplaysItsCheckpointedStepAndRunsTheStepInFlightAgain() throws Exception {
        stopWorkerWithSecondStepInFlight();

        String record = resumedRecord();

        JsonNode json = new ObjectMapper().readTree(record);
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(counter.writes("Disable " + identity)).as("checkpointed step runs once").isEqualTo(1);
        assertThat(counter.writes("RevokeSessions " + identity)).as("the step in flight runs once more")
                .isEqualTo(2);
    }

    @Test
    void aResumedRunWhosePlanChangedStopsWithoutRunningAnotherStep() throws Exception {
        stopWorkerWithSecondStepInFlight();
        // the submission carries its workflow; what changes the plan on this worker is its step catalog: the
        // steps' default provider alias is another one now (the host has both)
        try (DbosRunner second = worker().idle(DistributedFixture.idle("Directory")).providers(Providers.builder()
                .provider("Identity", counter).provider("Directory", counter).build()).start()) {
            assertThatThrownBy(() -> second.awaitResult(id, WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ended without a results record");
            assertThat(second.status(id)).contains(SubmissionState.Ended);
        }
        assertThat(counter.writes("Disable " + identity)).isEqualTo(1);
        assertThat(counter.writes("RevokeSessions " + identity)).as("only the write in flight").isEqualTo(1);
    }

    @Test
    void aResumedRunsRecordHoldsTheEventsOfItsReplayedStepOnce() throws Exception {
        stopWorkerWithSecondStepInFlight();

        String record = resumedRecord();

        List<String> events = new ArrayList<>();
        new ObjectMapper().readTree(record).get("events")
                .forEach(e -> events.add(e.get("type").asText() + " " + e.path("stepName").asText("")));
        assertThat(events).containsExactly("RunStarted ", "StepStarted Disable", "StepCompleted Disable",
                "StepStarted RevokeSessions", "StepCompleted RevokeSessions", "RunCompleted ");
    }

    /** Starts the worker again (same executor id) and waits for the run it resumes to end; its results record. */
    private String resumedRecord() throws InterruptedException {
        try (DbosRunner second = worker().start()) {
            return second.awaitResult(id, WAIT);
        }
    }

    /** A worker of this test: its own schema, one executor id for the worker and its restart. */
    private DbosRunner.Builder worker() {
        return DistributedFixture.runner(idle, counter).databaseSchema(schema).executorId(executor);
    }

    /**
     * Submits the leaver and shuts the worker down while its second step is in flight; that step's write completes
     * after the shutdown, when its checkpoint can no longer be written, as when a worker dies.
     */
    private void stopWorkerWithSecondStepInFlight() throws InterruptedException {
        CountDownLatch inSecondStep = new CountDownLatch(1);
        CountDownLatch workerGone = new CountDownLatch(1);
        counter.beforeWrite = key -> {
            if (key.startsWith("RevokeSessions") && inSecondStep.getCount() > 0) {
                inSecondStep.countDown();
                awaitQuietly(workerGone);
            }
        };
        DbosRunner first = worker().start();
        first.submit(DistributedFixture.leaver(id, identity));
        assertThat(inSecondStep.await(2, TimeUnit.MINUTES)).as("the second step was reached").isTrue();
        Thread closer = new Thread(first::close);
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        workerGone.countDown();
        closer.join();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
