package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.runner.DistributedRunner.SubmissionState;
import dev.idle.runner.DistributedRunner.SubmissionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Submissions in time: one scheduled with a not-before time waits durably (listed as scheduled) and runs after that
 * time, not before, also when every worker was closed and new ones started meanwhile; one above its blast-radius
 * limit when its time comes is quarantined as a whole (nothing runs) until released with the exact count.
 */
class DistributedSchedulingTest {
    private static final Duration WAIT = SubmissionCluster.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final SubmissionCluster c = new SubmissionCluster();
    private final String run = c.run;

    @Test
    void aScheduledSubmissionRunsAfterItsTimeAndNotBeforeAcrossARestartOfEveryWorker() throws Exception {
        DbosRunner first = c.worker("first-a", 2);
        DbosRunner second = c.worker("first-b", 2);
        Instant notBefore = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
        List<LifecycleRequest> leavers = c.leavers(3);
        String id = "scheduled-" + run;

        c.client().submit(c.spec(leavers).id(id).notBefore(notBefore).build());
        SubmissionStatus waiting = first.details(id).orElseThrow();
        List<SubmissionStatus> scheduled = second.scheduled();
        first.close();
        second.close();
        DbosRunner third = c.worker("second-a", 2);
        c.worker("second-b", 2);
        int writesBeforeTheTime = c.totalWrites();
        boolean checkedBeforeTheTime = Instant.now().isBefore(notBefore);
        List<Instant> started = new ArrayList<>();
        for (LifecycleRequest r : leavers) {
            started.add(Instant.parse(JSON.readTree(third.awaitResult(r.correlationId(), WAIT))
                    .get("startedAt").asText()));
        }

        assertThat(waiting.state()).isEqualTo(SubmissionState.Waiting);
        assertThat(waiting.notBefore()).isEqualTo(notBefore);
        assertThat(scheduled).extracting(SubmissionStatus::id, SubmissionStatus::notBefore, SubmissionStatus::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, notBefore, 3L));
        assertThat(checkedBeforeTheTime).as("the new workers started before the time").isTrue();
        assertThat(writesBeforeTheTime).as("writes before the time").isZero();
        assertThat(started).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(notBefore));
        assertThat(c.totalWrites()).isEqualTo(6);
        assertThat(third.scheduled()).isEmpty();
    }

    @Test
    void aSubmissionAboveItsLimitWhenItsTimeComesIsQuarantinedUntilReleasedWithTheExactCount() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        List<LifecycleRequest> leavers = c.leavers(3);
        String id = "quarantined-" + run;

        worker.submit(c.spec(leavers).id(id).notBefore(Instant.now().plusSeconds(1))
                .maxAffected(MaxAffected.parse("1"), null).build());
        SubmissionCluster.awaitState(worker, id, SubmissionState.Quarantined);
        SubmissionStatus quarantined = worker.details(id).orElseThrow();

        assertThat(quarantined.affected()).isEqualTo(3L);
        assertThat(worker.scheduled()).extracting(SubmissionStatus::id).containsExactly(id);
        assertThatThrownBy(() -> worker.release(id, 2)).isInstanceOf(IdleInputException.class)
                .hasMessage("submission '" + id + "': the confirmed count 2 does not match: 3 of 3 requests would"
                        + " change something; nothing was released. Confirm 3 to release it.");
        Thread.sleep(1000); // a wrong count sent nothing: give a run that wrongly went ahead the time to show
        assertThat(c.totalWrites()).as("writes while quarantined").isZero();
        assertThat(worker.status(id)).contains(SubmissionState.Quarantined);

        worker.release(id, 3);
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);
        assertThat(c.totalWrites()).isEqualTo(6);
        assertThatThrownBy(() -> worker.release(id, 3)).isInstanceOf(IdleInputException.class)
                .hasMessage("submission '" + id + "' is not quarantined (it is Finished); nothing was released");
    }

    @Test
    void whoReleasedAQuarantineAndWhenIsKeptInTheAuditTrailMasked() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        String id = "released-by-" + run;
        worker.submit(c.spec(c.leavers(1)).id(id).maxAffected(MaxAffected.parse("0"), null).build());
        SubmissionCluster.awaitState(worker, id, SubmissionState.Quarantined);
        Instant before = Instant.now();

        assertThatThrownBy(() -> worker.release(id, 1, " ")).isInstanceOf(IdleInputException.class)
                .hasMessage("releasedBy must not be blank");
        worker.release(id, 1, "alice password=Hunter2-" + run);
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);

        JsonNode event;
        try (Connection db = RealPostgres.settings().openConnection("test");
             PreparedStatement q = db.prepareStatement("SELECT value FROM " + c.schema + "_runner.run_events"
                     + " WHERE run_id = ? AND key = 'quarantine'")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("the quarantine event is in the audit view").isTrue();
                JsonNode value = new ObjectMapper().readTree(rs.getString(1));
                event = value.isTextual() ? new ObjectMapper().readTree(value.asText()) : value;
            }
        }
        assertThat(event.get("released").asBoolean()).isTrue();
        assertThat(event.get("releasedBy").asText()).startsWith("alice").doesNotContain("Hunter2");
        assertThat(Instant.parse(event.get("releasedAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
    }

    @Test
    void aQuarantineOutlivesARestartOfItsWorkerAndIsReleasedAfterIt() throws Exception {
        DbosRunner first = c.worker("restarted", 2);
        String id = "held-" + run;
        first.submit(c.spec(c.leavers(2)).id(id).maxAffected(MaxAffected.parse("0"), null).build());
        SubmissionCluster.awaitState(first, id, SubmissionState.Quarantined);
        first.close();

        DbosRunner again = c.worker("restarted", 2);
        SubmissionStatus afterRestart = again.details(id).orElseThrow();
        again.release(id, 2);
        SubmissionCluster.awaitState(again, id, SubmissionState.Finished);

        assertThat(afterRestart.state()).isEqualTo(SubmissionState.Quarantined);
        assertThat(afterRestart.affected()).isEqualTo(2L);
        assertThat(c.totalWrites()).isEqualTo(4);
    }

    @Test
    void aSubmissionWhoseConfirmedCountStillHoldsRunsWithoutQuarantine() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        String id = "confirmed-" + run;

        worker.submit(c.spec(c.leavers(2)).id(id).maxAffected(MaxAffected.parse("1"), 2L).build());
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);

        assertThat(c.totalWrites()).isEqualTo(4);
    }

    @Test
    void releasingWhatIsNotASubmissionIsRefused() {
        DbosRunner worker = c.worker("worker", 2);

        assertThatThrownBy(() -> worker.release("nothing-" + run, 1)).isInstanceOf(IdleInputException.class)
                .hasMessage("submission 'nothing-" + run + "': no submission has this id");
    }
}
