package dev.idle.testkit;

import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.DirectorySyncStatus;
import dev.idle.spi.DirectorySyncTrigger;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityMover;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.MailboxPermissionsEnsurer;
import dev.idle.spi.MailboxReader;
import dev.idle.spi.MailboxTypeEnsurer;
import dev.idle.spi.OutOfOfficeEnsurer;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.SessionRevoker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which SPI interface (and IdLE method) stands behind each capability id of the catalog. The
 * contract suite checks advertised capabilities against it; provider authors can read it as the to-do list of a
 * capability.
 */
public final class CapabilityCatalog {

    /** One SPI method: the interface a provider implements and IdLE's name of the method. */
    public record Method(Class<?> contract, String name) {
        @Override
        public String toString() {
            return contract.getSimpleName() + "." + name;
        }
    }

    /**
     * What a capability needs.
     *
     * @param methods the methods a provider advertising the capability must implement (all of them); empty when the
     *                SPI has no method for it yet, so it cannot be verified
     * @param derived true when the capability is a permission built on other methods (such as {@code Prune} on list
     *                and revoke): implementing those methods does not oblige a provider to advertise it
     */
    public record Backing(String capability, List<Method> methods, boolean derived) {
        public Backing {
            methods = List.copyOf(methods);
        }

        /** False when the SPI defines no method for the capability. */
        public boolean verifiable() {
            return !methods.isEmpty();
        }

        /** True when {@code provider} implements every method. */
        public boolean implementedBy(Object provider) {
            return verifiable() && methods.stream().allMatch(m -> m.contract().isInstance(provider));
        }
    }

    public static final String IDENTITY_READ = "IdLE.Identity.Read";
    public static final String IDENTITY_LIST = "IdLE.Identity.List";
    public static final String IDENTITY_CREATE = "IdLE.Identity.Create";
    public static final String IDENTITY_DELETE = "IdLE.Identity.Delete";
    public static final String IDENTITY_DISABLE = "IdLE.Identity.Disable";
    public static final String IDENTITY_ENABLE = "IdLE.Identity.Enable";
    public static final String IDENTITY_MOVE = "IdLE.Identity.Move";
    public static final String IDENTITY_ATTRIBUTE_ENSURE = "IdLE.Identity.Attribute.Ensure";
    public static final String IDENTITY_REVOKE_SESSIONS = "IdLE.Identity.RevokeSessions";
    public static final String ENTITLEMENT_LIST = "IdLE.Entitlement.List";
    public static final String ENTITLEMENT_GRANT = "IdLE.Entitlement.Grant";
    public static final String ENTITLEMENT_REVOKE = "IdLE.Entitlement.Revoke";
    public static final String ENTITLEMENT_PRUNE = "IdLE.Entitlement.Prune";
    public static final String MAILBOX_INFO_READ = "IdLE.Mailbox.Info.Read";
    public static final String MAILBOX_TYPE_ENSURE = "IdLE.Mailbox.Type.Ensure";
    public static final String MAILBOX_OUT_OF_OFFICE_ENSURE = "IdLE.Mailbox.OutOfOffice.Ensure";
    public static final String MAILBOX_PERMISSIONS_ENSURE = "IdLE.Mailbox.Permissions.Ensure";
    public static final String DIRECTORY_SYNC_TRIGGER = "IdLE.DirectorySync.Trigger";
    public static final String DIRECTORY_SYNC_STATUS = "IdLE.DirectorySync.Status";

    private static final Map<String, Backing> BACKINGS = new LinkedHashMap<>();

