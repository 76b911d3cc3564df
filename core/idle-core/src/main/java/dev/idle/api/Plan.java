package dev.idle.api;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A validated, deterministic plan: what will run, in which order, with which resolved inputs. Built by
 * {@link Idle#plan}, executed by {@link Idle#invoke}.
 *
 * @param request          a snapshot of the request taken after context resolvers ran
 * @param approvalRequired the workflow's {@code ApprovalRequired}: this plan must be approved, by its hash, before
 *                         a runner executes it ({@code idle invoke --approved-plan-hash}, the distributed runner's
 *                         {@code approve}); {@link Idle#invoke} itself does not check it
 */
@API(status = STABLE, since = "0.1")
public record Plan(String workflowName, String lifecycleEvent, String workflowDescription, LifecycleRequest request,
                   List<PlanStep> steps, List<PlanStep> onFailureSteps, List<PlanWarning> warnings,
                   boolean approvalRequired) {
    public Plan {
        steps = List.copyOf(steps);
        onFailureSteps = List.copyOf(onFailureSteps);
        warnings = List.copyOf(warnings);
    }

    /** A plan that needs no approval. */
    public Plan(String workflowName, String lifecycleEvent, String workflowDescription, LifecycleRequest request,
                List<PlanStep> steps, List<PlanStep> onFailureSteps, List<PlanWarning> warnings) {
        this(workflowName, lifecycleEvent, workflowDescription, request, steps, onFailureSteps, warnings, false);
    }

    public String correlationId() {
        return request.correlationId();
    }

    public String actor() {
        return request.actor();
    }
}
