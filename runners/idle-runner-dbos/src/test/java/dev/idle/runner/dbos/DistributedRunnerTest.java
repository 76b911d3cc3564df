package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.runner.DistributedRunner.Submission;
import dev.idle.runner.DistributedRunner.SubmissionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link DbosRunner} against a real PostgreSQL: a leaver runs as one durable workflow and ends in the results record
 * of {@code idle batch}; its correlation id identifies the submission, so the same request twice runs once and a
 * different request under a taken id is refused. One runner (its own schema) serves the class; every test uses
 * correlation ids of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedRunnerTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Idle idle = DistributedFixture.idle();
    private final DistributedFixture.WriteCounter counter = new DistributedFixture.WriteCounter();
    private DbosRunner runner;
    private String id;

    @BeforeAll
    void startRunner() {
        runner = DistributedFixture.runner(idle, counter).start();
    }

    @AfterAll
    void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    @BeforeEach
    void newId() {
        id = "leaver-" + UUID.randomUUID();
    }

    @Test
    void aLeaverCompletesThroughDbosWithTheResultsRecordOfIdleBatch() throws Exception {
        LifecycleRequest request = DistributedFixture.leaver(id, "jdoe-" + id);

        Submission submission = runner.submit(request);
        JsonNode record = JSON.readTree(runner.awaitResult(id, WAIT));

        assertThat(submission).isEqualTo(new Submission(id, false));
        assertThat(record.get("status").asText()).isEqualTo("Completed");
        assertThat(record.get("correlationId").asText()).isEqualTo(id);
        assertThat(record.get("actor").asText()).isEqualTo("hr-sync");
        assertThat(record.get("steps")).extracting(s -> s.get("name").asText() + "=" + s.get("status").asText())
                .containsExactly("Disable=Completed", "RevokeSessions=Completed");
        assertThat(record.has("startedAt")).isTrue();
        assertThat(record.has("finishedAt")).isTrue();
        assertThat(runner.status(id)).contains(SubmissionState.Finished);
        String expectedHash = JSON.readTree(idle.export(idle.plan(idle.parseWorkflow(DistributedFixture.LEAVER,
                "leaver.psd1"), request, DistributedFixture.providers(counter), "leaver.psd1")))
                .get("planHash").asText();
        assertThat(runner.planHash(id)).contains(expectedHash);
    }

    @Test
    void theSameCorrelationIdSubmittedTwiceRunsOnceAndReportsTheFirst() throws Exception {
        String identity = "jdoe-" + id;
        Submission first = runner.submit(DistributedFixture.leaver(id, identity));
        Submission second = runner.submit(DistributedFixture.leaver(id, identity));
        String firstRecord = runner.awaitResult(id, WAIT);
        Submission third = runner.submit(DistributedFixture.leaver(id, identity));

        assertThat(first.alreadySubmitted()).isFalse();
        assertThat(second).isEqualTo(new Submission(id, true));
        assertThat(third).isEqualTo(new Submission(id, true));
        assertThat(runner.awaitResult(id, WAIT)).isEqualTo(firstRecord);
        assertThat(writesFor(identity)).isEqualTo(2);
    }

    @Test
    void aDifferentRequestUnderATakenCorrelationIdIsRefusedAndNothingMoreRuns() throws Exception {
        runner.submit(DistributedFixture.leaver(id, "first-" + id));
        runner.awaitResult(id, WAIT);
        int writesBefore = totalWrites();

        assertThatThrownBy(() -> runner.submit(DistributedFixture.leaver(id, "other-" + id)))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("correlationId '" + id + "' was already submitted with a different request");
        assertThat(totalWrites()).isEqualTo(writesBefore);
        assertThat(JSON.readTree(runner.awaitResult(id, WAIT)).get("steps").get(0).get("data").get("Upn").asText())
                .isEqualTo("first-" + id);
    }

    @Test
    void ofTwoDifferentRequestsRacingForOneCorrelationIdExactlyOneRuns() throws Exception {
        for (int round = 0; round < 5; round++) {
            String raceId = id + "-" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<Submission>> submissions = List.of(
                        two.submit(() -> submitAfter(start, DistributedFixture.leaver(raceId, "a-" + raceId))),
                        two.submit(() -> submitAfter(start, DistributedFixture.leaver(raceId, "b-" + raceId))));
                List<Throwable> refusals = new ArrayList<>();
                for (Future<Submission> f : submissions) {
                    try {
                        assertThat(f.get().alreadySubmitted()).isFalse();
                    } catch (ExecutionException e) {
                        refusals.add(e.getCause());
                    }
                }
                assertThat(refusals).singleElement().isInstanceOf(IdleInputException.class)
                        .extracting(Throwable::getMessage).asString()
                        .contains("was already submitted with a different request");
            } finally {
                two.shutdown();
            }
            runner.awaitResult(raceId, WAIT);
            assertThat(writesFor("a-" + raceId) + writesFor("b-" + raceId)).isEqualTo(2);
        }
    }

    private Submission submitAfter(CyclicBarrier start, LifecycleRequest request) throws Exception {
        start.await();
        return runner.submit(request);
    }

    @Test
    void aRequestThatCannotBePlannedEndsWithAnInvalidRecordAndNoWrite() throws Exception {
        LifecycleRequest joiner = LifecycleRequest.builder("Joiner").correlationId(id).identityKey("Id", id).build();

        runner.submit(joiner);
        JsonNode record = JSON.readTree(runner.awaitResult(id, WAIT));

        assertThat(record.get("status").asText()).isEqualTo("Invalid");
        assertThat(record.get("correlationId").asText()).isEqualTo(id);
        assertThat(record.get("error").asText()).isNotBlank();
        assertThat(writesFor(id)).isZero();
    }

    @Test
    void aRequestWithoutACorrelationIdOfItsOwnIsRefused() {
        LifecycleRequest request = LifecycleRequest.builder("Leaver").identityKey("Id", "jdoe").build();

        assertThatThrownBy(() -> runner.submit(request)).isInstanceOf(IdleInputException.class)
                .hasMessage("request: correlationId is required for a distributed run (it is the run's id, which"
                        + " makes a repeated submission a no-op)");
        assertThat(runner.status(request.correlationId())).isEmpty();
    }

    @Test
    void aRequestCarryingASecretValueIsRefusedBeforeAnythingIsStored() {
        LifecycleRequest request = LifecycleRequest.builder("Leaver").correlationId(id).identityKey("Id", "jdoe")
                .context("Password", "Hunter2-" + id).build();

        assertThatThrownBy(() -> runner.submit(request)).isInstanceOf(IdleInputException.class)
                .hasMessageContaining("holds a secret value at request.context.Password")
                .hasMessageNotContaining("Hunter2");
        assertThat(runner.status(id)).isEmpty();
    }

    /** The writes of both steps for {@code identity}. */
    private int writesFor(String identity) {
        return counter.writes("Disable " + identity) + counter.writes("RevokeSessions " + identity);
    }

    private int totalWrites() {
        return counter.writes.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
    }
}
