package dev.idle.api;

import java.util.List;

/**
 * A validated, deterministic plan: what will run, in which order, with which resolved inputs. Built by
 * {@link Idle#plan}, executed by {@link Idle#invoke}.
 *
 * @param request a snapshot of the request taken after context resolvers ran
 *
 * <p>Stability: stable.
 */
public record Plan(String workflowName, String lifecycleEvent, String workflowDescription, LifecycleRequest request,
                   List<PlanStep> steps, List<PlanStep> onFailureSteps, List<PlanWarning> warnings) {
    public Plan {
        steps = List.copyOf(steps);
        onFailureSteps = List.copyOf(onFailureSteps);
        warnings = List.copyOf(warnings);
    }

    public String correlationId() {
        return request.correlationId();
    }

    public String actor() {
        return request.actor();
    }
}
