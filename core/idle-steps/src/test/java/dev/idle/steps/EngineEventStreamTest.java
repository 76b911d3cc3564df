package dev.idle.steps;

import static dev.idle.steps.EngineFixture.onFailureStep;
import static dev.idle.steps.EngineFixture.step;
import static dev.idle.testkit.EventConditions.data;
import static dev.idle.testkit.EventConditions.event;
import static dev.idle.testkit.EventConditions.message;
import static dev.idle.testkit.EventConditions.runEvent;
import static dev.idle.testkit.EventConditions.step;
import static dev.idle.testkit.EventConditions.stepEvent;
import static dev.idle.testkit.EventConditions.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepStatus;
import dev.idle.api.event.EventTypes;
import dev.idle.api.event.IdleEvent;
import dev.idle.provider.mock.MockProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event stream of a run: types, order, data keys, and the result rows that go with them. */
class EngineEventStreamTest {
    private final EngineFixture engine = new EngineFixture();

    private static Providers mock(MockProvider p) {
        return Providers.builder().provider("Identity", p).build();
    }

    @Test
    void completedRunEmitsStartedStepEventsAndCompletedLast() {
        ExecutionResult r = engine.run("""
                @{ Name = 'J'; LifecycleEvent = 'Joiner'
                   Steps = @(
                     @{ Name = 'Skip'; Type = 'IdLE.Step.EmitEvent'
                        Condition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Leaver' } } }
                     @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'hello {{Request.IdentityKeys.Id}}' } }
                   ) }
                """, "Joiner", mock(MockProvider.inMemory()));

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(engine.events.types()).containsExactly("RunStarted", "StepNotApplicable", "StepStarted", "Custom",
                "StepCompleted", "RunCompleted");
        IdleEvent started = engine.events.ofType("RunStarted").get(0);
        assertThat(started.data()).containsEntry("correlationId", "corr-1").containsEntry("actor", "tester")
                .containsEntry("stepCount", 2);
        assertThat(started.stepName()).isNull();
        assertThat(engine.events.ofType("StepNotApplicable").get(0).data()).containsEntry("stepType",
                "IdLE.Step.EmitEvent").containsEntry("index", 0);
        assertThat(engine.events.ofType("StepStarted").get(0).data()).containsEntry("index", 1);
        IdleEvent custom = engine.events.ofType("Custom").get(0);
        assertThat(custom.message()).isEqualTo("hello jdoe");
        assertThat(custom.stepName()).isEqualTo("Say");
        assertThat(engine.events.ofType("RunCompleted").get(0).data()).containsEntry("status", "Completed");
        assertThat(r.events()).extracting(IdleEvent::type).isEqualTo(engine.events.types());
        assertThat(r.events()).allSatisfy(e -> assertThat(e.correlationId()).isEqualTo("corr-1"));
    }

