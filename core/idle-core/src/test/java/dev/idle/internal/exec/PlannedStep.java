package dev.idle.internal.exec;

import dev.idle.api.PlanStep;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import java.util.List;

/**
 * Builds the {@link PlanStep} the planner would have built, without running the planner: the executor tests state
 * exactly what the executor is given.
 */
final class PlannedStep {
    private final String name;
    private final String type;
    private DataMap with = new DataMap();
    private Object precondition;
    private String onPreconditionFalse;
    private DataMap preconditionEvent;
    private StepStatus status = StepStatus.Planned;
    private String retryProfile;

    private PlannedStep(String name, String type) {
        this.name = name;
        this.type = type;
    }

    /** A planned step named {@code name} of step type {@code type}, with an empty {@code With}. */
    static PlannedStep step(String name, String type) {
        return new PlannedStep(name, type);
    }

    PlannedStep with(DataMap value) {
        this.with = value;
        return this;
    }

    /** The step's precondition tree, e.g. {@code {Equals: {Path: ..., Value: ...}}}. */
    PlannedStep precondition(Object tree) {
        this.precondition = tree;
        return this;
    }

    /** {@code Blocked}, {@code Fail} or {@code Continue}; unset means the default ({@code Blocked}). */
    PlannedStep onPreconditionFalse(String mode) {
        this.onPreconditionFalse = mode;
        return this;
    }

    PlannedStep preconditionEvent(String type, String message, DataMap data) {
        this.preconditionEvent = DataMap.of("Type", type, "Message", message, "Data", data);
        return this;
    }

    /** Its condition did not hold at plan time. */
    PlannedStep notApplicable() {
        this.status = StepStatus.NotApplicable;
        return this;
    }

    PlannedStep retryProfile(String name) {
        this.retryProfile = name;
        return this;
    }

    PlanStep build() {
        return new PlanStep(name, type, null, null, precondition, onPreconditionFalse, preconditionEvent, List.of(),
                with, null, List.of(), status, retryProfile);
    }

    /** {@code {Equals: {Path: path, Value: value}}}. */
    static DataMap equalsCondition(String path, Object value) {
        return DataMap.of("Equals", DataMap.of("Path", path, "Value", value));
    }
}
