package dev.idle.runner;

import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 * <p>A {@link SubmissionSpec submission} carries its workflow definition and one or more requests: it is one
 * durable submission run of its own id that starts one request run per request (id: the request's correlation id)
 * on the queue every worker takes work from. It may wait until a time ({@link SubmissionSpec#notBefore()}), and is
 * checked against its blast-radius limit when it starts: above it, it is {@link SubmissionState#Quarantined
 * quarantined} as a whole until {@link #release released}.
 *
 * <p>A run whose workflow requires approval waits, once planned, for {@link Approvals#approve} of its plan hash.
 *
 * <p>An implementation may be a worker (it runs work) or only a client (it submits and queries); both see the same
 * runs. Implementations are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DistributedRunner extends Approvals, AutoCloseable {
    /**
     * Starts a durable run of {@code request} under its correlation id, with the workflow the runner was built with
     * (an implementation without one refuses), or reports the run already started under it.
     *
     * @throws IdleInputException when the request has no correlation id of its own, carries a secret value, or its
     *                            id is taken by a different request; nothing has started then
     */
    Submission submit(LifecycleRequest request);

    /**
     * Submits {@code submission} under its id (given, or derived when asked), or reports the submission already there
     * under it with the same content.
     *
     * @throws IdleInputException when its id is taken by a different submission, a request has no correlation id
     *                            (and none is to be derived), a correlation id is taken by a different request, or
     *                            the workflow or a request carries a secret value; nothing has started then
     */
    Submission submit(SubmissionSpec submission);

    /**
     * Where the submission or request run {@code id} stands, with the counts a person asks for; empty when unknown.
     */
    Optional<SubmissionStatus> details(String id);

    /** The submissions that wait for their time ({@link SubmissionSpec#notBefore()}), the earliest first. */
    List<SubmissionStatus> scheduled();

    /**
     * Hands every results record of a finished request run to {@code onRecord}, in the order the runs were
     * created (for a submission: the order of its requests).
     *
     * @param since        only runs finished after this instant; null: all
     * @param submissionId only the request runs this submission started; null: all
     */
    void results(Instant since, String submissionId, Consumer<String> onRecord);

    /**
     * Releases a quarantined submission: its requests start. {@code confirmAffected} must repeat the count of
     * requests that would change something, as the quarantine recorded it. Who released it ({@code releasedBy}, stored
     * with credentials masked) and when are kept with the submission's quarantine record.
     *
     * @throws IdleInputException when {@code submissionId} is not a quarantined submission, the count differs, or
     *                            {@code releasedBy} is blank; nothing is released then
     */
    void release(String submissionId, long confirmAffected, String releasedBy);

    /** {@link #release(String, long, String)} by this process's OS user. */
    default void release(String submissionId, long confirmAffected) {
        release(submissionId, confirmAffected, System.getProperty("user.name", "unknown"));
    }

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
        /** A submission above its blast-radius limit when its time came: nothing runs until it is released. */
        Quarantined,
        /** Taken up by a worker and not finished; resumed after a crash. */
        Running,
        /** Planned, and waiting for an approval of its plan hash or a rejection ({@link Approvals}). */
        AwaitingApproval,
        /** Finished with a results record (whose own status may still be Failed or Blocked). */
        Finished,
        /** Ended without a results record: cancelled, or an error of the runner itself. */
        Ended
    }

    /**
     * Where a submission or a request run stands.
     *
     * @param id         its id
     * @param submission true for a submission, false for one request's run
     * @param state      its state; for a submission whose requests have started: Running until each has finished
     * @param notBefore  the time it waits for, or null
     * @param requests   its number of requests (1 for a request run)
     * @param finished   how many of them have finished
     * @param refused    requests that were not started because their correlation id named a run of a different
     *                   request by then (submitted meanwhile by another submission)
     * @param affected   for a quarantined submission, the count of requests that would change something; else null
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    record SubmissionStatus(String id, boolean submission, SubmissionState state, Instant notBefore, long requests,
                            long finished, long refused, Long affected) {
    }
}
