package dev.idle.api;

import dev.idle.api.event.IdleEvent;
import java.util.List;

/**
 * The outcome of a run. {@code steps} lists every planned primary step; those that did not run have status
 * {@link StepStatus#NotRun}.
 *
 * <p>Stability: stable.
 */
public record ExecutionResult(RunStatus status, String correlationId, String actor, List<StepOutcome> steps,
                              OnFailureOutcome onFailure, List<IdleEvent> events) {
    public ExecutionResult {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /** The OnFailure block: {@link RunStatus#NotRun}, {@link RunStatus#Completed} or {@link RunStatus#PartiallyFailed}. */
    public record OnFailureOutcome(RunStatus status, List<StepOutcome> steps) {
        public OnFailureOutcome {
            steps = List.copyOf(steps);
        }
    }
}
