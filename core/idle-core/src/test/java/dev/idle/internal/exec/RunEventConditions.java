package dev.idle.internal.exec;

import dev.idle.api.RunStatus;
import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import java.util.Objects;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.Condition;

/**
 * Named conditions for the executor's events, one per event the engine writes, so that a test reads as the stream
 * it expects: {@code runStarted(1), started("A"), completed("A"), runCompleted(RunStatus.Completed)}. Each checks
 * the type, the step name (null for run-level events) and the data that matters for that type.
 */
final class RunEventConditions {
    private RunEventConditions() {
    }

    /** An event of {@code type} about step {@code stepName} (null: a run-level event), plus {@code more}. */
    @SafeVarargs
    static Condition<IdleEvent> event(String type, String stepName, Condition<? super IdleEvent>... more) {
        Condition<IdleEvent> base = new Condition<>(
                e -> type.equals(e.type()) && Objects.equals(stepName, e.stepName()),
                "%s%s", type, stepName == null ? "" : "[" + stepName + "]");
        if (more.length == 0) {
            return base;
        }
        Condition<? super IdleEvent>[] all = java.util.Arrays.copyOf(more, more.length + 1);
        all[more.length] = base;
        @SuppressWarnings("unchecked")
        Condition<IdleEvent> combined = (Condition<IdleEvent>) Assertions.allOf(all);
        return combined;
    }

    /** {@code data.key} equals {@code value}. */
    static Condition<IdleEvent> data(String key, Object value) {
        return new Condition<>(e -> e.data() != null && e.data().containsKey(key)
                && Objects.equals(value, e.data().get(key)), "data.%s=%s", key, value);
    }

    /** The message contains {@code text}. */
    static Condition<IdleEvent> message(String text) {
        return new Condition<>(e -> e.message() != null && e.message().contains(text), "message containing '%s'",
                text);
    }

    static Condition<IdleEvent> runStarted(int stepCount) {
        return event(EventTypes.RUN_STARTED, null, data("stepCount", stepCount));
    }

    static Condition<IdleEvent> runCompleted(RunStatus status) {
        return event(EventTypes.RUN_COMPLETED, null, data("status", status.name()));
    }

    static Condition<IdleEvent> notApplicable(String step) {
        return event(EventTypes.STEP_NOT_APPLICABLE, step);
    }

    static Condition<IdleEvent> started(String step) {
        return event(EventTypes.STEP_STARTED, step);
    }

    static Condition<IdleEvent> completed(String step) {
        return event(EventTypes.STEP_COMPLETED, step);
    }

    /** {@code StepFailed} with exactly this {@code error}. */
    static Condition<IdleEvent> failed(String step, String error) {
        return event(EventTypes.STEP_FAILED, step, data("error", error));
    }

    static Condition<IdleEvent> preconditionFailed(String step, String mode) {
        return event(EventTypes.STEP_PRECONDITION_FAILED, step, data("onPreconditionFalse", mode));
    }

    static Condition<IdleEvent> blocked(String step) {
        return event(EventTypes.STEP_BLOCKED, step);
    }

    static Condition<IdleEvent> retrying(String step, int attempt, int maxAttempts, long delayMs) {
        return event(EventTypes.STEP_RETRYING, step, data("attempt", attempt), data("maxAttempts", maxAttempts),
                data("delayMs", delayMs));
    }

    static Condition<IdleEvent> onFailureStarted(int onFailureStepCount) {
        return event(EventTypes.ON_FAILURE_STARTED, null, data("onFailureStepCount", onFailureStepCount));
    }

    static Condition<IdleEvent> onFailureCompleted(RunStatus status) {
        return event(EventTypes.ON_FAILURE_COMPLETED, null, data("status", status.name()));
    }

    static Condition<IdleEvent> onFailureStepNotApplicable(String step) {
        return event(EventTypes.ON_FAILURE_STEP_NOT_APPLICABLE, step);
    }

    static Condition<IdleEvent> onFailureStepStarted(String step) {
        return event(EventTypes.ON_FAILURE_STEP_STARTED, step);
    }

    static Condition<IdleEvent> onFailureStepCompleted(String step) {
        return event(EventTypes.ON_FAILURE_STEP_COMPLETED, step);
    }

    static Condition<IdleEvent> onFailureStepFailed(String step, String error) {
        return event(EventTypes.ON_FAILURE_STEP_FAILED, step, data("error", error));
    }
}
