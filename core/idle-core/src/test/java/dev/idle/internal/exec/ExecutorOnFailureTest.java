package dev.idle.internal.exec;

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
import static dev.idle.internal.exec.RunEventConditions.onFailureStepFailed;
import static dev.idle.internal.exec.RunEventConditions.onFailureStepNotApplicable;
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
import dev.idle.api.event.EventTypes;
import org.junit.jupiter.api.Test;

/** OnFailure steps: when they run, best effort, and the status of the OnFailure block. */
class ExecutorOnFailureTest {
    private final StubStep alert = StubStep.completing("Stub.Alert");
    private final StubStep broken = StubStep.failing("Stub.Broken", "mail relay down");

    private ExecutorTestKit kit() {
        return ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"), StubStep.failing("Stub.Fail", "disable failed"),
                alert, broken);
    }

    @Test
    void onFailureStepsDoNotRunWhenTheRunCompleted() {
        Execution run = kit().steps(step("A", "Stub.Ok")).onFailureSteps(step("Alert", "Stub.Alert")).run();

        run.assertEventsMatchExactly(runStarted(2), started("A"), completed("A"), runCompleted(RunStatus.Completed));
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.NotRun);
        assertThat(run.result().onFailure().steps()).isEmpty();
        assertThat(alert.calls()).isZero();
    }

    @Test
    void onFailureStepsRunBestEffortAfterAFailureAndOneFailingMakesThemPartiallyFailed() {
        Execution run = kit()
                .steps(step("Disable", "Stub.Fail"))
                .onFailureSteps(step("Not now", "Stub.Alert").notApplicable(), step("Notify", "Stub.Broken"),
                        step("Alert", "Stub.Alert"))
                .run();

        run.assertEventsMatchExactly(runStarted(4), started("Disable"), failed("Disable", "disable failed"),
                onFailureStarted(3), onFailureStepNotApplicable("Not now"), onFailureStepStarted("Notify"),
                onFailureStepFailed("Notify", "mail relay down"), onFailureStepStarted("Alert"),
                onFailureStepCompleted("Alert"), onFailureCompleted(RunStatus.PartiallyFailed),
                runCompleted(RunStatus.Failed));
        assertThat(run.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(run.result().onFailure().steps()).extracting(StepOutcome::status)
                .containsExactly(StepStatus.NotApplicable, StepStatus.Failed, StepStatus.Completed);
        assertThat(run.onFailureStep("Notify").error()).isEqualTo("mail relay down");
        assertThat(run.onFailureStep("Notify").attempts()).isEqualTo(1);
    }

    @Test
    void onFailureStepsThatAllSucceedCompleteTheBlockWhileTheRunStaysFailed() {
        Execution run = kit().steps(step("Disable", "Stub.Fail")).onFailureSteps(step("Alert", "Stub.Alert")).run();

        assertThat(run.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.Completed);
        assertThat(run.onFailureStep("Alert").status()).isEqualTo(StepStatus.Completed);
    }

    @Test
    void aBlockedRunDoesNotRunItsOnFailureSteps() {
        Execution run = kit()
                .steps(step("Guarded", "Stub.Ok").precondition(PlannedStep.equalsCondition("Plan.LifecycleEvent",
                        "Joiner")))
                .onFailureSteps(step("Alert", "Stub.Alert"))
                .run();

        run.assertEventsMatchExactly(runStarted(2), preconditionFailed("Guarded", "Blocked"), blocked("Guarded"),
                runCompleted(RunStatus.Blocked));
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.NotRun);
        assertThat(alert.calls()).isZero();
    }

    @Test
    void aFailedRunWithoutOnFailureStepsWritesNoOnFailureEvents() {
        Execution run = kit().steps(step("Disable", "Stub.Fail")).run();

        run.assertEventsMatchExactly(runStarted(1), started("Disable"), failed("Disable", "disable failed"),
                runCompleted(RunStatus.Failed));
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.NotRun);
    }

    @Test
    void onFailureStepEventsCountTheirIndexInTheirOwnListAndSayOnFailureStep() {
        Execution run = kit()
                .steps(step("Ok", "Stub.Ok"), step("Disable", "Stub.Fail"))
                .onFailureSteps(step("First", "Stub.Alert"), step("Second", "Stub.Alert"))
                .run();

        run.assertEventsMatchExactly(runStarted(4),
                event(EventTypes.STEP_STARTED, "Ok", data("index", 0)), completed("Ok"),
                event(EventTypes.STEP_STARTED, "Disable", data("index", 1)), failed("Disable", "disable failed"),
                onFailureStarted(2),
                event(EventTypes.ON_FAILURE_STEP_STARTED, "First", data("index", 0), data("stepType", "Stub.Alert"),
                        message("OnFailure step 'First' started.")),
                event(EventTypes.ON_FAILURE_STEP_COMPLETED, "First", data("index", 0),
                        message("OnFailure step 'First' completed.")),
                event(EventTypes.ON_FAILURE_STEP_STARTED, "Second", data("index", 1)),
                onFailureStepCompleted("Second"),
                event(EventTypes.ON_FAILURE_COMPLETED, null, data("status", "Completed"), data("stepCount", 2)),
                runCompleted(RunStatus.Failed));
    }

    @Test
    void anOnFailureStepSeesTheSameRequestAsThePrimarySteps() {
        StubStep echo = StubStep.of("Stub.Echo", (ctx, call) -> {
            ctx.events().write("Echo", ctx.correlationId() + " " + ctx.actor() + " " + ctx.stepName(),
                    DataMap.of("with", ctx.with().getString("Reason")));
            return null;
        });
        Execution run = ExecutorTestKit.handlers(echo, StubStep.failing("Stub.Fail", "no"))
                .steps(step("Disable", "Stub.Fail"))
                .onFailureSteps(step("Echo", "Stub.Echo").with(DataMap.of("Reason", "rollback")))
                .run();

        assertThat(run.events()).filteredOn(e -> e.type().equals("Echo")).singleElement()
                .satisfies(e -> {
                    assertThat(e.message()).isEqualTo("corr-1 tester Echo");
                    assertThat(e.data()).containsEntry("with", "rollback");
                    assertThat(e.stepName()).isEqualTo("Echo");
                });
    }
}
