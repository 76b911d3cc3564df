package dev.idle.runner.dbos;

import dev.dbos.transact.DBOS;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * {@link Approvals} on DBOS: reads the approval state a waiting run published (its event
 * {@link ApprovalMessages#EVENT}) and, when the decision is acceptable, sends it to the run as a DBOS message, which
 * {@link ApprovalGate} takes up inside the workflow. Every refusal happens here, before anything is sent: an unknown
 * id, a run that is not waiting, a wrong plan hash, a blank name or reason, or one too long.
 *
 * <p>Inside a worker it works on the worker's DBOS ({@link DbosRunner} delegates to it); a command that is no worker
 * (such as {@code idle approve}) {@link #connect}s to the database with a DBOS client, which starts no worker.
 *
 * <p>Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DbosApprovals implements Approvals, AutoCloseable {
    static final int MAX_NAME = 200;
    static final int MAX_REASON = 2000;

    /** Where runs stand: a worker's {@link DBOS#getWorkflowStatus} or a client's. */
    private final Function<String, Optional<WorkflowStatus>> status;
    /** A run's approval event, read without waiting. */
    private final Function<String, Optional<Object>> approvalEvent;
    /** Sends a decision (text) to a run on {@link ApprovalMessages#TOPIC}. */
    private final BiConsumer<String, String> send;
    private final AutoCloseable owned;

    private DbosApprovals(Function<String, Optional<WorkflowStatus>> status,
                          Function<String, Optional<Object>> approvalEvent, BiConsumer<String, String> send,
                          AutoCloseable owned) {
        this.status = status;
        this.approvalEvent = approvalEvent;
        this.send = send;
        this.owned = owned;
    }

    /** Approvals through a worker's DBOS, which the caller keeps and closes. */
    static DbosApprovals over(DBOS dbos) {
        return new DbosApprovals(dbos::getWorkflowStatus,
                id -> dbos.getEvent(id, ApprovalMessages.EVENT, Duration.ZERO),
                (id, message) -> dbos.send(id, message, ApprovalMessages.TOPIC), null);
    }

    /**
     * Approvals through a DBOS client on the database of {@code settings}: no worker is started; {@link #close()}
     * closes the client.
     *
     * @param schema the PostgreSQL schema of DBOS's tables, as the workers use it; null for DBOS's default
     * @throws IdleInputException when the password file cannot be read
     */
    public static DbosApprovals connect(DatabaseSettings settings, String schema) {
        String password = settings.passwordFile() == null ? null : settings.readPassword();
        DBOSClient client = new DBOSClient(settings.url(), settings.user(), password, schema);
        return new DbosApprovals(client::getWorkflowStatus,
                id -> client.getEvent(id, ApprovalMessages.EVENT, Duration.ZERO),
                (id, message) -> client.send(id, message, ApprovalMessages.TOPIC, "idle-approval-" + UUID.randomUUID()),
                client);
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
        send.accept(id, ApprovalMessages.decision(new ApprovalMessages.Decision(true, waiting.planHash(), by, null)));
    }

    @Override
    public void reject(String id, String reason, String rejectedBy) {
        String by = text(rejectedBy, "rejectedBy", MAX_NAME);
        String why = text(reason, "reason", MAX_REASON);
        waiting(id);
        send.accept(id, ApprovalMessages.decision(new ApprovalMessages.Decision(false, null, by, why)));
    }

    @Override
    public Optional<Approval> approval(String id) {
        return approvalEvent.apply(id).map(ApprovalMessages::readState);
    }

    /** True when the run {@code id} is running and waits for a decision. */
    boolean awaiting(String id) {
        return approval(id).map(a -> a.state() == Approval.State.AwaitingApproval).orElse(false);
    }

    /** The approval state of a run that waits for a decision; refuses any other. */
    private Approval waiting(String id) {
        Objects.requireNonNull(id, "id");
        WorkflowStatus run = status.apply(id).orElseThrow(() ->
                new IdleInputException(id + ": no run has this id"));
        Optional<Approval> approval = approval(id);
        if (run.status() != WorkflowState.PENDING) {
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
    private static String text(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IdleInputException(name + " must not be blank");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IdleInputException(name + " is longer than " + max + " characters (" + v.length() + ")");
        }
        return CredentialMasking.mask(v);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the database client", e);
            }
        }
    }
}
