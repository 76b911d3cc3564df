package dev.idle.runner.dbos;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.StepOptions;
import dev.idle.api.BatchRecord;
import dev.idle.api.Plan;
import dev.idle.runner.Approval;
import dev.idle.spi.CredentialMasking;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval gate inside a request workflow: when the plan requires approval ({@link Plan#approvalRequired()}),
 * the run publishes its plan export ({@link ApprovalMessages#PLAN_EVENT}, for review) and
 * {@link Approval.State#AwaitingApproval} with its plan hash, and waits for a decision on
 * {@link ApprovalMessages#TOPIC}. The wait is DBOS's durable {@code recv}, in slices of a day in a loop, so it lasts
 * as long as it must and survives restarts of every worker (a resumed run replays the slices already waited).
 *
 * <p>An approval that names another plan hash is ignored (callers are refused such an approval before it is sent,
 * see {@link DbosApprovals}; one that gets here anyway was not sent through them) and the run keeps waiting. The
 * time of the decision is taken on the worker in a checkpointed step, so a resumed run keeps the first one.
 *
 * <p>Thread-safe: it holds nothing but the DBOS instance; each call runs inside one workflow.
 */
final class ApprovalGate {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalGate.class);
    private static final Duration WAIT_SLICE = Duration.ofDays(1);

    private final DBOS dbos;

    ApprovalGate(DBOS dbos) {
        this.dbos = dbos;
    }

    /**
     * Passes at once when {@code plan} needs no approval; otherwise waits for a decision.
     *
     * @return empty when the run may go on; the {@code Rejected} results record when it was rejected
     */
    Optional<String> await(Plan plan, String planExport, String planHash, Instant started) {
        if (!plan.approvalRequired()) {
            return Optional.empty();
        }
        String id = plan.correlationId();
        // the plan itself, for review (Approvals.plan): published before the state, so a waiting run always has it
        dbos.setEvent(ApprovalMessages.PLAN_EVENT, planExport);
        dbos.setEvent(ApprovalMessages.EVENT, ApprovalMessages.state(
                new Approval(Approval.State.AwaitingApproval, planHash, null, null, null)));
        while (true) {
            Optional<Object> message = dbos.recv(ApprovalMessages.TOPIC, WAIT_SLICE);
            if (message.isEmpty()) {
                continue;
            }
            ApprovalMessages.Decision d = ApprovalMessages.readDecision(message.get());
            if (d == null || d.approve() && !planHash.equals(d.planHash())) {
                LOG.warn("{}: ignored a decision that is not an approval of plan hash {} or a rejection", id,
                        planHash);
                continue;
            }
            Instant at = Instant.parse(dbos.runStep(() -> Instant.now().toString(),
                    new StepOptions("approval decided").withMaxAttempts(1)));
            // masked again: a message may have been sent by other means than DbosApprovals, which masks
            Approval decided = new Approval(d.approve() ? Approval.State.Approved : Approval.State.Rejected,
                    planHash, CredentialMasking.mask(d.by()), at, d.reason() == null ? null
                    : CredentialMasking.mask(d.reason()));
            dbos.setEvent(ApprovalMessages.EVENT, ApprovalMessages.state(decided));
            if (d.approve()) {
                return Optional.empty();
            }
            return Optional.of(new BatchRecord(0, 0, started, at, BatchRecord.Status.Rejected, id,
                    decided.describe(), null, null).toJsonLine());
        }
    }
}
