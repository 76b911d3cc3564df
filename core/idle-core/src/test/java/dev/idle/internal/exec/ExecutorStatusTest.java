package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.step;
import static dev.idle.internal.exec.RunEventConditions.completed;
import static dev.idle.internal.exec.RunEventConditions.failed;
import static dev.idle.internal.exec.RunEventConditions.notApplicable;
import static dev.idle.internal.exec.RunEventConditions.runCompleted;
import static dev.idle.internal.exec.RunEventConditions.runStarted;
import static dev.idle.internal.exec.RunEventConditions.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.spi.StepResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status of each step and of the run, and which handlers run at all. */
class ExecutorStatusTest {

    @Test
    void stepsThatCompleteCompleteTheRunAndReportWhetherTheyChangedSomething() {
        StubStep same = StubStep.completing("Stub.Same");
        StubStep change = StubStep.changing("Stub.Change");

        Execution run = ExecutorTestKit.handlers(same, change)
                .steps(step("A", "Stub.Same"), step("B", "Stub.Change"))
                .run();

        run.assertEventsMatchExactly(runStarted(2), started("A"), completed("A"), started("B"), completed("B"),
                runCompleted(RunStatus.Completed));
        assertThat(run.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(run.result().steps()).extracting(StepOutcome::name, StepOutcome::status, StepOutcome::changed,
                        StepOutcome::attempts)
                .containsExactly(tuple("A", StepStatus.Completed, false, 1),
                        tuple("B", StepStatus.Completed, true, 1));
        assertThat(run.result().onFailure().status()).isEqualTo(RunStatus.NotRun);
    }

    @Test
    void aFailingStepFailsTheRunAndEveryLaterStepIsNotRun() {
        StubStep later = StubStep.changing("Stub.Later");

        Execution run = ExecutorTestKit.handlers(StubStep.failing("Stub.Fail", "directory said no"), later)
                .steps(step("A", "Stub.Fail"), step("B", "Stub.Later"), step("C", "Stub.Later"))
                .run();

        run.assertEventsMatchExactly(runStarted(3), started("A"), failed("A", "directory said no"),
                runCompleted(RunStatus.Failed));
        assertThat(run.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(run.step("A").error()).isEqualTo("directory said no");
        assertThat(run.step("A").attempts()).isEqualTo(1);
        assertThat(run.result().steps()).extracting(StepOutcome::status)
                .containsExactly(StepStatus.Failed, StepStatus.NotRun, StepStatus.NotRun);
        assertThat(run.step("B").attempts()).isZero();
        assertThat(later.calls()).isZero();
    }

    @Test
    void aStepNotApplicableAtPlanTimeIsReportedAndNeverRun() {
        StubStep skipped = StubStep.changing("Stub.Skipped");

        Execution run = ExecutorTestKit.handlers(skipped, StubStep.completing("Stub.Ok"))
                .steps(step("Skip", "Stub.Skipped").notApplicable(), step("Run", "Stub.Ok"))
                .run();

        run.assertEventsMatchExactly(runStarted(2), notApplicable("Skip"), started("Run"), completed("Run"),
                runCompleted(RunStatus.Completed));
        assertThat(run.step("Skip").status()).isEqualTo(StepStatus.NotApplicable);
        assertThat(run.step("Skip").attempts()).isZero();
        assertThat(skipped.calls()).isZero();
    }

    @Test
    void aNotApplicableStepAfterAFailureStaysNotApplicableWithoutAnEvent() {
        Execution run = ExecutorTestKit.handlers(StubStep.failing("Stub.Fail", "no"), StubStep.changing("Stub.Ok"))
                .steps(step("A", "Stub.Fail"), step("Never", "Stub.Ok").notApplicable(), step("Later", "Stub.Ok"))
                .run();

        run.assertEventsMatchExactly(runStarted(3), started("A"), failed("A", "no"), runCompleted(RunStatus.Failed));
        assertThat(run.result().steps()).extracting(StepOutcome::status)
                .containsExactly(StepStatus.Failed, StepStatus.NotApplicable, StepStatus.NotRun);
    }

    @Test
    void aStepTypeWithoutAHandlerFailsItsStepAfterOneAttempt() {
        Execution run = ExecutorTestKit.handlers()
                .steps(step("Orphan", "Stub.Unknown"))
                .run();

        String error = "No step handler registered for step type 'Stub.Unknown'.";
        run.assertEventsMatchExactly(runStarted(1), started("Orphan"), failed("Orphan", error),
                runCompleted(RunStatus.Failed));
        assertThat(run.step("Orphan").attempts()).isEqualTo(1);
    }

    @Test
    void aStepNamingAnUnknownRetryProfileFailsWithoutRunningItsHandler() {
        StubStep handler = StubStep.changing("Stub.Ok");
        ExecutionOptions options = ExecutionOptions.of("Standard", Map.of("Standard", RetryProfile.DEFAULT));

        Execution run = ExecutorTestKit.handlers(handler)
                .steps(step("Patient step", "Stub.Ok").retryProfile("Patient"))
                .options(options)
                .run();

        assertThat(run.step("Patient step").status()).isEqualTo(StepStatus.Failed);
        assertThat(run.step("Patient step").error())
                .isEqualTo("Step 'Patient step' references unknown RetryProfile 'Patient'. Available profiles:"
                        + " Standard.");
        assertThat(run.step("Patient step").attempts()).isEqualTo(1);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void aHandlerReturningNothingCompletesUnchanged() {
        Execution run = ExecutorTestKit.handlers(StubStep.of("Stub.Null", (ctx, call) -> null))
                .steps(step("A", "Stub.Null"))
                .run();

        assertThat(run.step("A").status()).isEqualTo(StepStatus.Completed);
        assertThat(run.step("A").changed()).isFalse();
        assertThat(run.step("A").extras()).isEmpty();
    }

    @Test
    void extrasAreCopiedSoAHandlerCannotChangeAnOutcomeAfterItReturned() {
        DataMap extras = DataMap.of("Data", DataMap.of("Mail", "jdoe@contoso.com"));
        Execution run = ExecutorTestKit.handlers(
                        StubStep.of("Stub.Report", (ctx, call) -> new StepResult(true, extras)),
                        StubStep.of("Stub.Meddle", (ctx, call) -> {
                            extras.getMap("Data").put("Mail", "changed@contoso.com");
                            return StepResult.changed(true);
                        }))
                .steps(step("Report", "Stub.Report"), step("Meddle", "Stub.Meddle"))
                .run();

        assertThat(run.step("Report").extras()).isEqualTo(DataMap.of("Data", DataMap.of("Mail", "jdoe@contoso.com")));
    }

    @Test
    void aFailureWithoutAMessageIsReportedByTheExceptionsSimpleName() {
        Execution run = ExecutorTestKit.handlers(StubStep.of("Stub.Npe", (ctx, call) -> {
                    throw new UnsupportedOperationException();
                }))
                .steps(step("A", "Stub.Npe"))
                .run();

        assertThat(run.step("A").error()).isEqualTo("UnsupportedOperationException");
    }

    @Test
    void secretsOfTheRequestAreScrubbedFromAFailedStepsError() {
        Execution run = ExecutorTestKit.handlers(StubStep.failing("Stub.Leak", "login as jdoe with hunter2 failed"))
                .request(ExecutorTestKit.request(DataMap.of("InitialPassword", "hunter2"), new DataMap()))
                .steps(step("A", "Stub.Leak"))
                .run();

        String scrubbed = "login as jdoe with [REDACTED] failed";
        assertThat(run.step("A").error()).isEqualTo(scrubbed);
        run.assertEventsMatchExactly(runStarted(1), started("A"), failed("A", scrubbed),
                runCompleted(RunStatus.Failed));
    }

    @Test
    void anEmptyPlanCompletesWithOnlyTheRunEvents() {
        Execution run = ExecutorTestKit.handlers().run();

        run.assertEventsMatchExactly(runStarted(0), runCompleted(RunStatus.Completed));
        assertThat(run.result().steps()).isEmpty();
    }
}
