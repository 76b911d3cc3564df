package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbos.transact.DBOSClient;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.runner.DistributedRunner.Submission;
import dev.idle.runner.DistributedRunner.SubmissionState;
import dev.idle.runner.DistributedRunner.SubmissionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Submissions through the queue every worker shares: two workers in one JVM both take work; a submission of N
 * requests gives N results, once each; the same submission again is a no-op and a different one under its id is
 * refused. Each test has its own schema (its own cluster of workers).
 */
class DistributedSubmissionTest {
    private static final Duration WAIT = SubmissionCluster.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final SubmissionCluster c = new SubmissionCluster();
    private final String run = c.run;

    @Test
    void twoWorkersShareTheQueueAndBothTakeWork() throws Exception {
        c.counter.beforeWrite = key -> sleep(50); // long enough that one worker cannot take all the work first
        DbosRunner first = c.worker("worker-a", 2);
        DbosRunner second = c.worker("worker-b", 2);
        DbosClient client = c.client();
        List<LifecycleRequest> leavers = c.leavers(16);

        client.submit(c.spec(leavers).id("two-workers-" + run).build());
        for (LifecycleRequest r : leavers) {
            first.awaitResult(r.correlationId(), WAIT);
        }

        Set<String> executors = new HashSet<>();
        for (WorkflowStatus s : requestRuns(leavers)) {
            executors.add(s.executorId());
        }
        assertThat(executors).containsExactlyInAnyOrder("worker-a-" + run, "worker-b-" + run);
        assertThat(second.status(leavers.get(0).correlationId())).contains(SubmissionState.Finished);
    }

    @Test
    void aSubmissionOfNRequestsGivesNResultsOnceEach() throws Exception {
        DbosRunner worker = c.worker("worker", 4);
        List<LifecycleRequest> leavers = c.leavers(12);
        String id = "file-" + run;

        Submission submission = c.client().submit(c.spec(leavers).id(id).build());
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);
        List<String> records = new ArrayList<>();
        worker.results(null, id, records::add);

