package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Recovery by the watchdog: a worker that stops with a run unfinished (its step in flight) is taken for dead once its
 * lease ends, and the active watchdog hands the run to a live worker of another executor id, which finishes it —
 * the checkpointed step is replayed, the step in flight runs once more. Only one watchdog is active at a time.
 */
class DistributedWatchdogTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final RecoveryOptions FAST = RecoveryOptions.defaults().withLeaseLength(Duration.ofSeconds(2))
            .withWatchdogInterval(Duration.ofMillis(500)).withAdvertisedHost("127.0.0.1");

    private final Idle idle = DistributedFixture.idle();
    private final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    private final String schema = DistributedFixture.uniqueSchema();
    private final String id = "leaver-" + UUID.randomUUID();
    private final String identity = "jdoe-" + id;

    @Test
    void theRunsOfAWorkerThatStoppedAreTakenOverByALiveWorkerWithAnotherExecutorId() throws Exception {
        // the survivor starts once the stopped worker is gone: both take work from one queue, and the run must be
        // the stopped worker's for the watchdog to have something to hand over
        stopWorkerWithSecondStepInFlight(worker("stopped"));
        String record;
        try (DbosRunner survivor = worker("survivor").start()) {
            record = survivor.awaitResult(id, WAIT);
        }

        assertThat(new ObjectMapper().readTree(record).get("status").asText()).isEqualTo("Completed");
        assertThat(counter.writes("Disable " + identity)).as("checkpointed step runs once").isEqualTo(1);
        assertThat(counter.writes("RevokeSessions " + identity)).as("the step in flight runs once more")
                .isEqualTo(2);
        try (Connection c = RealPostgres.settings().openConnection("test")) {
            assertThat(single(c, "SELECT executor FROM " + schema + "_runner.runs WHERE run_id = ?", id))
                    .isEqualTo("survivor");
            assertThat(single(c, "SELECT dead_executor || ' -> ' || taken_over_by FROM " + schema
                    + "_runner.recovery_log WHERE runs > 0", null)).isEqualTo("stopped -> survivor");
        }
    }

    @Test
    void onlyOneWatchdogIsActiveAtATimeAndAnotherTakesOverWhenItsWorkerIsGone() throws Exception {
        DatabaseSettings settings = RealPostgres.settings();
        String runner = schema + "_runner";
        RunnerSchema.migrateTables(settings, runner);
        try (Connection c = settings.openConnection("test"); var s = c.createStatement()) {
            // the watchdog reads DBOS's workflow_status; an empty stand-in is enough here
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".workflow_status (workflow_uuid text, status text,"
                    + " executor_id text)");
        }
        try (RecoveryWatchdog first = new RecoveryWatchdog(settings, runner, schema);
             RecoveryWatchdog second = new RecoveryWatchdog(settings, runner, schema)) {
            first.check();
            second.check();
            assertThat(first.active()).isTrue();
            assertThat(second.active()).isFalse();

            first.close();
            second.check();
            assertThat(second.active()).isTrue();
        }
    }

    private DbosRunner.Builder worker(String executor) {
        return DistributedFixture.runner(idle, counter).databaseSchema(schema).executorId(executor).recovery(FAST);
    }

    /**
     * Starts a worker, submits the leaver to it and stops it while its second step is in flight (that write ends
     * after DBOS shut down, so its checkpoint is never written, as when a worker dies).
     */
    private void stopWorkerWithSecondStepInFlight(DbosRunner.Builder builder) throws InterruptedException {
        CountDownLatch inSecondStep = new CountDownLatch(1);
        CountDownLatch workerGone = new CountDownLatch(1);
        counter.beforeWrite = key -> {
            if (key.startsWith("RevokeSessions") && inSecondStep.getCount() > 0) {
                inSecondStep.countDown();
                try {
                    workerGone.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DbosRunner stopped = builder.start();
        stopped.submit(DistributedFixture.leaver(id, identity));
        assertThat(inSecondStep.await(2, TimeUnit.MINUTES)).as("the second step was reached").isTrue();
        Thread closer = new Thread(stopped::close);
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        workerGone.countDown();
        closer.join();
    }

    private static String single(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