    @Test
    void onFailureRunsBestEffortAndReportsPartiallyFailed() {
        MockProvider p = MockProvider.builder().identity("jdoe").failPermanentlyOn("DisableIdentity").build();
        ExecutionResult r = engine.run("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } } )
                   OnFailureSteps = @(
                     @{ Name = 'Not now'; Type = 'IdLE.Step.EmitEvent'
                        Condition = @{ Exists = 'Request.Intent.Nothing' } }
                     @{ Name = 'Also fails'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } }
                     @{ Name = 'Still runs'; Type = 'IdLE.Step.EmitEvent' }
                   ) }
                """, "Leaver", mock(p));

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.onFailure().status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(onFailureStep(r, "Not now").status()).isEqualTo(StepStatus.NotApplicable);
        assertThat(onFailureStep(r, "Also fails").status()).isEqualTo(StepStatus.Failed);
        assertThat(onFailureStep(r, "Still runs").status()).isEqualTo(StepStatus.Completed);
        assertThat(engine.events.types()).containsSubsequence("StepFailed", "OnFailureStarted",
                "OnFailureStepNotApplicable", "OnFailureStepStarted", "OnFailureStepFailed", "OnFailureStepStarted",
                "OnFailureStepCompleted", "OnFailureCompleted", "RunCompleted");
        assertThat(engine.events.ofType("OnFailureStarted").get(0).data()).containsEntry("onFailureStepCount", 3);
        assertThat(engine.events.ofType("OnFailureCompleted").get(0).data()).containsEntry("status",
                "PartiallyFailed");
        assertThat(engine.events.ofType("StepFailed").get(0).data()).containsKey("error");
    }

    @Test
    void retriesAnnounceEachAttemptAndReportTheRealAttemptCount() {
        MockProvider p = MockProvider.builder().identity("jdoe").failOn("DisableIdentity", 5).build();
        Plan plan = engine.plan("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } } ) }
                """, "Leaver", mock(p));
        ExecutionOptions twoAttempts = ExecutionOptions.of("Two", Map.of("Two", new RetryProfile(2, 0, 1.0, 0, 0)));

        ExecutionResult r = engine.idle.invoke(plan, mock(p), engine.events, twoAttempts);

        assertThat(step(r, "Disable").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Disable").attempts()).isEqualTo(2);
        assertThat(engine.events.ofType("StepRetrying")).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("attempt", 1).containsEntry("maxAttempts", 2).containsKeys("delayMs", "errorType",
                        "message"));
    }

    @Test
    void nonTransientFailureIsNeverRetried() {
        MockProvider p = MockProvider.builder().identity("jdoe").failPermanentlyOn("DisableIdentity").build();
        ExecutionResult r = engine.run("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } } ) }
                """, "Leaver", mock(p));

        assertThat(step(r, "Disable").attempts()).isEqualTo(1);
        assertThat(engine.events.ofType("StepRetrying")).isEmpty();
    }

    @Test
    void unresolvablePreconditionPathFailsTheStepWithAFullResult() {
        ExecutionResult r = engine.run("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @(
                     @{ Name = 'Guarded'; Type = 'IdLE.Step.EmitEvent'
                        Precondition = @{ Equals = @{ Path = 'Request.Context.Missing'; Value = 'x' } } }
                     @{ Name = 'Next'; Type = 'IdLE.Step.EmitEvent' }
                   )
                   OnFailureSteps = @( @{ Name = 'Alert'; Type = 'IdLE.Step.EmitEvent' } ) }
                """, "Leaver", mock(MockProvider.inMemory()));

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(step(r, "Guarded").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Guarded").error()).contains("unresolved condition path").contains("Request.Context.Missing");
        assertThat(step(r, "Next").status()).isEqualTo(StepStatus.NotRun);
        assertThat(r.onFailure().status()).isEqualTo(RunStatus.Completed);
        assertThat(engine.events.types()).last().isEqualTo("RunCompleted");
    }

    @Test
    void preconditionCanReadTheCurrentProviderView() {
        Providers providers = mock(MockProvider.inMemory());
        var wf = engine.idle.parseWorkflow("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Guarded'; Type = 'IdLE.Step.EmitEvent'; With = @{ Provider = 'Identity' }
                                 Precondition = @{ Equals = @{ Path = 'Request.Context.Current.Identity.Profile.Enabled'; Value = $false } } } ) }
                """, "w.psd1");
        var context = dev.idle.api.data.DataMap.of("Providers", dev.idle.api.data.DataMap.of("Identity",
                dev.idle.api.data.DataMap.of("Default", dev.idle.api.data.DataMap.of("Identity",
                        dev.idle.api.data.DataMap.of("Profile", dev.idle.api.data.DataMap.of("Enabled", false))))));
        var request = dev.idle.api.LifecycleRequest.create("Leaver", "c", null, null, null, context);
        Plan plan = engine.idle.plan(wf, request, providers, "w.psd1");

        ExecutionResult r = engine.idle.invoke(plan, providers, null, ExecutionOptions.defaults());

        assertThat(step(r, "Guarded").status()).isEqualTo(StepStatus.Completed);
        assertThat(plan.request().context()).doesNotContainKey("Current");
    }

    @Test
    void notApplicableStepStaysNotApplicableAfterAnEarlierFailure() {
        MockProvider p = MockProvider.builder().identity("jdoe").failPermanentlyOn("DisableIdentity").build();
        ExecutionResult r = engine.run("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @(
                     @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = 'jdoe' } }
                     @{ Name = 'Never'; Type = 'IdLE.Step.EmitEvent'; Condition = @{ Exists = 'Request.Intent.Nope' } }
                     @{ Name = 'Later'; Type = 'IdLE.Step.EmitEvent' }
                   ) }
                """, "Leaver", mock(p));

        assertThat(step(r, "Never").status()).isEqualTo(StepStatus.NotApplicable);
        assertThat(step(r, "Later").status()).isEqualTo(StepStatus.NotRun);
        assertThat(r.steps()).hasSize(3);
    }

    @Test
    void aPreconditionEventKeepsTheWorkflowsOwnTypeBetweenTheBuiltInEvents() {
        engine.run("""
                @{ Name = 'L'; LifecycleEvent = 'Leaver'
                   Steps = @(
                     @{ Name = 'Say'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'bye {{Request.IdentityKeys.Id}}' } }
                     @{ Name = 'Guarded'; Type = 'IdLE.Step.EmitEvent'
                        Precondition = @{ Equals = @{ Path = 'Request.IdentityKeys.Id'; Value = 'hr-confirmed' } }
                        PreconditionEvent = @{ Type = 'HrConfirmationMissing'; Message = 'HR has not confirmed.'
                                               Data = @{ Ticket = 'HR-1' } } }
                   ) }
                """, "Leaver", mock(MockProvider.inMemory()));

        engine.events.assertEventsMatchExactly(
                event(runEvent(EventTypes.RUN_STARTED), data("stepCount", 2)),
                stepEvent(EventTypes.STEP_STARTED, "Say"),
                event(type(EventTypes.CUSTOM), step("Say"), message("bye jdoe")),
                stepEvent(EventTypes.STEP_COMPLETED, "Say"),
                event(stepEvent(EventTypes.STEP_PRECONDITION_FAILED, "Guarded"), data("onPreconditionFalse", "Blocked")),
                event(type("HrConfirmationMissing"), step("Guarded"), message("HR has not confirmed."),
                        data("Ticket", "HR-1")),
                stepEvent(EventTypes.STEP_BLOCKED, "Guarded"),
                event(runEvent(EventTypes.RUN_COMPLETED), data("status", "Blocked")));
    }
}
