package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.equalsCondition;
import static dev.idle.internal.exec.PlannedStep.step;
import static dev.idle.internal.exec.RunEventConditions.blocked;
import static dev.idle.internal.exec.RunEventConditions.completed;
import static dev.idle.internal.exec.RunEventConditions.data;
import static dev.idle.internal.exec.RunEventConditions.event;
import static dev.idle.internal.exec.RunEventConditions.failed;
import static dev.idle.internal.exec.RunEventConditions.message;
import static dev.idle.internal.exec.RunEventConditions.onFailureCompleted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStarted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStepCompleted;
import static dev.idle.internal.exec.RunEventConditions.onFailureStepStarted;
import static dev.idle.internal.exec.RunEventConditions.preconditionFailed;
import static dev.idle.internal.exec.RunEventConditions.runCompleted;
import static dev.idle.internal.exec.RunEventConditions.runStarted;
import static dev.idle.internal.exec.RunEventConditions.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import org.junit.jupiter.api.Test;

/** A step's precondition, checked just before it runs, under each {@code OnPreconditionFalse} mode. */
class ExecutorPreconditionTest {
    private static final DataMap CONFIRMED = equalsCondition("Request.Intent.Confirmed", true);

    private final StubStep guarded = StubStep.changing("Stub.Guarded");
    private final StubStep next = StubStep.changing("Stub.Next");
    private final StubStep alert = StubStep.completing("Stub.Alert");

    private ExecutorTestKit kit(boolean confirmed) {
        return ExecutorTestKit.handlers(guarded, next, alert)
                .request(ExecutorTestKit.request(DataMap.of("Confirmed", confirmed), new DataMap()));
    }

    @Test
    void aPreconditionThatHoldsLetsTheStepRunWithoutExtraEvents() {
        Execution run = kit(true).steps(step("Guarded", "Stub.Guarded").precondition(CONFIRMED)).run();

        run.assertEventsMatchExactly(runStarted(1), started("Guarded"), completed("Guarded"),
                runCompleted(RunStatus.Completed));
        assertThat(guarded.calls()).isEqualTo(1);
    }

