package dev.idle.runner.dbos;

/**
 * The durable workflow of one submission, as DBOS sees it (its proxy is registered under this interface). Public only
 * because DBOS proxies it; callers use {@link DbosRunner} or {@link DbosClient}.
 */
public interface SubmissionWorkflow {
    /** The DBOS workflow name; with {@link Queues#SUBMISSION_CLASS} it finds the code when a run is dequeued or recovered. */
    String NAME = "idle-submission";

    /**
     * Waits for the submission's time, checks its blast radius (quarantine until released when above it), starts one
     * request run per request and returns a summary ({@code {"submission":…,"requests":N}}).
     *
     * @param submissionJson the submission as {@link StoredSubmission} stored it
     * @param submissionHash its SHA-256, compared by a later submission under the same id
     */
    String run(String submissionJson, String submissionHash);
}
