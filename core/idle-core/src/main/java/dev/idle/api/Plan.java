package dev.idle.api;

import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A validated, deterministic plan: what will run, in which order, with which resolved inputs. Built by
 * {@link Idle#plan}, executed by {@link Idle#invoke}.
 *
 * @param request a snapshot of the request taken after context resolvers ran
 */
@API(status = STABLE, since = "0.1")
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
