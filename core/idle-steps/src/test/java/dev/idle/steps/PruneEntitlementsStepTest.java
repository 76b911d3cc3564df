package dev.idle.steps;

import static dev.idle.steps.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.IdleInputException;
import dev.idle.api.Plan;
import dev.idle.api.Providers;
import dev.idle.api.RetryProfile;
import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.event.IdleEvent;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.Entitlement;
import dev.idle.testkit.RecordingBroker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruneEntitlementsStepTest {
    private final EngineFixture engine = new EngineFixture();

    /** jdoe holds four groups and one role. */
    private static MockProvider mock() {
        return MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-all-staff")
                .entitlement("Group", "sg-vpn").entitlement("Group", "APP-Sales").entitlement("Group", "app-hr")
                .entitlement("Role", "helpdesk")).build();
    }

    static Providers identity(dev.idle.spi.Provider provider) {
        return Providers.builder().provider("Identity", provider).build();
    }

    static String workflow(String type, String with) {
        return """
                @{
                  Name = 'Leaver prune'
                  LifecycleEvent = 'Leaver'
                  Steps = @(
                    @{
                      Name = 'Prune'
                      Type = '%s'
                      With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; %s }
                    }
                  )
                }
                """.formatted(type, with);
    }

    private static String prune(String with) {
        return workflow(PruneEntitlementsStep.TYPE, with);
    }

    private static List<String> ids(MockProvider mock) {
        return mock.store().get("jdoe").entitlements().stream().map(Entitlement::id).toList();
    }

    @SuppressWarnings("unchecked")
    static List<DataMap> skipped(StepOutcome outcome) {
        return (List<DataMap>) outcome.extras().get("Skipped");
    }

    private List<IdleEvent> stepEvents(String type) {
        return engine.events.ofType(type);
    }

    @Test
    void pruneRevokesEveryEntitlementOfTheKindExceptExplicitKeepEntries() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = 'Group'; Keep = @( @{ Id = 'SG-ALL-STAFF' } )"), "Leaver",
                identity(mock));

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(ids(mock)).containsExactly("sg-all-staff", "helpdesk");
        assertThat(skipped(step(r, "Prune"))).isEmpty();
    }

    @Test
    void pruneKeepsEntitlementsMatchingKeepPatternAndRevokesTheRest() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = 'Group'; KeepPattern = @('app-*', 'sg-v?n')"), "Leaver",
                identity(mock));

        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(ids(mock)).containsExactly("sg-vpn", "APP-Sales", "app-hr", "helpdesk");
    }

    @Test
    void keepPatternSupportsCharacterClassesAndMatchesTheWholeIdIgnoringCase() {
        MockProvider mock = mock();
        engine.run(prune("Kind = 'Group'; KeepPattern = @('[a-b]pp-s*', 'sg-all')"), "Leaver", identity(mock));

        // 'sg-all' does not match 'sg-all-staff' (whole-string match); 'APP-Sales' matches '[a-b]pp-s*' ignoring case
        assertThat(ids(mock)).containsExactly("APP-Sales", "helpdesk");
    }

    @Test
    void singleKeepMapIsAOneElementListAndKeepAndPatternCombine() {
        MockProvider mock = mock();
        engine.run(prune("Kind = 'Group'; Keep = @{ Id = 'sg-vpn' }; KeepPattern = 'app-h*'"), "Leaver",
                identity(mock));

        assertThat(ids(mock)).containsExactly("sg-vpn", "app-hr", "helpdesk");
    }

    @Test
    void withoutKeepEverythingOfTheKindIsRevokedAndOtherKindsAreUntouched() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = 'group'"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(ids(mock)).containsExactly("helpdesk");
    }

    @Test
    void keepEntryOfAnotherKindStillKeepsAnEntitlementWithThatId() {
        MockProvider mock = mock();
        engine.run(prune("Kind = 'Group'; Keep = @( @{ Kind = 'Role'; Id = 'sg-vpn' } )"), "Leaver", identity(mock));

        assertThat(ids(mock)).containsExactly("sg-vpn", "helpdesk");
    }

    @Test
    void secondPruneRunReportsUnchanged() {
        MockProvider mock = mock();
        String wf = prune("Kind = 'Group'; Keep = @( @{ Id = 'sg-all-staff' } )");
        engine.run(wf, "Leaver", identity(mock));

        ExecutionResult second = new EngineFixture().run(wf, "Leaver", identity(mock));

        assertThat(step(second, "Prune").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(second, "Prune").changed()).isFalse();
        assertThat(ids(mock)).containsExactly("sg-all-staff", "helpdesk");
    }

    @Test
    void nothingToRemoveReportsUnchangedAndAnEmptySkippedList() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-a")).build();
        ExecutionResult r = engine.run(prune("Kind = 'Group'; KeepPattern = @('*')"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").changed()).isFalse();
        assertThat(step(r, "Prune").extras()).containsKey("Skipped");
        assertThat(skipped(step(r, "Prune"))).isEmpty();
    }

    @Test
    void planEventAndOneRevokedEventPerEntitlementCarryKindAndIds() {
        engine.run(prune("Kind = 'Group'; Keep = @( @{ Id = 'sg-all-staff' } )"), "Leaver", identity(mock()));

        assertThat(stepEvents("Information")).extracting(IdleEvent::message).containsExactly(
                "PruneEntitlements: plan - keep=1, remove=3",
                "PruneEntitlements: revoked entitlement 'sg-vpn'",
                "PruneEntitlements: revoked entitlement 'APP-Sales'",
                "PruneEntitlements: revoked entitlement 'app-hr'");
        IdleEvent plan = stepEvents("Information").get(0);
        assertThat(plan.stepName()).isEqualTo("Prune");
        assertThat(plan.data()).containsEntry("kind", "Group").containsEntry("keepCount", 1)
                .containsEntry("pruneCount", 3);
        assertThat(stepEvents("Information").get(1).data()).containsEntry("kind", "Group")
                .containsEntry("entitlementId", "sg-vpn");
        assertThat(engine.events.types()).containsSubsequence("StepStarted", "Information", "StepCompleted");
        assertThat(stepEvents("Warning")).isEmpty();
    }

    @Test
    void protectedEntitlementIsReportedSkippedAndTheStepStillCompletes() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-domain-users")
                .entitlement("Group", "sg-vpn")).protectedEntitlementIds("SG-DOMAIN-USERS").build();
        ExecutionResult r = engine.run(prune("Kind = 'Group'"), "Leaver", identity(mock));

        StepOutcome prune = step(r, "Prune");
        assertThat(prune.status()).isEqualTo(StepStatus.Completed);
        assertThat(prune.changed()).isTrue();
        assertThat(ids(mock)).containsExactly("sg-domain-users");
        assertThat(skipped(prune)).singleElement().satisfies(s -> {
            assertThat(s.get("EntitlementId")).isEqualTo("sg-domain-users");
            assertThat((String) s.get("Reason")).contains("protected and cannot be removed");
        });
        assertThat(stepEvents("Warning")).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("PruneEntitlements: skipped non-removable entitlement"
                    + " 'sg-domain-users': ");
            assertThat(e.data()).containsEntry("kind", "Group").containsEntry("entitlementId", "sg-domain-users");
            assertThat((String) e.data().get("reason")).contains("protected");
        });
    }

    @Test
    void runWhereEveryRevokeIsRefusedCompletesUnchanged() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "a")
                .entitlement("Group", "b")).failPermanentlyOn("RevokeEntitlement").build();
        ExecutionResult r = engine.run(prune("Kind = 'Group'"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Completed);
        assertThat(step(r, "Prune").changed()).isFalse();
        assertThat(skipped(step(r, "Prune"))).extracting(s -> s.get("EntitlementId")).containsExactly("a", "b");
        assertThat(ids(mock)).containsExactly("a", "b");
    }

    @Test
    void transientRevokeFailureFailsTheAttemptSoTheEngineRetriesTheStep() {
        MockProvider flaky = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "a")
                .entitlement("Group", "b")).failOn("RevokeEntitlement", 1).build();
        Plan plan = engine.plan(prune("Kind = 'Group'"), "Leaver", identity(flaky));

        ExecutionResult r = engine.idle.invoke(plan, identity(flaky), engine.events,
                ExecutionOptions.of("Fast", Map.of("Fast", new RetryProfile(3, 0, 1.0, 0, 0))));

        StepOutcome prune = step(r, "Prune");
        assertThat(prune.status()).isEqualTo(StepStatus.Completed);
        assertThat(prune.attempts()).isEqualTo(2);
        assertThat(skipped(prune)).isEmpty();
        assertThat(flaky.store().get("jdoe").entitlements()).isEmpty();
        assertThat(engine.events.ofType("StepRetrying")).hasSize(1);
    }

    @Test
    void transientRevokeFailureWithoutRetriesFailsTheStepInsteadOfSkipping() {
        MockProvider flaky = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "a"))
                .failOn("RevokeEntitlement", 5).build();
        ExecutionResult r = engine.run(prune("Kind = 'Group'"), "Leaver", identity(flaky));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).contains("Simulated transient failure of RevokeEntitlement");
        assertThat(stepEvents("Warning")).isEmpty();
    }

    @Test
    void missingKindIsAPlanTimeError() {
        assertThatThrownBy(() -> engine.plan(prune(""), "Leaver", identity(mock())))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("Step 'Prune' (type 'IdLE.Step.PruneEntitlements') is missing required"
                        + " With.Kind");
    }

    @Test
    void blankKindFailsTheStepAndRevokesNothing() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = '  '"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlements requires With.Kind to be non-empty.");
        assertThat(ids(mock)).hasSize(5);
    }

    @Test
    void blankIdentityKeyFailsTheStep() {
        String wf = prune("Kind = 'Group'").replace("'{{Request.IdentityKeys.Id}}'", "''");
        ExecutionResult r = engine.run(wf, "Leaver", identity(mock()));

        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlements requires With.IdentityKey to be non-empty.");
    }

    @Test
    void keepEntryWithoutIdFailsTheStepBeforeAnythingIsRevoked() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = 'Group'; Keep = @( @{ Kind = 'Group' } )"), "Leaver",
                identity(mock));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlements: each Keep entry requires an Id.");
        assertThat(ids(mock)).hasSize(5);
    }

    @Test
    void emptyKeepPatternFailsTheStep() {
        ExecutionResult r = engine.run(prune("Kind = 'Group'; KeepPattern = @('sg-*', ' ')"), "Leaver",
                identity(mock()));

        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlements: KeepPattern entries must not be empty.");
    }

    @Test
    void malformedKeepPatternFailsTheStepNamingThePattern() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(prune("Kind = 'Group'; KeepPattern = @('sg-[a')"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).contains("KeepPattern").contains("sg-[a").contains("never closed");
        assertThat(ids(mock)).hasSize(5);
    }

    @Test
    void unknownWithKeyIsAPlanTimeErrorIncludingTheInternalEnsureKeepFlag() {
        assertThatThrownBy(() -> engine.plan(prune("Kind = 'Group'; EnsureKeepEntitlements = $true"), "Leaver",
                identity(mock())))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("does not support With.EnsureKeepEntitlements");
    }

    @Test
    void providerLackingThePruneCapabilityFailsThePlan() {
        MockProvider limited = MockProvider.builder().identity("jdoe").capabilities("IdLE.Entitlement.List",
                "IdLE.Entitlement.Revoke").build();

        assertThatThrownBy(() -> engine.plan(prune("Kind = 'Group'"), "Leaver", identity(limited)))
                .hasMessageContaining("MissingCapabilities: IdLE.Entitlement.Prune");
    }

    @Test
    void providerWithoutRevokeEntitlementFailsTheStepNamingTheMethod() {
        ListOnly provider = new ListOnly();
        ExecutionResult r = engine.run(prune("Kind = 'Group'"), "Leaver", identity(provider));

        assertThat(step(r, "Prune").error())
                .isEqualTo("Provider 'Identity' must implement method 'RevokeEntitlement' for PruneEntitlements.");
    }

    @Test
    void authSessionNameAcquiresOneSessionForTheWholeStepAndPassesItToEveryCall() {
        MockProvider mock = mock();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("Identity", mock).broker(broker).build();

        ExecutionResult r = engine.run(prune("Kind = 'Group'; KeepPattern = 'app-*'; AuthSessionName = 'Graph';"
                + " AuthSessionOptions = @{ Role = 'Admin' }"), "Leaver", providers);

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Completed);
        assertThat(broker.requests()).singleElement().satisfies(req -> {
            assertThat(req.name()).isEqualTo("Graph");
            assertThat(req.options()).containsEntry("Role", "Admin");
        });
        assertThat(mock.receivedSessions()).extracting(s -> s.method()).containsExactly("ListEntitlements",
                "RevokeEntitlement", "RevokeEntitlement");
        assertThat(mock.receivedSessions()).allSatisfy(s -> assertThat(s.session().name()).isEqualTo("Graph"));
    }

    @Test
    void withoutAuthSessionNameNoSessionIsAcquired() {
        MockProvider mock = mock();
        RecordingBroker broker = new RecordingBroker();
        Providers providers = Providers.builder().provider("Identity", mock).broker(broker).build();

        engine.run(prune("Kind = 'Group'"), "Leaver", providers);

        assertThat(broker.requests()).isEmpty();
        assertThat(mock.receivedSessions()).isEmpty();
    }

    /** Lists entitlements but cannot revoke them. */
    static final class ListOnly implements dev.idle.spi.Provider, dev.idle.spi.EntitlementLister {
        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Entitlement.List", "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Prune",
                    "IdLE.Entitlement.Grant");
        }

        @Override
        public List<Entitlement> listEntitlements(String identityKey, dev.idle.spi.AuthSession session) {
            return List.of(Entitlement.of("Group", "a"));
        }
    }
}
