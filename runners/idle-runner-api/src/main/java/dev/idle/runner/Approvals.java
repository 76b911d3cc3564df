package dev.idle.runner;

import dev.idle.api.IdleInputException;
import java.util.Optional;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Approval of a run's exact plan. A run whose workflow says {@code ApprovalRequired = $true} plans its request,
 * publishes the plan's hash and waits (durably: days, across restarts of every worker) until its plan hash is
 * approved, or it is rejected; a rejected run ends with a {@code Rejected} results record and runs no step.
 * Engine-neutral: nothing here names the durable engine underneath.
 *
 * <p>A decision takes effect when a worker takes it up; the first decision a run takes up counts, a later one is
 * ignored ({@link #approval} tells which counted). Who decided and the reason are stored with credentials masked;
 * the time is the worker's clock when the run took the decision up.
 *
 * <p>Implementations are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Approvals {
    /**
     * Approves the plan of the run {@code id}, which then runs its steps.
     *
     * @param planHash   the hash of the plan being approved: it must be the hash of the plan the run waits with
     * @param approvedBy who approves (stored, credentials masked)
     * @throws IdleInputException when no run has {@code id}, the run is not waiting for approval, or
     *                            {@code planHash} is not its plan's hash (the message names the id and both hashes);
     *                            nothing is approved then
     */
    void approve(String id, String planHash, String approvedBy);

    /**
     * Rejects the run {@code id}: it ends with a {@code Rejected} results record, and none of its steps runs.
     *
     * @param reason     why (stored, credentials masked; required)
     * @param rejectedBy who rejects
     * @throws IdleInputException when no run has {@code id} or it is not waiting for approval; nothing changes then
     */
    void reject(String id, String reason, String rejectedBy);

    /**
     * Where the approval of run {@code id} stands; empty when no run has that id, or its run does not wait for an
     * approval (yet: it publishes the state once it is planned).
     */
    Optional<Approval> approval(String id);

    /**
     * The plan export (JSON, as {@code idle plan} writes it: secrets redacted, {@code planHash} last) that the run
     * {@code id} waits for approval with, so a reviewer sees exactly what the hash approves; empty when no run has
     * that id or its run needs no approval (or is not planned yet). A runner that keeps no plans returns empty.
     */
    default Optional<String> plan(String id) {
        return Optional.empty();
    }
}
