package dev.idle.runner;

import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Runs lifecycle requests durably, beyond one JVM: each submission is one durable workflow, identified by the
 * request's correlation id, that plans the request, runs each plan step as one checkpointed step and keeps the
 * results record ({@link dev.idle.api.BatchRecord#toJsonLine()}'s format) as its result. Engine-neutral: nothing here
 * names the durable engine underneath.
 *
 * <p>Identity of a submission: a second submission under the same id with the same request is a no-op that reports
 * the first; with a different request it is refused.
 *
 * <p>A run whose workflow requires approval waits, once planned, for {@link Approvals#approve} of its plan hash.
 *
 * <p>Implementations are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DistributedRunner extends Approvals, AutoCloseable {
    /**
     * Starts a durable run of {@code request} under its correlation id, or reports the run already started under it.
     *
     * @throws IdleInputException when the request has no correlation id of its own, carries a secret value, or its
     *                            id is taken by a different request; nothing has started then
     */
    Submission submit(LifecycleRequest request);

    /** Where the run of {@code id} stands; empty when no run has that id. */
    Optional<SubmissionState> status(String id);

    /** The results record (one line of JSON) of the finished run of {@code id}; empty while it runs or if unknown. */
    Optional<String> result(String id);

    /**
     * Waits at most {@code timeout} for the run of {@code id} to finish and returns its results record.
     *
     * @throws IllegalStateException when it has not finished in time, or has no results record (it was cancelled
     *                               or ended in an error of the runner itself)
     */
    String awaitResult(String id, Duration timeout) throws InterruptedException;

    /** Stops taking up work; runs in flight are resumed by the next runner started on the same database. */
    @Override
    void close();

    /**
     * What a submission returned.
     *
     * @param id              the workflow id: the request's correlation id
     * @param alreadySubmitted true when a run of the same request was already there under {@code id}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    record Submission(String id, boolean alreadySubmitted) {
    }

    /** Where a run stands, in words not tied to one engine. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum SubmissionState {
        /** Waiting to be taken up (queued, or scheduled for later). */
        Waiting,
        /** Taken up by a worker and not finished; resumed after a crash. */
        Running,
        /** Planned, and waiting for an approval of its plan hash or a rejection ({@link Approvals}). */
        AwaitingApproval,
        /** Finished with a results record (whose own status may still be Failed or Blocked). */
        Finished,
        /** Ended without a results record: cancelled, or an error of the runner itself. */
        Ended
    }
}
