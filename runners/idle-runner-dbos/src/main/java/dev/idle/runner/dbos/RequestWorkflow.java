package dev.idle.runner.dbos;

/**
 * The durable workflow of one submitted request, as DBOS sees it (its proxy is registered under this interface).
 * Public only because DBOS proxies it; callers use {@link DbosRunner}.
 */
public interface RequestWorkflow {
    /** The DBOS workflow name; with the implementation's class name it finds the code when a run is recovered. */
    String NAME = "idle-request";

    /**
     * Plans and runs the request and returns its results record.
     *
     * @param requestJson the request as {@link SubmittedRequest} stored it
     * @param requestHash its SHA-256, compared by a later submission under the same id
     */
    String run(String requestJson, String requestHash);
}
