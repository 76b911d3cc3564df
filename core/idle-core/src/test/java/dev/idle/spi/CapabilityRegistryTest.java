package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityRegistryTest {
    private final CapabilityRegistry registry = CapabilityRegistry.builtIn();

    /** An extension's capability interface. */
    @CapabilityContract(id = "Acme.Badge.Revoke", method = "RevokeBadge", access = Access.WRITE,
            aliases = "Acme.Badges.Revoke")
    interface BadgeRevoker {
        ProviderResult revokeBadge(String identityKey, AuthSession session);
    }

    /** Another definition of a built-in id. */
    @CapabilityContract(id = "idle.identity.read", method = "ReadIt", access = Access.READ)
    interface RivalReader {
    }

    /** Advertises what it is told; implements only {@link IdentityReader}. */
    record Reader(List<String> capabilities) implements Provider, IdentityReader {
        @Override
        public Identity getIdentity(String identityKey, AuthSession session) {
            return null;
        }
    }

    /** Implements list only, advertises what it is told. */
    record Lister(List<String> capabilities) implements Provider, EntitlementLister {
        @Override
        public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
            return List.of();
        }
    }

    private static CapabilityPack pack(Capability... capabilities) {
        return () -> List.of(capabilities);
    }

    @Test
    void providerAdvertisingAnUnimplementedCapabilityIsRefusedNamingProviderAndCapability() {
        Reader liar = new Reader(List.of("IdLE.Identity.Read", "IdLE.Identity.RevokeSessions"));

        assertThatThrownBy(() -> registry.requireImplemented("Identity", "liar", liar))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Provider 'Identity' (type 'liar', " + Reader.class.getName() + ") advertises capability"
                        + " 'IdLE.Identity.RevokeSessions' (needs SessionRevoker.RevokeSessions) but does not"
                        + " implement it. Implement the interface or stop advertising the capability.");
    }

    @Test
    void everyUnimplementedCapabilityIsNamedOnce() {
        Reader liar = new Reader(List.of("IdLE.Identity.Delete", "IdLE.Identity.Move", "idle.identity.delete"));

        assertThat(registry.advertisedButNotImplemented(liar)).containsExactly(Capability.IDENTITY_DELETE,
                Capability.IDENTITY_MOVE);
        assertThatThrownBy(() -> registry.requireImplemented("AD", "ad", liar))
                .hasMessageContaining("capabilities 'IdLE.Identity.Delete' (needs IdentityDeleter.DeleteIdentity),"
                        + " 'IdLE.Identity.Move' (needs IdentityMover.MoveIdentity) but does not implement them");
    }

    @Test
    void implementedButWithheldCapabilityIsAccepted() {
        assertThatCode(() -> registry.requireImplemented("Identity", "reader", new Reader(List.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void anAdvertisedDerivedCapabilityNeedsAllItsOperations() {
        Lister lister = new Lister(List.of("IdLE.Entitlement.List", "IdLE.Entitlement.Prune"));

        assertThatThrownBy(() -> registry.requireImplemented("Identity", "lister", lister))
                .hasMessageContaining("'IdLE.Entitlement.Prune' (needs EntitlementRevoker.RevokeEntitlement)");
    }

    @Test
    void theDeprecatedAliasIsHeldToTheCapabilityItNames() {
        Reader reader = new Reader(List.of("IdLE.Mailbox.Read"));

        assertThat(registry.find("IdLE.Mailbox.Read")).contains(Capability.MAILBOX_INFO_READ);
        assertThat(registry.canonicalId(" idle.mailbox.read ")).isEqualTo("IdLE.Mailbox.Info.Read");
        assertThatThrownBy(() -> registry.requireImplemented("Exo", "reader", reader))
                .hasMessageContaining("'IdLE.Mailbox.Info.Read' (needs MailboxReader.GetMailbox)");
    }

    @Test
    void capabilitiesWithoutAKnownDefinitionAreNotChecked() {
        Reader reader = new Reader(List.of("Acme.Badge.Revoke", "IdLE.Identity.Read"));

        assertThatCode(() -> registry.requireImplemented("Identity", "reader", reader)).doesNotThrowAnyException();
        assertThat(registry.canonicalId(" Acme.Unknown ")).isEqualTo("Acme.Unknown");
    }

    @Test
    void aPacksCapabilityIsHeldToItsInterface() {
        CapabilityRegistry withPack = CapabilityRegistry.of(List.of(pack(Capability.of(BadgeRevoker.class))));
        Reader reader = new Reader(List.of("acme.badges.revoke"));

        assertThat(withPack.find("ACME.BADGE.REVOKE")).map(Capability::access).contains(Access.WRITE);
        assertThat(withPack.all()).hasSize(Capability.builtIns().size() + 1).last()
                .extracting(Capability::id).isEqualTo("Acme.Badge.Revoke");
        assertThatThrownBy(() -> withPack.requireImplemented("Badges", "acme", reader))
                .hasMessageContaining("'Acme.Badge.Revoke' (needs BadgeRevoker.RevokeBadge)");
    }

    @Test
    void aPackRedefiningABuiltInIdIsRefusedNamingBothSources() {
        CapabilityPack rival = pack(Capability.of(RivalReader.class));

        assertThatThrownBy(() -> CapabilityRegistry.of(List.of(rival)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Capability 'idle.identity.read' is defined twice: by IdLE (built-in)"
                        + " ([IdentityReader.GetIdentity]) and by " + rival.getClass().getName()
                        + " ([RivalReader.ReadIt])");
    }

    @Test
    void twoPacksClaimingOneAliasAreRefused() {
        CapabilityPack first = pack(Capability.of(BadgeRevoker.class));
        CapabilityPack second = pack(new Capability("Acme.Badges.Revoke", List.of(Operation.of(SessionRevoker.class)),
                false, List.of()));

        assertThatThrownBy(() -> CapabilityRegistry.of(List.of(first, second)))
                .hasMessageContaining("Capability 'Acme.Badges.Revoke' is defined twice");
    }

    @Test
    void aPackRepeatingABuiltInDefinitionIsNoConflict() {
        assertThat(CapabilityRegistry.of(List.of(pack(Capability.IDENTITY_READ))).all())
                .hasSameSizeAs(Capability.builtIns());
    }
}
