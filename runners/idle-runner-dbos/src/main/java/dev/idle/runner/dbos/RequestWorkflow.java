package dev.idle.runner.dbos;

/**
 * The durable workflow of one submitted request, as DBOS sees it (its proxy is registered under this interface).
 * Public only because DBOS proxies it; callers use {@link DbosRunner} or {@link DbosClient}.
 */
public interface RequestWorkflow {
    /** The DBOS workflow name; with {@link Queues#REQUEST_CLASS} it finds the code when a run is dequeued or recovered. */
    String NAME = "idle-request";

    /**
     * Plans and runs the request with the workflow it carries and returns its results record.
     *
     * @param requestJson    the request as {@link SubmittedRequest} stored it
     * @param requestHash    its SHA-256, compared by a later submission under the same id
     * @param workflowSource the name of the workflow's source, for messages
     * @param workflowHash   the SHA-256 of {@code workflowJson}, under which workers keep it prepared
     * @param workflowJson   the workflow definition as {@link SubmittedWorkflow} stored it
     * @param position       {@code "<index> <line>"}: the request's 0-based index and 1-based line in its
     *                       submission ({@code "0 0"} when submitted alone), kept in the results record
     */
    String run(String requestJson, String requestHash, String workflowSource, String workflowHash,
               String workflowJson, String position);
}