    @Test
    void aFalsePreconditionBlocksTheStepAndTheRunByDefault() {
        Execution run = kit(false)
                .steps(step("Guarded", "Stub.Guarded").precondition(CONFIRMED), step("Next", "Stub.Next"))
                .onFailureSteps(step("Alert", "Stub.Alert"))
                .run();

        run.assertEventsMatchExactly(runStarted(3), preconditionFailed("Guarded", "Blocked"), blocked("Guarded"),
                runCompleted(RunStatus.Blocked));
        assertThat(run.result().status()).isEqualTo(RunStatus.Blocked);
        assertThat(run.step("Guarded").status()).isEqualTo(StepStatus.Blocked);
        assertThat(run.step("Guarded").attempts()).isZero();
        assertThat(run.step("Next").status()).isEqualTo(StepStatus.NotRun);
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.NotRun);
        assertThat(guarded.calls() + next.calls() + alert.calls()).isZero();
    }

    @Test
    void aFalsePreconditionUnderFailFailsTheStepAndRunsTheOnFailureSteps() {
        Execution run = kit(false)
                .steps(step("Guarded", "Stub.Guarded").precondition(CONFIRMED).onPreconditionFalse("Fail"))
                .onFailureSteps(step("Alert", "Stub.Alert"))
                .run();

        run.assertEventsMatchExactly(runStarted(2), preconditionFailed("Guarded", "Fail"),
                failed("Guarded", "Precondition check failed."), onFailureStarted(1), onFailureStepStarted("Alert"),
                onFailureStepCompleted("Alert"), onFailureCompleted(RunStatus.Completed),
                runCompleted(RunStatus.Failed));
        assertThat(run.step("Guarded").status()).isEqualTo(StepStatus.Failed);
        assertThat(run.step("Guarded").error()).isEqualTo("Precondition check failed.");
        assertThat(run.step("Guarded").attempts()).isZero();
        assertThat(guarded.calls()).isZero();
    }

    @Test
    void aFalsePreconditionUnderContinueSkipsTheStepAndTheRunGoesOn() {
        Execution run = kit(false)
                .steps(step("Guarded", "Stub.Guarded").precondition(CONFIRMED).onPreconditionFalse("Continue"),
                        step("Next", "Stub.Next"))
                .run();

        run.assertEventsMatchExactly(runStarted(2), preconditionFailed("Guarded", "Continue"), started("Next"),
                completed("Next"), runCompleted(RunStatus.Completed));
        assertThat(run.step("Guarded").status()).isEqualTo(StepStatus.PreconditionSkipped);
        assertThat(run.step("Guarded").attempts()).isZero();
        assertThat(guarded.calls()).isZero();
    }

    @Test
    void thePreconditionEventIsWrittenWithTheWorkflowsOwnTypeRightAfterTheCheckFailed() {
        Execution run = kit(false)
                .steps(step("Guarded", "Stub.Guarded").precondition(CONFIRMED)
                        .preconditionEvent("HrConfirmationMissing", "HR has not confirmed the leaver.",
                                DataMap.of("Ticket", "HR-42")))
                .run();

        run.assertEventsMatchExactly(runStarted(1), preconditionFailed("Guarded", "Blocked"),
                event("HrConfirmationMissing", "Guarded", message("HR has not confirmed the leaver."),
                        data("Ticket", "HR-42")),
                blocked("Guarded"), runCompleted(RunStatus.Blocked));
    }

    @Test
    void aPreconditionPathThatDoesNotResolveFailsTheStepWithoutAPreconditionEvent() {
        Execution run = kit(true)
                .steps(step("Guarded", "Stub.Guarded").precondition(equalsCondition("Request.Context.Missing", "x"))
                        .preconditionEvent("NeverWritten", "no", new DataMap()))
                .run();

        String error = "Precondition could not be evaluated: Workflow step 'Guarded' has unresolved condition path(s)"
                + " in Precondition: [Request.Context.Missing].";
        run.assertEventsMatchExactly(runStarted(1), failed("Guarded", error), runCompleted(RunStatus.Failed));
        assertThat(run.step("Guarded").attempts()).isZero();
    }

    @Test
    void aPreconditionReadsThePlansWorkflowNameAndLifecycleEvent() {
        Execution run = kit(true)
                .steps(step("Leaver only", "Stub.Guarded")
                                .precondition(equalsCondition("Plan.LifecycleEvent", "Leaver")),
                        step("This workflow only", "Stub.Guarded")
                                .precondition(equalsCondition("Plan.WorkflowName", "Stub workflow")),
                        step("Joiner only", "Stub.Guarded")
                                .precondition(equalsCondition("Plan.LifecycleEvent", "Joiner")))
                .run();

        assertThat(run.result().steps()).extracting(StepOutcome::status)
                .containsExactly(StepStatus.Completed, StepStatus.Completed, StepStatus.Blocked);
    }

    @Test
    void aPreconditionSeesTheCurrentViewOfTheStepsProviderAndSession() {
        DataMap context = DataMap.of("Providers", DataMap.of("Identity", DataMap.of(
                "Default", DataMap.of("Enabled", true),
                "Admin", DataMap.of("Enabled", false))));
        Execution run = ExecutorTestKit.handlers(guarded)
                .request(ExecutorTestKit.request(new DataMap(), context))
                .steps(step("Default view", "Stub.Guarded").with(DataMap.of("Provider", "Identity"))
                                .precondition(equalsCondition("Request.Context.Current.Enabled", true)),
                        step("Admin view", "Stub.Guarded")
                                .with(DataMap.of("Provider", "Identity", "AuthSessionName", "Admin"))
                                .precondition(equalsCondition("Request.Context.Current.Enabled", false)))
                .run();

        assertThat(run.result().steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.Completed));
        assertThat(run.result().steps()).hasSize(2);
    }

    @Test
    void anOnFailureStepsPreconditionUsesTheSameEventsWithOnFailureWording() {
        Execution run = kit(false)
                .steps(step("Breaks", "Stub.Guarded").precondition(CONFIRMED).onPreconditionFalse("Fail"))
                .onFailureSteps(step("Held back", "Stub.Alert").precondition(CONFIRMED),
                        step("Must confirm", "Stub.Alert").precondition(CONFIRMED).onPreconditionFalse("Fail"))
                .run();

        run.assertEventsMatchExactly(runStarted(3), preconditionFailed("Breaks", "Fail"),
                failed("Breaks", "Precondition check failed."), onFailureStarted(2),
                event("StepPreconditionFailed", "Held back", message("OnFailure step 'Held back' precondition")),
                event("StepBlocked", "Held back", message("OnFailure step 'Held back' blocked")),
                preconditionFailed("Must confirm", "Fail"),
                event("StepFailed", "Must confirm", message("OnFailure step 'Must confirm' failed")),
                onFailureCompleted(RunStatus.PartiallyFailed), runCompleted(RunStatus.Failed));
        assertThat(run.onFailureStep("Held back").status()).isEqualTo(StepStatus.Blocked);
        assertThat(run.onFailureStep("Must confirm").status()).isEqualTo(StepStatus.Failed);
        assertThat(alert.calls()).isZero();
    }
}
