package dev.idle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.provider.mock.MockProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan-time context resolvers on the mock provider: scoped paths, the four View scopes, provider selection. */
class ContextResolversTest {
    private final Idle idle = Idle.create();

    private static final String GROUP_GATED = """
            @{
              Name = 'Mover - admin cleanup'
              LifecycleEvent = 'Mover'
              ContextResolvers = @(
                @{ Capability = 'IdLE.Entitlement.List'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
              )
              Steps = @(
                @{ Name = 'Announce admin'; Type = 'IdLE.Step.EmitEvent'
                   Condition = @{ Contains = @{ Path = 'Request.Context.Views.Identity.Entitlements.Id'; Value = 'admins' } }
                   With = @{ Message = 'admin moved' } }
              )
            }
            """;

    private Plan plan(String psd1, String identity, Providers providers) {
        DataMap workflow = idle.parseWorkflow(psd1, "resolvers.psd1");
        LifecycleRequest request = LifecycleRequest.create("Mover", "corr-1", "tester",
                DataMap.of("Id", identity), new DataMap(), null);
        return idle.plan(workflow, request, providers, "resolvers.psd1");
    }

    private static Providers twoUsers() {
        return Providers.builder().provider("Identity", MockProvider.builder()
                .identity("alice", i -> i.entitlement("Group", "admins").entitlement("Group", "staff"))
                .identity("bob", i -> i.entitlement("Group", "staff"))
                .build()).build();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Plan plan, String... path) {
        Object node = plan.request().context();
        for (String seg : path) {
            node = node instanceof DataMap m ? m.get(seg) : null;
        }
        return node;
    }

    @Test
    void conditionOnTheEntitlementViewPlansDifferentlyForIdentitiesWithDifferentGroups() {
        Providers providers = twoUsers();

        PlanStep forAlice = plan(GROUP_GATED, "alice", providers).steps().get(0);
        PlanStep forBob = plan(GROUP_GATED, "bob", providers).steps().get(0);

        assertThat(forAlice.status()).isEqualTo(StepStatus.Planned);
        assertThat(forBob.status()).isEqualTo(StepStatus.NotApplicable);
    }

    @Test
    void resolvedEntitlementsAreWrittenUnderTheScopedPathWithSourceMetadata() {
        Plan plan = plan(GROUP_GATED, "alice", twoUsers());

        List<?> scoped = (List<?>) at(plan, "Providers", "Identity", "Default", "Identity", "Entitlements");
        assertThat(scoped).hasSize(2);
        DataMap first = (DataMap) scoped.get(0);
        assertThat(first.get("SourceProvider")).isEqualTo("Identity");
        assertThat(first.get("SourceAuthSessionName")).isEqualTo("Default");
        assertThat(at(plan, "Views", "Providers", "Identity", "Identity", "Entitlements")).isEqualTo(scoped);
        assertThat(at(plan, "Views", "Sessions", "Default", "Identity", "Entitlements")).isEqualTo(scoped);
        assertThat(at(plan, "Views", "Providers", "Identity", "Sessions", "Default", "Identity", "Entitlements"))
                .isEqualTo(scoped);
    }

    @Test
    void globalEntitlementViewMergesAllProvidersInSortedAliasOrder() {
        String psd1 = """
                @{ Name = 'W'; LifecycleEvent = 'Mover'
                   ContextResolvers = @(
                     @{ Capability = 'IdLE.Entitlement.List'; With = @{ IdentityKey = 'alice'; Provider = 'Entra' } }
                     @{ Capability = 'IdLE.Entitlement.List'; With = @{ IdentityKey = 'alice'; Provider = 'AD' } }
                   )
                   Steps = @( @{ Name = 'E'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'm' } } ) }
                """;
        Providers providers = Providers.builder()
                .provider("Entra", MockProvider.builder().identity("alice", i -> i.entitlement("Group", "cloud")).build())
                .provider("AD", MockProvider.builder().identity("alice", i -> i.entitlement("Group", "onprem")).build())
                .build();

        List<?> global = (List<?>) at(plan(psd1, "alice", providers), "Views", "Identity", "Entitlements");

        assertThat(global).extracting(e -> ((DataMap) e).get("Id")).containsExactly("onprem", "cloud");
    }

