package dev.idle.runner.dbos;

import dev.dbos.transact.DBOSClient;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.idle.api.IdleInputException;
import dev.idle.runner.Approval;
import dev.idle.runner.Approvals;
import dev.idle.spi.CredentialMasking;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Approvals} on DBOS: reads the approval state a waiting run published (its event
 * {@link ApprovalMessages#EVENT}) and, when the decision is acceptable, sends it to the run as a DBOS message, which
 * {@link ApprovalGate} takes up inside the workflow. Every refusal happens here, before anything is sent: an unknown
 * id, a run that is not waiting, a wrong plan hash, a blank name or reason, or one too long.
 *
 * <p>{@link DbosClient} (and so {@link DbosRunner}, a worker, through its client) delegates to it, on a DBOS client
 * that starts no worker.
 *
 * <p>Thread-safe.
 */
final class DbosApprovals implements Approvals {
    static final int MAX_NAME = 200;
    static final int MAX_REASON = 2000;

    private final DBOSClient client;

    private DbosApprovals(DBOSClient client) {
        this.client = client;
    }

    /** Approvals through a DBOS client, which the caller keeps and closes. */
    static DbosApprovals over(DBOSClient client) {
        return new DbosApprovals(client);
    }

    @Override
    public void approve(String id, String planHash, String approvedBy) {
        String by = text(approvedBy, "approvedBy", MAX_NAME);
        String hash = text(planHash, "planHash", MAX_NAME);
        Approval waiting = waiting(id);
        if (!waiting.planHash().equalsIgnoreCase(hash)) {
            throw new IdleInputException(id + ": plan hash " + CredentialMasking.mask(hash) + " is not the hash of"
                    + " the plan waiting for approval (" + waiting.planHash() + "); nothing was approved and nothing"
                    + " runs");
        }
        send(id, ApprovalMessages.decision(new ApprovalMessages.Decision(true, waiting.planHash(), by, null)));
    }

    @Override
    public void reject(String id, String reason, String rejectedBy) {
        String by = text(rejectedBy, "rejectedBy", MAX_NAME);
        String why = text(reason, "reason", MAX_REASON);
        waiting(id);
        send(id, ApprovalMessages.decision(new ApprovalMessages.Decision(false, null, by, why)));
    }

    @Override
    public Optional<Approval> approval(String id) {
        return client.getEvent(id, ApprovalMessages.EVENT, Duration.ZERO).map(ApprovalMessages::readState);
    }

    @Override
    public Optional<String> plan(String id) {
        return client.getEvent(id, ApprovalMessages.PLAN_EVENT, Duration.ZERO).filter(String.class::isInstance)
                .map(String.class::cast);
    }

    /** True when the run {@code id} is running and waits for a decision. */
    boolean awaiting(String id) {
        return approval(id).map(a -> a.state() == Approval.State.AwaitingApproval).orElse(false);
    }

    /** The approval state of a run that waits for a decision; refuses any other. */
    private Approval waiting(String id) {
        Objects.requireNonNull(id, "id");
        WorkflowStatus run = client.getWorkflowStatus(id).orElseThrow(() ->
                new IdleInputException(id + ": no run has this id"));
        Optional<Approval> approval = approval(id);
        // a waiting run is PENDING on a worker, or ENQUEUED again after every worker stopped (DBOS recovery puts a
        // queued run back on its queue): the message is durable either way, and the run takes it up when it resumes
        if (run.status() != WorkflowState.PENDING && run.status() != WorkflowState.ENQUEUED) {
            throw new IdleInputException(id + ": the run is not waiting for approval (it has ended: "
                    + approval.map(Approval::describe).orElse(run.status().name()) + ")");
        }
        if (approval.isEmpty()) {
            throw new IdleInputException(id + ": the run is not waiting for approval (it is running; its workflow"
                    + " requires no approval, or it is not planned yet)");
        }
        if (approval.get().state() != Approval.State.AwaitingApproval) {
            throw new IdleInputException(id + ": the run is not waiting for approval (it was already "
                    + approval.get().describe() + ")");
        }
        return approval.get();
    }

    /** {@code value} stripped and masked; refused when blank or longer than {@code max} characters. */
    static String text(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IdleInputException(name + " must not be blank");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IdleInputException(name + " is longer than " + max + " characters (" + v.length() + ")");
        }
        return CredentialMasking.mask(v);
    }

    private void send(String id, String message) {
        client.send(id, message, ApprovalMessages.TOPIC, "idle-approval-" + UUID.randomUUID());
    }
}