        assertThat(submission).isEqualTo(new Submission(id, false));
        assertThat(records).hasSize(12);
        List<String> ids = new ArrayList<>();
        for (String line : records) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.get("status").asText()).isEqualTo("Completed");
            ids.add(record.get("correlationId").asText());
            int index = record.get("index").asInt();
            assertThat(record.get("line").asInt()).isEqualTo(index + 1);
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(leavers.stream().map(LifecycleRequest::correlationId)
                .toList());
        for (LifecycleRequest r : leavers) {
            String identity = r.identityKeys().getString("Id");
            assertThat(c.counter.writes("Disable " + identity) + c.counter.writes("RevokeSessions " + identity))
                    .as("writes for %s", identity).isEqualTo(2);
        }
        assertThat(worker.details(id)).get().extracting(SubmissionStatus::requests, SubmissionStatus::finished)
                .containsExactly(12L, 12L);
    }

    @Test
    void theSameSubmissionTwiceIsANoOpThatReportsTheFirst() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        List<LifecycleRequest> leavers = c.leavers(3);
        String id = "twice-" + run;

        Submission first = worker.submit(c.spec(leavers).id(id).build());
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);
        Submission second = c.client().submit(c.spec(leavers).id(id).build());

        assertThat(first.alreadySubmitted()).isFalse();
        assertThat(second).isEqualTo(new Submission(id, true));
        assertThat(c.counter.writes.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum())
                .isEqualTo(6);
    }

    @Test
    void aDifferentSubmissionUnderATakenIdIsRefusedAndNothingMoreRuns() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        String id = "taken-" + run;
        worker.submit(c.spec(c.leavers(2)).id(id).build());

        assertThatThrownBy(() -> c.client().submit(c.spec(c.leavers(3)).id(id).build()))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("submission: submission id '" + id + "' was already submitted with a different"
                        + " submission; submit this one under a new submission id");
        SubmissionCluster.awaitState(worker, id, SubmissionState.Finished);
        assertThat(worker.details(id)).get().extracting(SubmissionStatus::requests).isEqualTo(2L);
    }

    @Test
    void aSubmissionReusingACorrelationIdOfADifferentRequestIsRefusedWhole() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        LifecycleRequest earlier = DistributedFixture.leaver("taken-" + run, "first-" + run);
        worker.submit(c.spec(List.of(earlier)).id("first-" + run).build());
        SubmissionCluster.awaitState(worker, "first-" + run, SubmissionState.Finished);
        LifecycleRequest clash = DistributedFixture.leaver("taken-" + run, "other-" + run);
        List<LifecycleRequest> requests = List.of(DistributedFixture.leaver("fresh-" + run, "fresh-" + run), clash);

        assertThatThrownBy(() -> worker.submit(c.spec(requests).id("second-" + run).build()))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("request at line 2: correlationId 'taken-" + run + "' was already submitted with a"
                        + " different request; nothing was submitted");
        assertThat(worker.status("second-" + run)).isEmpty();
        assertThat(worker.status("fresh-" + run)).isEmpty();
    }

    @Test
    void ofTwoWaitingSubmissionsClaimingOneCorrelationIdForDifferentRequestsOnlyOneRunsIt() throws Exception {
        c.worker("worker", 2).close(); // creates the schema; no worker runs while both are submitted
        DbosClient client = c.client();
        String shared = "shared-" + run;
        client.submit(c.spec(List.of(DistributedFixture.leaver(shared, "a-" + run))).id("a-" + run).build());
        client.submit(c.spec(List.of(DistributedFixture.leaver("own-" + run, "own-" + run),
                DistributedFixture.leaver(shared, "b-" + run))).id("b-" + run).build());

        DbosRunner worker = c.worker("worker-2", 2);
        SubmissionCluster.awaitState(worker, "a-" + run, SubmissionState.Finished);
        SubmissionCluster.awaitState(worker, "b-" + run, SubmissionState.Finished);
        SubmissionStatus a = worker.details("a-" + run).orElseThrow();
        SubmissionStatus b = worker.details("b-" + run).orElseThrow();

        assertThat(a.refused() + b.refused()).isEqualTo(1);
        assertThat(a.finished() + a.refused()).isEqualTo(1);
        assertThat(b.finished() + b.refused()).isEqualTo(2);
        assertThat(c.counter.writes("Disable a-" + run) + c.counter.writes("Disable b-" + run)).isEqualTo(1);
        assertThat(c.counter.writes("Disable own-" + run)).isEqualTo(1);
    }

    @Test
    void idsDerivedFromTheContentMakeTheSameSubmissionOneRun() throws Exception {
        DbosRunner worker = c.worker("worker", 2);
        List<LifecycleRequest> anonymous = List.of(
                LifecycleRequest.builder("Leaver").identityKey("Id", "anon-a-" + run).build(),
                LifecycleRequest.builder("Leaver").identityKey("Id", "anon-b-" + run).build());

        Submission first = worker.submit(c.spec(anonymous).deriveIds().build());
        Submission again = worker.submit(c.spec(anonymous).deriveIds().build());
        SubmissionCluster.awaitState(worker, first.id(), SubmissionState.Finished);
        List<String> ids = new ArrayList<>();
        worker.results(null, first.id(), line -> ids.add(readCorrelationId(line)));

        assertThat(first.id()).startsWith("sub-");
        assertThat(again).isEqualTo(new Submission(first.id(), true));
        assertThat(ids).hasSize(2).allMatch(cid -> cid.startsWith("req-"));
        assertThat(c.counter.writes("Disable anon-a-" + run)).isEqualTo(1);
    }

    @Test
    void aSubmissionTooLargeToStoreIsRefusedSayingToSplitIt() {
        assertThatThrownBy(() -> StoredSubmission.of(c.spec(c.leavers(3)).id("big-" + run).build(), 1000))
                .isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith("submission: its 3 requests with the workflow make ")
                .hasMessageEndingWith(" characters to store, more than the 1000 one submission may hold; split the"
                        + " requests into several submissions");
    }

    @Test
    void aSubmissionIdThatIsAlsoACorrelationIdOfItsRequestsIsRefused() {
        List<LifecycleRequest> leavers = c.leavers(2);
        String taken = leavers.get(1).correlationId();

        assertThatThrownBy(() -> StoredSubmission.of(c.spec(leavers).id(taken).build()))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("submission id '" + taken + "' is also the correlationId of the request at line 2; a"
                        + " submission and a request need different ids");
    }

    @Test
    void aRequestWithoutACorrelationIdIsRefusedUnlessIdsAreDerived() {
        LifecycleRequest anonymous = LifecycleRequest.builder("Leaver").identityKey("Id", "x").build();

        assertThatThrownBy(() -> StoredSubmission.of(c.spec(List.of(anonymous)).id("s-" + run).build()))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("request 1 (line 1) has no correlationId");
    }

    private List<WorkflowStatus> requestRuns(List<LifecycleRequest> requests) {
        DatabaseSettings db = RealPostgres.settings();
        try (DBOSClient dbos = new DBOSClient(db.url(), db.user(), db.readPassword(), c.schema)) {
            return dbos.listWorkflows(new ListWorkflowsInput().withWorkflowIds(requests.stream()
                    .map(LifecycleRequest::correlationId).toList()).withLoadInput(false));
        }
    }

    private static String readCorrelationId(String line) {
        try {
            return JSON.readTree(line).get("correlationId").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