    static {
        one(IDENTITY_READ, IdentityReader.class, ProviderMethods.GET_IDENTITY);
        // ListIdentities has no SPI interface yet; the capability is accepted but cannot be checked.
        BACKINGS.put(IDENTITY_LIST, new Backing(IDENTITY_LIST, List.of(), false));
        one(IDENTITY_CREATE, IdentityCreator.class, ProviderMethods.CREATE_IDENTITY);
        one(IDENTITY_DELETE, IdentityDeleter.class, ProviderMethods.DELETE_IDENTITY);
        one(IDENTITY_DISABLE, IdentityDisabler.class, ProviderMethods.DISABLE_IDENTITY);
        one(IDENTITY_ENABLE, IdentityEnabler.class, ProviderMethods.ENABLE_IDENTITY);
        one(IDENTITY_MOVE, IdentityMover.class, ProviderMethods.MOVE_IDENTITY);
        one(IDENTITY_ATTRIBUTE_ENSURE, AttributeEnsurer.class, ProviderMethods.ENSURE_ATTRIBUTE);
        one(IDENTITY_REVOKE_SESSIONS, SessionRevoker.class, ProviderMethods.REVOKE_SESSIONS);
        one(ENTITLEMENT_LIST, EntitlementLister.class, ProviderMethods.LIST_ENTITLEMENTS);
        one(ENTITLEMENT_GRANT, EntitlementGranter.class, ProviderMethods.GRANT_ENTITLEMENT);
        one(ENTITLEMENT_REVOKE, EntitlementRevoker.class, ProviderMethods.REVOKE_ENTITLEMENT);
        // The prune steps list, then revoke (and the EnsureKeep variant grants through EnsureEntitlement's methods).
        BACKINGS.put(ENTITLEMENT_PRUNE, new Backing(ENTITLEMENT_PRUNE, List.of(
                new Method(EntitlementLister.class, ProviderMethods.LIST_ENTITLEMENTS),
                new Method(EntitlementRevoker.class, ProviderMethods.REVOKE_ENTITLEMENT)), true));
        one(MAILBOX_INFO_READ, MailboxReader.class, ProviderMethods.GET_MAILBOX);
        one(MAILBOX_TYPE_ENSURE, MailboxTypeEnsurer.class, ProviderMethods.ENSURE_MAILBOX_TYPE);
        one(MAILBOX_OUT_OF_OFFICE_ENSURE, OutOfOfficeEnsurer.class, ProviderMethods.ENSURE_OUT_OF_OFFICE);
        one(MAILBOX_PERMISSIONS_ENSURE, MailboxPermissionsEnsurer.class, ProviderMethods.ENSURE_MAILBOX_PERMISSIONS);
        one(DIRECTORY_SYNC_TRIGGER, DirectorySyncTrigger.class, ProviderMethods.START_SYNC_CYCLE);
        one(DIRECTORY_SYNC_STATUS, DirectorySyncStatus.class, ProviderMethods.GET_SYNC_CYCLE_STATE);
    }

    private CapabilityCatalog() {
    }

    private static void one(String capability, Class<?> contract, String method) {
        BACKINGS.put(capability, new Backing(capability, List.of(new Method(contract, method)), false));
    }

    /** Every catalog capability with its backing, in catalog order. */
    public static Map<String, Backing> all() {
        return java.util.Collections.unmodifiableMap(BACKINGS);
    }

    /**
     * The backing of a catalog capability, or empty for an id outside the catalog. Ids match ignoring case, as the
     * planner matches them, and the deprecated {@code IdLE.Mailbox.Read} stands for {@code IdLE.Mailbox.Info.Read}.
     */
    public static Optional<Backing> backing(String capability) {
        if (capability == null) {
            return Optional.empty();
        }
        String id = capability.trim();
        if (id.equalsIgnoreCase("IdLE.Mailbox.Read")) {
            id = MAILBOX_INFO_READ;
        }
        for (Backing b : BACKINGS.values()) {
            if (b.capability().equalsIgnoreCase(id)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The capability a method interface stands for, when exactly one non-derived capability uses it. */
    public static Optional<String> capabilityOf(Class<?> contract) {
        return BACKINGS.values().stream()
                .filter(b -> !b.derived() && b.methods().size() == 1 && b.methods().get(0).contract() == contract)
                .map(Backing::capability)
                .findFirst();
    }
}
