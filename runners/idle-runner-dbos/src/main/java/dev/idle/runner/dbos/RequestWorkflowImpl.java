package dev.idle.runner.dbos;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.StepOptions;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowClassName;
import dev.idle.api.BatchRecord;
import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.StepCheckpoints;
import java.time.Instant;
import java.util.Optional;

/**
 * One request as a DBOS workflow, planned with the workflow definition its submission carried (prepared once per
 * worker, {@link WorkflowCache}): the start time and the plan hash are checkpointed first, a plan that
 * requires approval waits at the {@link ApprovalGate} (a rejected one ends there with a {@code Rejected} record),
 * then each plan step the
 * run reaches is one DBOS step through {@link StepCheckpoints} (DBOS's own step retries off: the engine's retry
 * profile makes the attempts inside the step), and the results record is the workflow's result.
 *
 * <p>When a run is resumed after a crash the request is planned again; if that plan's hash differs from the one
 * checkpointed (the identity changed meanwhile), the recorded steps would belong to another plan, so the run ends
 * with an {@link IllegalStateException} instead of mixing them. A request that cannot be planned gets an
 * {@code Invalid} record. Thread-safe: DBOS runs many workflows on one instance at once.
 */
@WorkflowClassName(Queues.REQUEST_CLASS)
final class RequestWorkflowImpl implements RequestWorkflow {
    /** The keys of the workflow's events: the plan hash, and the request hash of the submission. */
    static final String PLAN_HASH_EVENT = "planHash";

    private final DBOS dbos;
    private final Idle idle;
    private final WorkflowCache workflows;
    private final Providers providers;
    private final ExecutionOptions options;
    private final ApprovalGate approvalGate;

    RequestWorkflowImpl(DBOS dbos, Idle idle, WorkflowCache workflows, Providers providers,
                        ExecutionOptions options) {
        this.dbos = dbos;
        this.idle = idle;
        this.workflows = workflows;
        this.providers = providers;
        this.options = options;
        this.approvalGate = new ApprovalGate(dbos);
    }

    @Override
    @Workflow(name = RequestWorkflow.NAME)
    public String run(String requestJson, String requestHash, String workflowSource, String workflowHash,
                      String workflowJson, String position) {
        Instant started = Instant.parse(step("started", () -> Instant.now().toString()));
        String[] place = position.split(" ");
        long index = Long.parseLong(place[0]);
        long line = Long.parseLong(place[1]);
        LifecycleRequest request = SubmittedRequest.read(idle, requestJson, "submission");
        Plan plan;
        try {
            plan = workflows.get(workflowSource, workflowHash, workflowJson).plan(request, providers);
        } catch (IdleInputException e) {
            return new BatchRecord(index, line, started, Instant.now(), BatchRecord.Status.Invalid,
                    request.correlationId(), e.getMessage(), null, null).toJsonLine();
        }
        String export = idle.export(plan);
        String planHash = idle.parseWorkflow(export, "plan.json").getString("planHash");
        String recorded = step("plan", () -> planHash);
        if (!recorded.equals(planHash)) {
            throw new IllegalStateException(request.correlationId() + ": the plan changed since its steps were"
                    + " checkpointed (plan hash " + recorded + ", now " + planHash + "); nothing more runs");
        }
        dbos.setEvent(PLAN_HASH_EVENT, planHash);
        Optional<String> rejected = approvalGate.await(plan, export, planHash, started);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        ExecutionResult result = idle.invokePlan(plan).providers(providers).executionOptions(options)
                .stepCheckpoints((key, body) -> StepCheckpoints.recordedFromJson(
                        step("step " + key, () -> StepCheckpoints.toJson(body.get()))))
                .run();
        return new BatchRecord(index, line, started, Instant.now(), status(result), result.correlationId(), null,
                result, null).toJsonLine();
    }

    private String step(String name, java.util.function.Supplier<String> body) {
        return step(dbos, name, body);
    }

    /** One checkpointed DBOS step, attempted once: retries are the engine's, inside the step. */
    static String step(DBOS dbos, String name, java.util.function.Supplier<String> body) {
        return dbos.runStep(body::get, new StepOptions(name).withMaxAttempts(1));
    }

    private static BatchRecord.Status status(ExecutionResult result) {
        return switch (result.status()) {
            case Completed -> BatchRecord.Status.Completed;
            case Blocked -> BatchRecord.Status.Blocked;
            case NotRun -> BatchRecord.Status.NotRun;
            case Failed, PartiallyFailed -> BatchRecord.Status.Failed;
        };
    }
}
