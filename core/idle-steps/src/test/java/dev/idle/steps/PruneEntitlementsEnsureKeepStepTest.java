package dev.idle.steps;

import static dev.idle.steps.EngineFixture.step;
import static dev.idle.steps.PruneEntitlementsStepTest.identity;
import static dev.idle.steps.PruneEntitlementsStepTest.skipped;
import static dev.idle.steps.PruneEntitlementsStepTest.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.ExecutionResult;
import dev.idle.api.IdleInputException;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.event.IdleEvent;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.Entitlement;
import org.junit.jupiter.api.Test;

class PruneEntitlementsEnsureKeepStepTest {
    private final EngineFixture engine = new EngineFixture();

    private static String ensureKeep(String with) {
        return workflow(PruneEntitlementsEnsureKeepStep.TYPE, with);
    }

    private static MockProvider mock() {
        return MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-all-staff")
                .entitlement("Group", "sg-vpn").entitlement("Role", "helpdesk")).build();
    }

    @Test
    void missingKeepEntriesAreGrantedAndTheRestIsRevoked() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(ensureKeep(
                "Kind = 'Group'; Keep = @( @{ Id = 'sg-all-staff' }, @{ Id = 'sg-leavers' } )"), "Leaver",
                identity(mock));

        StepOutcome s = step(r, "Prune");
        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isTrue();
        assertThat(mock.store().get("jdoe").entitlements()).extracting(Entitlement::kind, Entitlement::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Group", "sg-all-staff"),
                        org.assertj.core.groups.Tuple.tuple("Role", "helpdesk"),
                        org.assertj.core.groups.Tuple.tuple("Group", "sg-leavers"));
        assertThat(skipped(s)).isEmpty();
        assertThat(engine.events.ofType("Information")).extracting(IdleEvent::message).containsExactly(
                "PruneEntitlements: plan - keep=1, remove=1",
                "PruneEntitlements: revoked entitlement 'sg-vpn'",
                "PruneEntitlements: granted keep entitlement 'sg-leavers'");
        assertThat(engine.events.ofType("Information").get(2).data()).containsEntry("kind", "Group")
                .containsEntry("entitlementId", "sg-leavers");
    }

    @Test
    void onlyGrantingAMissingKeepEntryCountsAsAChange() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-all-staff"))
                .build();
        ExecutionResult r = engine.run(ensureKeep("Kind = 'Group'; Keep = @( @{ Id = 'sg-leavers' }, "
                + "@{ Id = 'SG-ALL-STAFF' } )"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(mock.store().get("jdoe").entitlements()).extracting(Entitlement::id)
                .containsExactly("sg-all-staff", "sg-leavers");
    }

    @Test
    void secondEnsureKeepRunReportsUnchanged() {
        MockProvider mock = mock();
        String wf = ensureKeep("Kind = 'Group'; Keep = @( @{ Id = 'sg-leavers' } )");
        engine.run(wf, "Leaver", identity(mock));

        ExecutionResult second = new EngineFixture().run(wf, "Leaver", identity(mock));

        assertThat(step(second, "Prune").changed()).isFalse();
        assertThat(mock.store().get("jdoe").entitlements()).extracting(Entitlement::id)
                .containsExactly("helpdesk", "sg-leavers");
    }

    @Test
    void keepEntryWithItsOwnKindIsGrantedWithThatKind() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();
        engine.run(ensureKeep("Kind = 'Group'; Keep = @{ Kind = 'Role'; Id = 'reader' }"), "Leaver", identity(mock));

        assertThat(mock.store().get("jdoe").entitlements()).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo("Role"));
    }

    @Test
    void withoutKeepItPrunesEverythingOfTheKindAndGrantsNothing() {
        MockProvider mock = mock();
        ExecutionResult r = engine.run(ensureKeep("Kind = 'Group'"), "Leaver", identity(mock));

        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(mock.store().get("jdoe").entitlements()).extracting(Entitlement::id).containsExactly("helpdesk");
        assertThat(engine.events.ofType("Information")).extracting(IdleEvent::message)
                .noneMatch(m -> m.contains("granted"));
    }

    @Test
    void failedGrantOfAKeepEntryFailsTheStep() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.entitlement("Group", "sg-vpn"))
                .failPermanentlyOn("GrantEntitlement").build();
        ExecutionResult r = engine.run(ensureKeep("Kind = 'Group'; Keep = @( @{ Id = 'sg-leavers' } )"), "Leaver",
                identity(mock));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).contains("Simulated permanent failure of GrantEntitlement");
    }

    @Test
    void keepPatternIsRejectedAtPlanTime() {
        assertThatThrownBy(() -> engine.plan(ensureKeep("Kind = 'Group'; KeepPattern = @('sg-*')"), "Leaver",
                identity(mock())))
                .isInstanceOf(IdleInputException.class)
                .hasMessageContaining("does not support With.KeepPattern");
    }

    @Test
    void keepPatternReachingTheHandlerFailsWithTheUpstreamMessage() {
        dev.idle.api.Plan plan = engine.plan(ensureKeep("Kind = 'Group'"), "Leaver", identity(mock()));
        dev.idle.api.PlanStep s = plan.steps().get(0);
        dev.idle.api.data.DataMap with = new dev.idle.api.data.DataMap(s.with());
        with.put("KeepPattern", null);
        dev.idle.api.PlanStep tampered = new dev.idle.api.PlanStep(s.name(), s.type(), s.description(),
                s.condition(), s.precondition(), s.onPreconditionFalse(), s.preconditionEvent(), s.warnings(), with,
                s.provider(), s.requiresCapabilities(), s.status(), s.retryProfile());
        dev.idle.api.Plan bad = new dev.idle.api.Plan(plan.workflowName(), plan.lifecycleEvent(),
                plan.workflowDescription(), plan.request(), java.util.List.of(tampered), plan.onFailureSteps(),
                plan.warnings());

        MockProvider mock = mock();
        ExecutionResult r = engine.idle.invoke(bad, identity(mock), null, dev.idle.api.ExecutionOptions.defaults());

        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlementsEnsureKeep does not support"
                + " With.KeepPattern. Use With.Keep for explicit entitlements to retain and ensure.");
        assertThat(mock.store().get("jdoe").entitlements()).hasSize(3);
    }

    @Test
    void providerWithoutGrantCapabilityFailsThePlan() {
        MockProvider limited = MockProvider.builder().identity("jdoe").capabilities("IdLE.Entitlement.List",
                "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Prune").build();

        assertThatThrownBy(() -> engine.plan(ensureKeep("Kind = 'Group'"), "Leaver", identity(limited)))
                .hasMessageContaining("MissingCapabilities: IdLE.Entitlement.Grant");
    }

    @Test
    void validationMessagesSayPruneEntitlements() {
        ExecutionResult r = engine.run(ensureKeep("Kind = ''"), "Leaver", identity(mock()));

        assertThat(step(r, "Prune").error()).isEqualTo("PruneEntitlements requires With.Kind to be non-empty.");
    }
}
