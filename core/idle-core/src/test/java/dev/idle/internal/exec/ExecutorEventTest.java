package dev.idle.internal.exec;

import static dev.idle.internal.exec.PlannedStep.step;
import static dev.idle.internal.exec.RunEventConditions.completed;
import static dev.idle.internal.exec.RunEventConditions.data;
import static dev.idle.internal.exec.RunEventConditions.event;
import static dev.idle.internal.exec.RunEventConditions.message;
import static dev.idle.internal.exec.RunEventConditions.retrying;
import static dev.idle.internal.exec.RunEventConditions.runCompleted;
import static dev.idle.internal.exec.RunEventConditions.runStarted;
import static dev.idle.internal.exec.RunEventConditions.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import dev.idle.spi.StepResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every event carries, events a step writes itself, redaction, and what a failing host sink does. */
class ExecutorEventTest {
    private static StubStep writing(String type, String eventType, String message, DataMap data) {
        return StubStep.of(type, (ctx, call) -> {
            ctx.events().write(eventType, message, data);
            return StepResult.changed(false);
        });
    }

    @Test
    void everyEventCarriesTheRunsCorrelationIdActorAndTheClocksTime() {
        Execution run = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"), StubStep.failing("Stub.Fail", "no"))
                .steps(step("A", "Stub.Ok"), step("B", "Stub.Fail"))
                .onFailureSteps(step("C", "Stub.Ok"))
                .run();

        assertThat(run.events()).hasSize(10).allSatisfy(e -> {
            assertThat(e.correlationId()).isEqualTo(ExecutorTestKit.CORRELATION_ID);
            assertThat(e.actor()).isEqualTo(ExecutorTestKit.ACTOR);
            assertThat(e.timestampUtc()).isEqualTo(ExecutorTestKit.NOW);
        });
    }

    @Test
    void runEventsCarryTheRunsIdentityAndEveryStepIsCounted() {
        Execution run = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"))
                .steps(step("A", "Stub.Ok"), step("B", "Stub.Ok"))
                .onFailureSteps(step("C", "Stub.Ok"))
                .run();

        run.assertEventsMatchExactly(
                event(EventTypes.RUN_STARTED, null, data("correlationId", "corr-1"), data("actor", "tester"),
                        data("stepCount", 3), message("Plan execution started.")),
                started("A"), completed("A"), started("B"), completed("B"),
                event(EventTypes.RUN_COMPLETED, null, data("status", "Completed"), data("stepCount", 3),
                        message("Plan execution finished (status: Completed).")));
    }

    @Test
    void stepEventsCarryExactlyTheStepTypeAndItsIndex() {
        Execution run = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"))
                .steps(step("A", "Stub.Ok"), step("B", "Stub.Ok"))
                .run();

        assertThat(run.events()).filteredOn(e -> e.stepName() != null)
                .extracting(e -> e.type() + " " + e.message() + " " + e.data())
                .containsExactly("StepStarted Step 'A' started. {index=0, stepType=Stub.Ok}",
                        "StepCompleted Step 'A' completed. {index=0, stepType=Stub.Ok}",
                        "StepStarted Step 'B' started. {index=1, stepType=Stub.Ok}",
                        "StepCompleted Step 'B' completed. {index=1, stepType=Stub.Ok}");
    }

    @Test
    void anEventAStepWritesKeepsItsOwnTypeAndSitsBetweenTheStepsStartedAndCompletedEvents() {
        Execution run = ExecutorTestKit.handlers(writing("Stub.Note", "Acme.Note", "noted", DataMap.of("n", 1)))
                .steps(step("Note", "Stub.Note"))
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Note"),
                event("Acme.Note", "Note", message("noted"), data("n", 1)),
                completed("Note"), runCompleted(RunStatus.Completed));
    }

    @Test
    void anEventAStepWritesMayCarryNoData() {
        Execution run = ExecutorTestKit.handlers(writing("Stub.Note", "Acme.Note", "bare", null))
                .steps(step("Note", "Stub.Note"))
                .run();

        assertThat(run.events()).filteredOn(e -> e.type().equals("Acme.Note")).singleElement()
                .extracting(IdleEvent::data).isNull();
    }

    @Test
    void secretsAreRedactedFromEventDataAndScrubbedFromMessagesBeforeTheSinkSeesThem() {
        Execution run = ExecutorTestKit.handlers(writing("Stub.Leak", "Acme.Note", "set password S3cr3t-value",
                        DataMap.of("ApiToken", "tok-123", "Echo", "S3cr3t-value", "User", "jdoe")))
                .request(ExecutorTestKit.request(DataMap.of("Password", "S3cr3t-value"), new DataMap()))
                .steps(step("Leak", "Stub.Leak"))
                .run();

        IdleEvent note = run.sunkEvents().stream().filter(e -> e.type().equals("Acme.Note")).findFirst().orElseThrow();
        assertThat(note.message()).isEqualTo("set password [REDACTED]");
        assertThat(note.data()).containsEntry("ApiToken", "[REDACTED]").containsEntry("Echo", "[REDACTED]")
                .containsEntry("User", "jdoe");
    }

    @Test
    void aRequestWithoutAnActorLeavesTheActorNullOnEveryEvent() {
        LifecycleRequest anonymous = LifecycleRequest.create("Leaver", "corr-2", null, DataMap.of("Id", "jdoe"),
                new DataMap(), new DataMap());

        Execution run = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"))
                .request(anonymous)
                .steps(step("A", "Stub.Ok"))
                .run();

        assertThat(run.events()).allSatisfy(e -> {
            assertThat(e.actor()).isNull();
            assertThat(e.correlationId()).isEqualTo("corr-2");
        });
    }

    @Test
    void aSinkThatFailsWhileARetryIsAnnouncedDoesNotStopTheRetry() {
        Execution run = ExecutorTestKit.handlers(StubStep.transientThenChanging("Stub.Flaky", 1))
                .steps(step("Revoke", "Stub.Flaky"))
                .options(ExecutionOptions.of("Fast", Map.of("Fast", new RetryProfile(2, 10, 1.0, 10, 0))))
                .hostSink(e -> {
                    if (e.type().equals(EventTypes.STEP_RETRYING)) {
                        throw new IllegalStateException("log shipper down");
                    }
                })
                .run();

        run.assertEventsMatchExactly(runStarted(1), started("Revoke"), retrying("Revoke", 1, 2, 10),
                completed("Revoke"), runCompleted(RunStatus.Completed));
        assertThat(run.step("Revoke").attempts()).isEqualTo(2);
    }

    @Test
    void aSinkThatFailsOnAnyOtherEventAbortsTheRun() {
        StubStep later = StubStep.changing("Stub.Later");
        ExecutorTestKit kit = ExecutorTestKit.handlers(StubStep.changing("Stub.Ok"), later)
                .steps(step("A", "Stub.Ok"), step("B", "Stub.Later"))
                .hostSink(e -> {
                    if (e.type().equals(EventTypes.STEP_COMPLETED)) {
                        throw new IllegalStateException("log shipper down");
                    }
                });

        assertThatThrownBy(kit::run).isInstanceOf(IllegalStateException.class).hasMessage("log shipper down");
        assertThat(later.calls()).isZero();
    }
}
