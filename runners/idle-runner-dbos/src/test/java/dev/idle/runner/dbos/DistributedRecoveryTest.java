package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker that stops in the middle of a run (its DBOS shut down while the second step is in flight, so that step's
 * checkpoint is never written) leaves the workflow pending; a worker started again with the same executor id on the
 * same database resumes it: the checkpointed first step is replayed, not run again, and the step that was in flight
 * runs once more — the at-least-once of the step in flight.
 */
class DistributedRecoveryTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aResumedRunReplaysItsCheckpointedStepAndRunsTheStepInFlightAgain() throws Exception {
        Idle idle = DistributedFixture.idle();
        DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
        String schema = DistributedFixture.uniqueSchema();
        String executor = "worker-" + UUID.randomUUID();
        String id = "leaver-" + UUID.randomUUID();
        String identity = "jdoe-" + id;
        CountDownLatch inSecondStep = new CountDownLatch(1);
        CountDownLatch workerGone = new CountDownLatch(1);
        counter.beforeWrite = key -> {
            if (key.startsWith("RevokeSessions") && inSecondStep.getCount() > 0) {
                inSecondStep.countDown();
                awaitQuietly(workerGone);
            }
        };

        DbosRunner first = DistributedFixture.runner(idle, counter).databaseSchema(schema).executorId(executor)
                .start();
        first.submit(DistributedFixture.leaver(id, identity));
        assertThat(inSecondStep.await(2, TimeUnit.MINUTES)).as("the second step was reached").isTrue();
        Thread closer = new Thread(first::close);
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        workerGone.countDown();
        closer.join();

        String record;
        try (DbosRunner second = DistributedFixture.runner(idle, counter).databaseSchema(schema)
                .executorId(executor).start()) {
            record = second.awaitResult(id, WAIT);
        }

        JsonNode json = new ObjectMapper().readTree(record);
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(counter.writes("Disable " + identity)).as("checkpointed step runs once").isEqualTo(1);
        assertThat(counter.writes("RevokeSessions " + identity)).as("the step in flight runs once more")
                .isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
