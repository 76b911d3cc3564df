package dev.idle.steps;

import static dev.idle.steps.EngineFixture.onFailureStep;
import static dev.idle.steps.EngineFixture.revokeWorkflow;
import static dev.idle.steps.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.RunStatus;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import dev.idle.testkit.RecordingBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevokeIdentitySessionsStepTest {
    private final EngineFixture engine = new EngineFixture();

    private static MockProvider mockWithSessions() {
        return MockProvider.builder().identity("jdoe", i -> i.session("s1", "Outlook").session("s2", "Teams")).build();
    }

    private static Providers identity(Object provider) {
        return Providers.builder().provider("Identity", (dev.idle.spi.Provider) provider).build();
    }

    @Test
    void revokeReportsChangedAndLeavesNoSessionWhenSessionsExist() {
        MockProvider mock = mockWithSessions();
        ExecutionResult r = engine.run(revokeWorkflow("", ""), "Leaver", identity(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Revoke").changed()).isTrue();
        assertThat(mock.store().get("jdoe").sessions()).isEmpty();
    }

    @Test
    void revokeReportsUnchangedWhenNoSessionsExist() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();
        ExecutionResult r = engine.run(revokeWorkflow("", ""), "Leaver", identity(mock));

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Revoke").changed()).isFalse();
    }

    @Test
    void missingIdentityKeyIsAPlanTimeErrorNamingTheKey() {
        String wf = """
                @{ Name = 'x'; LifecycleEvent = 'Leaver'
                   Steps = @( @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ } } ) }
                """;
        assertThatThrownBy(() -> engine.plan(wf, "Leaver", identity(mockWithSessions())))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("Step 'Revoke' (type 'IdLE.Step.RevokeIdentitySessions') is missing required"
                        + " With.IdentityKey");
    }

    @Test
    void providerAliasDefaultsToIdentity() {
        MockProvider mock = mockWithSessions();
        Plan plan = engine.plan(revokeWorkflow("", ""), "Leaver", identity(mock));

        assertThat(plan.steps().get(0).provider()).isEqualTo("Identity");
        ExecutionResult r = engine.idle.invoke(plan, identity(mock), null, ExecutionOptions.defaults());
        assertThat(step(r, "Revoke").changed()).isTrue();
    }

    @Test
    void explicitProviderAliasIsUsed() {
        MockProvider entra = mockWithSessions();
        MockProvider ad = MockProvider.builder().identity("jdoe", i -> i.session("ad1", "Kerberos")).build();
        Providers providers = Providers.builder().provider("Identity", ad).provider("Entra", entra).build();

        ExecutionResult r = engine.run(revokeWorkflow("Provider = 'Entra'", ""), "Leaver", providers);

        assertThat(step(r, "Revoke").changed()).isTrue();
        assertThat(entra.store().get("jdoe").sessions()).isEmpty();
        assertThat(ad.store().get("jdoe").sessions()).hasSize(1);
    }

    @Test
    void aliasTheHostDidNotSupplyIsAClearPlanError() {
        assertThatThrownBy(() -> engine.plan(revokeWorkflow("Provider = 'EntraID'", ""), "Leaver",
                identity(mockWithSessions())))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("Step 'Revoke' uses provider alias 'EntraID', which the host did not supply")
                .hasMessageContaining("Available aliases: Identity");
    }

    @Test
    void providerWithoutRevokeSessionsCapabilityIsAPlanTimeCapabilityError() {
        MockProvider ad = MockProvider.builder().identity("jdoe")
                .capabilities("IdLE.Identity.Read", "IdLE.Identity.Disable").build();

        assertThatThrownBy(() -> engine.plan(revokeWorkflow("", ""), "Leaver", identity(ad)))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("required provider capabilities are missing")
                .hasMessageContaining("MissingCapabilities: IdLE.Identity.RevokeSessions")
                .hasMessageContaining("AffectedSteps: Revoke");
    }

    @Test
    void capabilityIsCheckedAgainstTheStepsOwnAliasNotTheUnionOfProviders() {
        MockProvider ad = MockProvider.builder().identity("jdoe").capabilities("IdLE.Identity.Disable").build();
        Providers providers = Providers.builder().provider("Identity", ad)
                .provider("Entra", mockWithSessions()).build();

        assertThatThrownBy(() -> engine.plan(revokeWorkflow("", ""), "Leaver", providers))
                .hasMessageContaining("Provider: Identity MissingCapabilities: IdLE.Identity.RevokeSessions");
    }

    @Test
    void authSessionNameCallsTheBrokerWithNameAndOptionsAndPassesTheSessionToTheProvider() {
        MockProvider mock = mockWithSessions();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("Identity", mock).broker(broker).build();

        ExecutionResult r = engine.run(revokeWorkflow(
                "AuthSessionName = 'MicrosoftGraph'; AuthSessionOptions = @{ Role = 'Admin' }", ""), "Leaver",
                providers);

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(broker.requests()).hasSize(1);
        RecordingBroker.Request req = broker.requests().get(0);
        assertThat(req.name()).isEqualTo("MicrosoftGraph");
        assertThat(req.options()).containsEntry("Role", "Admin").containsEntry("CorrelationId", "corr-1")
                .containsEntry("Actor", "tester");
        assertThat(mock.receivedSessions()).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("RevokeSessions");
            assertThat(s.session().name()).isEqualTo("MicrosoftGraph");
        });
    }

    @Test
    void withoutAuthSessionNameNoBrokerIsNeededAndTheProviderGetsNoSession() {
        MockProvider mock = mockWithSessions();
        ExecutionResult r = engine.run(revokeWorkflow("", ""), "Leaver", identity(mock));

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(mock.receivedSessions()).allSatisfy(s -> assertThat(s.session()).isNull());
    }

    @Test
    void methodThatTakesNoSessionIsCalledWithoutOneButTheSessionIsStillAcquired() {
        LegacyRevoker legacy = new LegacyRevoker();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("Identity", legacy).broker(broker).build();

        ExecutionResult r = engine.run(revokeWorkflow("AuthSessionName = 'Graph'", ""), "Leaver", providers);

        assertThat(step(r, "Revoke").changed()).isTrue();
        assertThat(broker.requests()).extracting(RecordingBroker.Request::name).containsExactly("Graph");
        assertThat(legacy.sessionsSeen).containsExactly((AuthSession) null);
    }

    @Test
    void authSessionNameWithoutABrokerFailsTheStep() {
        ExecutionResult r = engine.run(revokeWorkflow("AuthSessionName = 'Graph'", ""), "Leaver",
                identity(mockWithSessions()));

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Revoke").error()).contains("No AuthSessionBroker configured");
    }

    @Test
    void executableAuthSessionOptionsAreRejectedWhenPlanning() {
        DataMap wf = engine.idle.parseWorkflow(revokeWorkflow("AuthSessionName = 'Graph'", ""), "test.psd1");
        DataMap with = ((DataMap) ((List<?>) wf.get("Steps")).get(0)).getMap("With");
        with.put("AuthSessionOptions", DataMap.of("Role", new ExecutableValue("Get-Role")));
        LifecycleRequest request = LifecycleRequest.create("Leaver", "c", null, DataMap.of("Id", "jdoe"), null, null);

        assertThatThrownBy(() -> engine.idle.plan(wf, request, identity(mockWithSessions()), "test.psd1"))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("ScriptBlocks are not allowed")
                .hasMessageContaining("Workflow.Steps[0].With.AuthSessionOptions.Role");
    }

    @Test
    void executableAuthSessionOptionsInAPlanFailTheStepAndNeverReachTheBroker() {
        MockProvider mock = mockWithSessions();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("Identity", mock).broker(broker).build();
        Plan plan = engine.plan(revokeWorkflow("AuthSessionName = 'Graph'", ""), "Leaver", providers);
        PlanStep s = plan.steps().get(0);
        DataMap with = new DataMap(s.with());
        with.put("AuthSessionOptions", DataMap.of("Role", new ExecutableValue("Get-Role")));
        PlanStep tampered = new PlanStep(s.name(), s.type(), s.description(), s.condition(), s.precondition(),
                s.onPreconditionFalse(), s.preconditionEvent(), s.warnings(), with, s.provider(),
                s.requiresCapabilities(), s.status(), s.retryProfile());
        Plan bad = new Plan(plan.workflowName(), plan.lifecycleEvent(), plan.workflowDescription(), plan.request(),
                List.of(tampered, plan.steps().get(1)), plan.onFailureSteps(), plan.warnings());

        ExecutionResult r = engine.idle.invoke(bad, providers, null, ExecutionOptions.defaults());

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Revoke").error()).contains("ScriptBlocks are not allowed in auth session options")
                .contains("AuthSessionOptions.Role");
        assertThat(broker.requests()).isEmpty();
        assertThat(mock.store().get("jdoe").sessions()).hasSize(2);
    }

    @Test
    void falseConditionMakesTheStepNotApplicable() {
        MockProvider mock = mockWithSessions();
        ExecutionResult r = engine.run(revokeWorkflow("",
                "Condition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Joiner' } }"), "Leaver",
                identity(mock));

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.NotApplicable);
        assertThat(step(r, "Revoke").attempts()).isZero();
        assertThat(step(r, "After").status()).isEqualTo(StepStatus.Completed);
        assertThat(mock.store().get("jdoe").sessions()).hasSize(2);
        assertThat(engine.events.types()).contains("StepNotApplicable");
    }

    @Test
    void preconditionFalseWithBlockedBlocksTheRunAndSkipsOnFailure() {
        MockProvider mock = mockWithSessions();
        ExecutionResult r = engine.run(revokeWorkflow("", """
                Precondition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Joiner' } }
                OnPreconditionFalse = 'blocked'
                """), "Leaver", identity(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Blocked);
        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Blocked);
        assertThat(step(r, "After").status()).isEqualTo(StepStatus.NotRun);
        assertThat(r.onFailure().status()).isEqualTo(RunStatus.NotRun);
        assertThat(mock.store().get("jdoe").sessions()).hasSize(2);
        assertThat(engine.events.types()).containsSubsequence("StepPreconditionFailed", "StepBlocked", "RunCompleted");
    }

    @Test
    void preconditionFalseWithFailFailsTheRunAndRunsOnFailure() {
        ExecutionResult r = engine.run(revokeWorkflow("", """
                Precondition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Joiner' } }
                OnPreconditionFalse = 'Fail'
                PreconditionEvent = @{ Type = 'ManualReview'; Message = 'Needs review'; Data = @{ Ticket = 'T-1' } }
                """), "Leaver", identity(mockWithSessions()));

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Revoke").error()).isEqualTo("Precondition check failed.");
        assertThat(step(r, "After").status()).isEqualTo(StepStatus.NotRun);
        assertThat(r.onFailure().status()).isEqualTo(RunStatus.Completed);
        assertThat(onFailureStep(r, "Alert").status()).isEqualTo(StepStatus.Completed);
        assertThat(engine.events.ofType("ManualReview")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("Ticket", "T-1"));
    }

    @Test
    void preconditionFalseWithContinueSkipsTheStepAndRunsTheNext() {
        MockProvider mock = mockWithSessions();
        ExecutionResult r = engine.run(revokeWorkflow("", """
                Precondition = @{ Equals = @{ Path = 'Request.LifecycleEvent'; Value = 'Joiner' } }
                OnPreconditionFalse = 'Continue'
                """), "Leaver", identity(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.PreconditionSkipped);
        assertThat(step(r, "Revoke").attempts()).isZero();
        assertThat(step(r, "After").status()).isEqualTo(StepStatus.Completed);
        assertThat(mock.store().get("jdoe").sessions()).hasSize(2);
    }

    @Test
    void providerFailureFailsTheStepLeavesLaterStepsNotRunAndRunsOnFailure() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.session("s1", "Outlook"))
                .failPermanentlyOn("RevokeSessions").build();
        ExecutionResult r = engine.run(revokeWorkflow("", ""), "Leaver", identity(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Revoke").error()).isNotBlank();
        assertThat(step(r, "After").status()).isEqualTo(StepStatus.NotRun);
        assertThat(r.onFailure().status()).isEqualTo(RunStatus.Completed);
        assertThat(onFailureStep(r, "Alert").status()).isEqualTo(StepStatus.Completed);
        assertThat(engine.events.types()).containsSubsequence("RunStarted", "StepStarted", "StepFailed",
                "OnFailureStarted", "OnFailureStepStarted", "OnFailureStepCompleted", "OnFailureCompleted",
                "RunCompleted");
        assertThat(engine.events.types()).last().isEqualTo("RunCompleted");
    }

    @Test
    void transientProviderFailureIsRetriedAndCountsAttempts() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.session("s1", "Outlook"))
                .failOn("RevokeSessions", 1).build();
        Plan plan = engine.plan(revokeWorkflow("", ""), "Leaver", identity(mock));
        ExecutionResult r = engine.idle.invoke(plan, identity(mock), engine.events, ExecutionOptions.of("Fast",
                java.util.Map.of("Fast", new dev.idle.api.RetryProfile(3, 0, 1.0, 0, 0))));

        assertThat(step(r, "Revoke").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Revoke").attempts()).isEqualTo(2);
        assertThat(engine.events.ofType("StepRetrying")).hasSize(1);
    }

    /** A provider whose RevokeSessions takes no session parameter (IdLE's "legacy" signature). */
    static final class LegacyRevoker implements dev.idle.spi.Provider, SessionRevoker {
        final List<AuthSession> sessionsSeen = new java.util.ArrayList<>();

        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Identity.RevokeSessions");
        }

        @Override
        public boolean acceptsAuthSession(String method) {
            return false;
        }

        @Override
        public ProviderResult revokeSessions(String identityKey, AuthSession session) {
            sessionsSeen.add(session);
            return ProviderResult.of("RevokeSessions", identityKey, true);
        }
    }
}
