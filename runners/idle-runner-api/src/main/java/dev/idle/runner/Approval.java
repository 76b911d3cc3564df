package dev.idle.runner;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Where the approval of one run stands.
 *
 * @param state     waiting, approved or rejected
 * @param planHash  the hash of the run's plan, the one an approval must name
 * @param decidedBy who approved or rejected (credentials masked); null while waiting
 * @param decidedAt when the run took the decision up (the worker's clock); null while waiting
 * @param reason    why it was rejected (credentials masked); null otherwise
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Approval(State state, String planHash, String decidedBy, Instant decidedAt, String reason) {
    public Approval {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(planHash, "planHash");
    }

    /** The states of an approval. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum State {
        /** The run is planned and waits for an approval of its plan hash, or a rejection. */
        AwaitingApproval,
        /** The plan hash was approved; the run goes on. */
        Approved,
        /** The run was rejected; it ended without running a step. */
        Rejected
    }

    /** E.g. {@code approved by alice at 2026-12-04T20:00:00Z}; {@code awaiting approval} while waiting. */
    public String describe() {
        return switch (state) {
            case AwaitingApproval -> "awaiting approval of plan hash " + planHash;
            case Approved -> "approved by " + decidedBy + " at " + decidedAt;
            case Rejected -> "rejected by " + decidedBy + " at " + decidedAt + ": " + reason;
        };
    }
}
