package dev.idle.steps;

import static dev.idle.steps.EngineFixture.step;
import static dev.idle.steps.PruneEntitlementsStepTest.identity;
import static dev.idle.steps.PruneEntitlementsStepTest.skipped;
import static dev.idle.steps.PruneEntitlementsStepTest.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionResult;
import dev.idle.api.StepOutcome;
import dev.idle.api.StepStatus;
import dev.idle.api.event.IdleEvent;
import dev.idle.spi.AuthSession;
import dev.idle.spi.BulkEntitlementGranter;
import dev.idle.spi.BulkEntitlementRevoker;
import dev.idle.spi.BulkResult;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementResolver;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional provider methods: ResolveEntitlement, BulkRevokeEntitlements, BulkGrantEntitlements, Kind filter. */
class PruneEntitlementsProviderPathsTest {
    private final EngineFixture engine = new EngineFixture();

    /** A directory whose canonical ids are DNs; the keep-set may name groups by short name. */
    static class Directory implements Provider, EntitlementLister, EntitlementGranter, EntitlementRevoker {
        final List<Entitlement> held = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final Map<String, String> refused = new LinkedHashMap<>();

        Directory(String... dns) {
            for (String dn : dns) {
                held.add(Entitlement.of("Group", dn));
            }
        }

        @Override
        public List<String> capabilities() {
            return List.of("IdLE.Entitlement.List", "IdLE.Entitlement.Grant", "IdLE.Entitlement.Revoke",
                    "IdLE.Entitlement.Prune");
        }

        @Override
        public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
            calls.add("List");
            return List.copyOf(held);
        }

