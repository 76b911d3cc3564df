package dev.idle.provider.ad;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AdvertisedCapabilities;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Capability;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementResolver;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.IdentityLister;
import dev.idle.spi.IdentityMover;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderResult;
import java.util.List;

/**
 * Active Directory over LDAP (LDAPS or StartTLS only). Identity keys are objectGUIDs (any .NET GUID format),
 * distinguished names, user principal names (containing {@code @}) or sAMAccountNames; entitlements are groups
 * identified by DN. Every method takes an optional {@code Credential} auth session; without one the provider's own
 * bind credential is used. LDAP failures surface as {@link dev.idle.spi.ProviderException}s (connection problems
 * marked transient), invalid requests as {@link IllegalArgumentException}s before the directory is contacted.
 *
 * <p>This class is the provider's face: it states what the provider can do and hands each operation to the
 * package-private class that does it ({@link AdIdentities}, {@link AdAccountCreation}, {@link AdAttributeUpdates},
 * {@link AdGroups}, all finding objects through {@link AdDirectory} and running calls through {@link AdCalls}).
 * Thread-safe.
 */
public final class AdProvider implements Provider, IdentityReader, IdentityLister, IdentityCreator, AttributeEnsurer,
        IdentityMover, IdentityDisabler, IdentityEnabler, EntitlementLister, EntitlementGranter, EntitlementRevoker,
        EntitlementResolver, IdentityDeleter {

    static final String DOCS = "docs/providers/ad.md";

    private final AdSettings settings;
    private final AdCalls calls;
    private final AdIdentities identities;
    private final AdAccountCreation creation;
    private final AdAttributeUpdates attributes;
    private final AdGroups groups;

    AdProvider(AdSettings settings, Connections connections) {
        this.settings = settings;
        this.calls = new AdCalls(settings, connections);
        AdDirectory directory = new AdDirectory(settings);
        this.identities = new AdIdentities(settings, calls, directory);
        this.creation = new AdAccountCreation(settings, calls, directory);
        this.attributes = new AdAttributeUpdates(calls, directory);
        this.groups = new AdGroups(calls, directory);
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(settings.allowDelete(), Capability.IDENTITY_DELETE).ids();
    }

    @Override
    public String whyNot(String capability) {
        if (Capability.IDENTITY_REVOKE_SESSIONS.isNamedBy(capability)) {
            return "Active Directory cannot revoke sessions: Kerberos tickets (and NTLM sessions) already issued stay "
                    + "valid until they expire, whatever is changed in the directory. Disable the account, reset its "
                    + "password twice, and revoke cloud sessions in Entra ID (an Entra ID provider alias); see "
                    + DOCS + ".";
        }
        if (Capability.IDENTITY_DELETE.isNamedBy(capability) && !settings.allowDelete()) {
            return "deleting is off for this AD provider; set 'allowDelete: true' in its host-file entry (see "
                    + DOCS + ").";
        }
        return null;
    }

    // ---------------------------------------------------------------- identities

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return identities.getIdentity(identityKey, session);
    }

    /**
     * {@code ListIdentities}: the objectGUIDs of all users, or of those whose sAMAccountName or UPN starts with
     * {@code filter.Search}.
     */
    @Override
    public List<String> listIdentities(DataMap filter, AuthSession session) {
        return identities.listIdentities(filter, session);
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        return creation.createIdentity(identityKey, attributes, session);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        return identities.deleteIdentity(identityKey, session);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return identities.disableIdentity(identityKey, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return identities.enableIdentity(identityKey, session);
    }

    @Override
    public ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
        return identities.moveIdentity(identityKey, targetContainer, session);
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        return attributes.ensureAttribute(identityKey, name, value, session);
    }

    // ---------------------------------------------------------------- entitlements

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return groups.listEntitlements(identityKey, session);
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        return groups.listEntitlements(identityKey, session, kind);
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return groups.grantEntitlement(identityKey, entitlement, session);
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return groups.revokeEntitlement(identityKey, entitlement, session);
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        return groups.resolveEntitlement(entitlement, session);
    }

    @Override
    public void close() {
        calls.close();
    }
}