    @Test
    void globalProfileViewIsTheLastNonNullProfileInSortedAliasOrder() {
        String psd1 = """
                @{ Name = 'W'; LifecycleEvent = 'Mover'
                   ContextResolvers = @(
                     @{ Capability = 'IdLE.Identity.Read'; With = @{ IdentityKey = 'alice'; Provider = 'AD' } }
                     @{ Capability = 'IdLE.Identity.Read'; With = @{ IdentityKey = 'alice'; Provider = 'HR' } }
                     @{ Capability = 'IdLE.Identity.Read'; With = @{ IdentityKey = 'alice'; Provider = 'Entra' } }
                   )
                   Steps = @( @{ Name = 'E'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'm' } } ) }
                """;
        Providers providers = Providers.builder()
                .provider("AD", MockProvider.builder().identity("alice", i -> i.attribute("Title", "ad")).build())
                .provider("HR", MockProvider.builder().identity("alice", i -> i.attribute("Title", "hr")).build())
                .provider("Entra", MockProvider.builder().identity("alice", i -> i.attribute("Title", "entra")).build())
                .build();

        Plan plan = plan(psd1, "alice", providers);

        assertThat(at(plan, "Views", "Identity", "Profile", "Attributes", "Title")).isEqualTo("hr");
        assertThat(at(plan, "Views", "Providers", "AD", "Identity", "Profile", "Attributes", "Title")).isEqualTo("ad");
    }

    @Test
    void autoSelectionWithTwoCapableProvidersIsAnAmbiguityErrorNamingBoth() {
        Providers providers = Providers.builder()
                .provider("Entra", MockProvider.builder().identity("alice").build())
                .provider("AD", MockProvider.builder().identity("alice").build())
                .build();

        IdleInputException e = catchThrowableOfType(() -> plan(GROUP_GATED, "alice", providers),
                IdleInputException.class);

        assertThat(e.getMessage()).contains("Multiple providers advertise capability 'IdLE.Entitlement.List'")
                .contains("AD, Entra").contains("With.Provider");
    }

    @Test
    void capabilityOutsideTheReadOnlyAllowListIsRejected() {
        String psd1 = GROUP_GATED.replace("IdLE.Entitlement.List", "IdLE.Identity.Disable");

        IdleInputException e = catchThrowableOfType(() -> plan(psd1, "alice", twoUsers()), IdleInputException.class);

        assertThat(e.getMessage()).contains("ContextResolvers[0]").contains("not in the read-only allow-list");
    }

    @Test
    void providerWithoutTheCapabilityIsNotAutoSelected() {
        Providers providers = Providers.builder().provider("Identity", MockProvider.builder()
                .capabilities("IdLE.Identity.Read").identity("alice").build()).build();

        IdleInputException e = catchThrowableOfType(() -> plan(GROUP_GATED, "alice", providers),
                IdleInputException.class);

        assertThat(e.getMessage()).contains("no provider in the Providers map advertises it");
    }

    @Test
    void brokerFailureNamesTheResolver() {
        String psd1 = GROUP_GATED.replace("IdentityKey = '{{Request.IdentityKeys.Id}}'",
                "IdentityKey = '{{Request.IdentityKeys.Id}}'; AuthSessionName = 'Tier0'");
        Providers providers = Providers.builder()
                .provider("Identity", MockProvider.builder().identity("alice").build())
                .broker((name, options) -> {
                    throw new IllegalStateException("Auth session '" + name + "': environment variable X is not set.");
                })
                .build();

        IdleInputException e = catchThrowableOfType(() -> plan(psd1, "alice", providers), IdleInputException.class);

        assertThat(e.getMessage()).contains("ContextResolvers[0]: Auth session 'Tier0'");
    }
}