        @Override
        public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
            calls.add("List(" + kind + ")");
            return List.copyOf(held);
        }

        @Override
        public ProviderResult grantEntitlement(String identityKey, Entitlement e, AuthSession session) {
            calls.add("Grant " + e.id());
            held.add(e);
            return ProviderResult.of("GrantEntitlement", identityKey, true);
        }

        @Override
        public ProviderResult revokeEntitlement(String identityKey, Entitlement e, AuthSession session) {
            calls.add("Revoke " + e.id());
            if (refused.containsKey(e.id())) {
                throw new ProviderException(refused.get(e.id()));
            }
            return ProviderResult.of("RevokeEntitlement", identityKey, held.removeIf(h -> h.id().equals(e.id())));
        }
    }

    /** Resolves short names to DNs. */
    static class ResolvingDirectory extends Directory implements EntitlementResolver {
        ResolvingDirectory(String... dns) {
            super(dns);
        }

        @Override
        public Entitlement resolveEntitlement(String kind, Entitlement e, AuthSession session) {
            calls.add("Resolve " + kind + " " + e.id());
            if (e.id().equals("ghost")) {
                throw new ProviderException("Group 'ghost' was not found.");
            }
            return e.id().startsWith("CN=") ? e : Entitlement.of(kind, "CN=" + e.id() + ",OU=Groups,DC=x");
        }
    }

    /** Revokes and grants in bulk; ids listed in {@code refused} come back with an error. */
    static class BulkDirectory extends Directory implements BulkEntitlementRevoker, BulkEntitlementGranter {
        BulkDirectory(String... dns) {
            super(dns);
        }

        @Override
        public List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements,
                                                       AuthSession session) {
            calls.add("BulkRevoke " + entitlements.stream().map(Entitlement::id).toList());
            List<BulkResult> results = new ArrayList<>();
            for (Entitlement e : entitlements) {
                String error = refused.get(e.id());
                boolean changed = error == null && held.removeIf(h -> h.id().equals(e.id()));
                results.add(new BulkResult("RevokeEntitlement", identityKey, changed, error, e));
            }
            return results;
        }

        @Override
        public List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements,
                                                      AuthSession session) {
            calls.add("BulkGrant " + entitlements.stream().map(Entitlement::id).toList());
            List<BulkResult> results = new ArrayList<>();
            for (Entitlement e : entitlements) {
                String error = refused.get(e.id());
                if (error == null) {
                    held.add(e);
                }
                results.add(new BulkResult("GrantEntitlement", identityKey, error == null, error, e));
            }
            return results;
        }
    }

    private static final String STAFF = "CN=staff,OU=Groups,DC=x";
    private static final String VPN = "CN=vpn,OU=Groups,DC=x";
    private static final String ADMINS = "CN=admins,OU=Groups,DC=x";

    @Test
    void keepEntriesAreCanonicalisedThroughResolveEntitlementBeforeMatching() {
        ResolvingDirectory dir = new ResolvingDirectory(STAFF, VPN);
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE,
                "Kind = 'Group'; Keep = @( @{ Id = 'staff' } )"), "Leaver", identity(dir));

        assertThat(step(r, "Prune").changed()).isTrue();
        assertThat(dir.held).extracting(Entitlement::id).containsExactly(STAFF);
        assertThat(dir.calls).containsExactly("Resolve Group staff", "List(Group)", "Revoke " + VPN);
    }

    @Test
    void withoutResolveEntitlementANonCanonicalKeepIdMatchesNothing() {
        Directory dir = new Directory(STAFF, VPN);
        engine.run(workflow(PruneEntitlementsStep.TYPE, "Kind = 'Group'; Keep = @( @{ Id = 'staff' } )"), "Leaver",
                identity(dir));

        assertThat(dir.held).isEmpty();
    }

    @Test
    void resolutionFailureFailsTheStepBeforeAnythingIsRevoked() {
        ResolvingDirectory dir = new ResolvingDirectory(STAFF, VPN);
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE,
                "Kind = 'Group'; Keep = @( @{ Id = 'staff' }, @{ Id = 'ghost' } )"), "Leaver", identity(dir));

        assertThat(step(r, "Prune").status()).isEqualTo(StepStatus.Failed);
        assertThat(step(r, "Prune").error()).isEqualTo("Group 'ghost' was not found.");
        assertThat(dir.held).hasSize(2);
        assertThat(dir.calls).noneMatch(c -> c.startsWith("Revoke") || c.startsWith("List"));
    }

    @Test
    void ensureKeepGrantsTheResolvedCanonicalEntitlement() {
        ResolvingDirectory dir = new ResolvingDirectory(VPN);
        engine.run(workflow(PruneEntitlementsEnsureKeepStep.TYPE, "Kind = 'Group'; Keep = @( @{ Id = 'staff' } )"),
                "Leaver", identity(dir));

        assertThat(dir.held).extracting(Entitlement::id).containsExactly(STAFF);
        assertThat(dir.calls).contains("Grant " + STAFF);
    }

    @Test
    void entriesOfOtherKindsInTheListingAreIgnored() {
        Directory dir = new Directory(VPN);
        dir.held.add(Entitlement.of("AdministrativeUnit", "au-1"));
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE, "Kind = 'Group'"), "Leaver",
                identity(dir));

        assertThat(dir.held).extracting(Entitlement::id).containsExactly("au-1");
        assertThat(engine.events.ofType("Information").get(0).data()).containsEntry("pruneCount", 1);
        assertThat(step(r, "Prune").changed()).isTrue();
    }

    @Test
    void bulkRevokeIsOneCallAndItemErrorsBecomeSkippedWithWarnings() {
        BulkDirectory dir = new BulkDirectory(STAFF, VPN, ADMINS);
        dir.refused.put(ADMINS, "Insufficient privileges to remove member.");
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE,
                "Kind = 'Group'; Keep = @( @{ Id = '" + STAFF + "' } )"), "Leaver", identity(dir));

        StepOutcome s = step(r, "Prune");
        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(s.changed()).isTrue();
        assertThat(dir.calls).containsExactly("List(Group)", "BulkRevoke [" + VPN + ", " + ADMINS + "]");
        assertThat(dir.held).extracting(Entitlement::id).containsExactly(STAFF, ADMINS);
        assertThat(skipped(s)).singleElement().satisfies(sk -> {
            assertThat(sk.get("EntitlementId")).isEqualTo(ADMINS);
            assertThat(sk.get("Reason")).isEqualTo("Insufficient privileges to remove member.");
        });
        assertThat(engine.events.ofType("Warning")).extracting(IdleEvent::message).containsExactly(
                "PruneEntitlements: skipped non-removable entitlement '" + ADMINS
                        + "': Insufficient privileges to remove member.");
        assertThat(engine.events.ofType("Information")).extracting(IdleEvent::message)
                .contains("PruneEntitlements: revoked entitlement '" + VPN + "'");
    }

    @Test
    void bulkRevokeWithNothingChangedReportsUnchanged() {
        BulkDirectory dir = new BulkDirectory(VPN);
        dir.refused.put(VPN, "denied");
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE, "Kind = 'Group'"), "Leaver",
                identity(dir));

        assertThat(step(r, "Prune").changed()).isFalse();
        assertThat(skipped(step(r, "Prune"))).hasSize(1);
    }

    @Test
    void emptyRemoveSetMakesNoBulkCall() {
        BulkDirectory dir = new BulkDirectory(STAFF);
        engine.run(workflow(PruneEntitlementsStep.TYPE, "Kind = 'Group'; KeepPattern = 'CN=staff,*'"), "Leaver",
                identity(dir));

        assertThat(dir.calls).containsExactly("List(Group)");
    }

    @Test
    void bulkGrantEnsuresKeepEntriesAndReportsFailedGrantsAsSkipped() {
        BulkDirectory dir = new BulkDirectory(VPN);
        dir.refused.put(ADMINS, "Role-assignable group.");
        ExecutionResult r = engine.run(workflow(PruneEntitlementsEnsureKeepStep.TYPE,
                "Kind = 'Group'; Keep = @( @{ Id = '" + STAFF + "' }, @{ Id = '" + ADMINS + "' } )"), "Leaver",
                identity(dir));

        StepOutcome s = step(r, "Prune");
        assertThat(s.status()).isEqualTo(StepStatus.Completed);
        assertThat(dir.calls).containsExactly("List(Group)", "BulkRevoke [" + VPN + "]",
                "BulkGrant [" + STAFF + ", " + ADMINS + "]");
        assertThat(dir.held).extracting(Entitlement::id).containsExactly(STAFF);
        assertThat(skipped(s)).singleElement().satisfies(sk -> assertThat(sk.get("EntitlementId")).isEqualTo(ADMINS));
        assertThat(engine.events.ofType("Warning")).extracting(IdleEvent::message).containsExactly(
                "PruneEntitlements: failed to grant keep entitlement '" + ADMINS + "': Role-assignable group.");
        assertThat(engine.events.ofType("Information")).extracting(IdleEvent::message)
                .contains("PruneEntitlements: granted keep entitlement '" + STAFF + "'");
    }

    @Test
    void refusedPerItemRevokeIsSkippedAndTheNextItemIsStillRevoked() {
        Directory dir = new Directory(ADMINS, VPN);
        dir.refused.put(ADMINS, "Cannot remove the primary group.");
        ExecutionResult r = engine.run(workflow(PruneEntitlementsStep.TYPE, "Kind = 'Group'"), "Leaver",
                identity(dir));

        assertThat(dir.calls).containsExactly("List(Group)", "Revoke " + ADMINS, "Revoke " + VPN);
        assertThat(dir.held).extracting(Entitlement::id).containsExactly(ADMINS);
        assertThat(skipped(step(r, "Prune"))).extracting(sk -> sk.get("Reason"))
                .containsExactly("Cannot remove the primary group.");
    }
}
