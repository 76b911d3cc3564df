package dev.idle.graphsim;

import java.time.Instant;

/**
 * One request the simulator answered. {@code target} is the path plus the decoded query (never a header, a form
 * body or a secret). Items of a {@code $batch} appear as their own records after the batch itself, with
 * {@code batchItemId} set and {@code target} made absolute ({@code /v1.0/...}).
 *
 * @param time            when the request arrived
 * @param method          HTTP method
 * @param target          path and decoded query string
 * @param status          HTTP status answered
 * @param clientRequestId the {@code client-request-id} the client sent, or the one the simulator generated
 * @param requestId       the simulator's {@code request-id}
 * @param clientId        the application (client id) behind the bearer token, or the form's client_id on the token
 *                        endpoint; {@code null} when unknown
 * @param batchItemId     the {@code id} of a {@code $batch} item, {@code null} for top-level requests
 */
public record RequestRecord(Instant time, String method, String target, int status, String clientRequestId,
                            String requestId, String clientId, String batchItemId) {

    /** True for POST, PATCH, PUT and DELETE. */
    public boolean isWrite() {
        return GraphRequests.isWriteMethod(method);
    }

    /** The log line, e.g. {@code GET /v1.0/users?$filter=mail eq 'a@b' -> 200}. */
    public String line() {
        return (batchItemId == null ? "" : "  [$batch item " + batchItemId + "] ") + method + " " + target + " -> " + status;
    }

    @Override
    public String toString() {
        return line();
    }
}
