package dev.idle.api;

import dev.idle.api.event.IdleEvent;
import java.util.List;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The outcome of a run. {@code steps} lists every planned primary step; those that did not run have status
 * {@link StepStatus#NotRun}.
 */
@API(status = STABLE, since = "0.1")
public record ExecutionResult(RunStatus status, String correlationId, String actor, List<StepOutcome> steps,
                              OnFailureOutcome onFailure, List<IdleEvent> events) {
    public ExecutionResult {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /** The OnFailure block: {@link RunStatus#NotRun}, {@link RunStatus#Completed} or {@link RunStatus#PartiallyFailed}. */
    @API(status = STABLE, since = "0.1")
    public record OnFailureOutcome(RunStatus status, List<StepOutcome> steps) {
        public OnFailureOutcome {
            steps = List.copyOf(steps);
        }
    }
}
