package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void builtInCapabilitiesAreTheCatalogSpelledAsUpstreamSpellsThem() {
        assertThat(Capability.builtIns()).extracting(Capability::id).containsExactly(
                "IdLE.Identity.Read", "IdLE.Identity.List", "IdLE.Identity.Create", "IdLE.Identity.Delete",
                "IdLE.Identity.Disable", "IdLE.Identity.Enable", "IdLE.Identity.Move",
                "IdLE.Identity.Attribute.Ensure", "IdLE.Identity.RevokeSessions", "IdLE.Entitlement.List",
                "IdLE.Entitlement.Grant", "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Prune",
                "IdLE.Mailbox.Info.Read", "IdLE.Mailbox.Type.Ensure", "IdLE.Mailbox.OutOfOffice.Ensure",
                "IdLE.Mailbox.Permissions.Ensure", "IdLE.DirectorySync.Trigger", "IdLE.DirectorySync.Status");
    }

    @Test
    void onlyTheReadingCapabilitiesAreClassifiedRead() {
        assertThat(Capability.builtIns()).filteredOn(c -> c.access() == Access.READ).extracting(Capability::id)
                .containsExactly("IdLE.Identity.Read", "IdLE.Identity.List", "IdLE.Entitlement.List",
                        "IdLE.Mailbox.Info.Read", "IdLE.DirectorySync.Status");
        assertThat(Operation.of(EntitlementResolver.class).access()).isEqualTo(Access.READ);
        assertThat(Operation.of(BulkEntitlementRevoker.class).access()).isEqualTo(Access.WRITE);
        assertThat(Operation.of(BulkEntitlementGranter.class).access()).isEqualTo(Access.WRITE);
    }

    @Test
    void pruneIsDerivedFromListAndRevokeAndWritesBecauseRevokeWrites() {
        Capability prune = Capability.ENTITLEMENT_PRUNE;

        assertThat(prune.derived()).isTrue();
        assertThat(prune.operations()).extracting(Operation::contract)
                .containsExactly(EntitlementLister.class, EntitlementRevoker.class);
        assertThat(prune.access()).isEqualTo(Access.WRITE);
        assertThat(Capability.builtIns()).filteredOn(Capability::derived).containsExactly(prune);
    }

    @Test
    void methodNamesAreReadFromTheInterfacesDefinitions() {
        assertThat(Capability.IDENTITY_REVOKE_SESSIONS.method()).isEqualTo("RevokeSessions");
        assertThat(ProviderMethods.REVOKE_SESSIONS).isEqualTo("RevokeSessions");
        assertThat(ProviderMethods.LIST_IDENTITIES).isEqualTo("ListIdentities");
        assertThat(ProviderMethods.GET_SYNC_CYCLE_STATE).isEqualTo("GetSyncCycleState");
        assertThat(ProviderMethods.BULK_REVOKE_ENTITLEMENTS).isEqualTo("BulkRevokeEntitlements");
        assertThat(Operation.of(SessionRevoker.class)).hasToString("SessionRevoker.RevokeSessions");
    }

    @Test
    void theDeprecatedMailboxReadSpellingNamesMailboxInfoRead() {
        assertThat(Capability.MAILBOX_INFO_READ.isNamedBy(" idle.mailbox.read ")).isTrue();
        assertThat(Capability.MAILBOX_INFO_READ.isNamedBy("IdLE.Mailbox.Info.Read")).isTrue();
        assertThat(Capability.IDENTITY_READ.isNamedBy("IdLE.Mailbox.Read")).isFalse();
    }

    @Test
    void anInterfaceWithoutADefinitionIsRefusedNamingIt() {
        assertThatThrownBy(() -> Operation.of(Runnable.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Runnable").hasMessageContaining("@CapabilityContract");
        assertThatThrownBy(() -> Capability.of(EntitlementResolver.class))
                .hasMessageContaining("EntitlementResolver defines no capability");
    }

    @Test
    void aCapabilityIdMustBeDottedWords() {
        assertThatThrownBy(() -> Capability.derived("Prune everything", EntitlementLister.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Prune everything'");
    }

    // ----------------------------------------------------------------------------------- what is advertised

    /** Declares Disable before Read, and Delete through a sub-interface. */
    interface Deleting extends IdentityDeleter {
    }

    static class Directory implements Provider, IdentityDisabler, IdentityReader, EntitlementLister,
            EntitlementRevoker, Deleting {
        @Override
        public ProviderResult disableIdentity(String identityKey, AuthSession session) {
            return null;
        }

        @Override
        public Identity getIdentity(String identityKey, AuthSession session) {
            return null;
        }

        @Override
        public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
            return List.of();
        }

        @Override
        public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
            return null;
        }

        @Override
        public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
            return null;
        }
    }

    /** A subclass adding an interface: its own interfaces come before its superclass's. */
    static final class MovingDirectory extends Directory implements IdentityMover {
        @Override
        public ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
            return null;
        }
    }

    @Test
    void byDefaultAProviderAdvertisesWhatItImplementsInDeclarationOrderWithoutDerivedCapabilities() {
        assertThat(new Directory().capabilities()).containsExactly("IdLE.Identity.Disable", "IdLE.Identity.Read",
                "IdLE.Entitlement.List", "IdLE.Entitlement.Revoke", "IdLE.Identity.Delete");
        assertThat(new MovingDirectory().capabilities()).startsWith("IdLE.Identity.Move", "IdLE.Identity.Disable")
                .hasSize(6);
    }

    @Test
    void anAddedDerivedCapabilityFollowsTheLastCapabilityItIsBuiltOn() {
        AdvertisedCapabilities caps = AdvertisedCapabilities.implementedBy(new Directory())
                .plus(Capability.ENTITLEMENT_PRUNE);

        assertThat(caps.ids()).containsExactly("IdLE.Identity.Disable", "IdLE.Identity.Read",
                "IdLE.Entitlement.List", "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Prune", "IdLE.Identity.Delete");
        assertThat(caps.plus(Capability.ENTITLEMENT_PRUNE).ids()).as("added twice").hasSize(6);
        assertThat(caps.plus(Capability.DIRECTORY_SYNC_STATUS).ids()).as("unrelated: last")
                .endsWith("IdLE.DirectorySync.Status");
    }

    @Test
    void aWithheldCapabilityIsLeftOutAndTheOrderKept() {
        AdvertisedCapabilities caps = AdvertisedCapabilities.implementedBy(new Directory())
                .without(Capability.IDENTITY_READ);

        assertThat(caps.ids()).containsExactly("IdLE.Identity.Disable", "IdLE.Entitlement.List",
                "IdLE.Entitlement.Revoke", "IdLE.Identity.Delete");
    }

    @Test
    void aGuardedCapabilityIsWithheldUnlessItsGuardAllowsIt() {
        AdvertisedCapabilities caps = AdvertisedCapabilities.implementedBy(new Directory());

        assertThat(caps.withheldUnless(false, Capability.IDENTITY_DELETE).ids()).doesNotContain("IdLE.Identity.Delete");
        assertThat(caps.withheldUnless(true, Capability.IDENTITY_DELETE).ids()).contains("IdLE.Identity.Delete");
    }
}
