package dev.idle.provider.keycloak;

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
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionCounter;
import dev.idle.spi.SessionRevoker;
import java.time.Clock;
import java.util.List;

/**
 * Keycloak 26 through its admin REST API ({@code /admin/realms/{realm}/...}).
 *
 * <p>Identity key: a user id, a username or an email address (tried in that order; usernames and emails match
 * ignoring case, as Keycloak stores them in lower case). Entitlements: kind {@code Group} (id = group path such as
 * {@code /staff/finance}; a group id or a top-level group name is accepted on input) and kind {@code RealmRole} (id =
 * role name). {@code RevokeSessions} lists the user's sessions, logs the user out and, with
 * {@code revokeOfflineTokens}, revokes the offline tokens held for each client; it reports a change only when
 * something existed, and {@code CountSessions} (for plan previews) counts that something without changing it.
 *
 * <p>Every method accepts an auth session: {@code OAuth} (a bearer token used as is) or {@code ClientSecret}
 * ({@code clientId}, secret, and the client's realm in {@code realm} or {@code tenantId}). Without one, the
 * provider's own {@code auth} is used.
 *
 * <p>This class is the facade the engine sees: it states the capabilities (its {@code implements} clause) and
 * delegates each method to {@link IdentityLifecycle}, {@link SessionRevocation} or {@link KeycloakEntitlements}, which
 * share the credentials of {@link AdminCalls} and the user lookup of {@link UserLookup}. Thread-safe.
 */
public final class KeycloakProvider implements Provider, IdentityReader, IdentityCreator, AttributeEnsurer,
        IdentityDisabler, IdentityEnabler, SessionRevoker, SessionCounter, EntitlementLister, EntitlementGranter,
        EntitlementRevoker,
        EntitlementResolver, IdentityDeleter {

    private final KeycloakConfig config;
    private final IdentityLifecycle identities;
    private final SessionRevocation sessions;
    private final KeycloakEntitlements entitlements;

    KeycloakProvider(KeycloakConfig config) {
        this(config, Clock.systemUTC());
    }

    KeycloakProvider(KeycloakConfig config, Clock clock) {
        this.config = config;
        AdminCalls calls = new AdminCalls(config, clock);
        UserLookup users = new UserLookup(config.realm());
        this.identities = new IdentityLifecycle(config, calls, users);
        this.sessions = new SessionRevocation(config, calls, users);
        this.entitlements = new KeycloakEntitlements(config, calls, users);
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(config.allowDelete(), Capability.IDENTITY_DELETE).ids();
    }

    @Override
    public String toString() {
        return "KeycloakProvider[" + config.alias() + ", " + config.baseUrl() + ", realm " + config.realm() + "]";
    }

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return identities.getIdentity(identityKey, session);
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        return identities.createIdentity(identityKey, attributes, session);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        return identities.deleteIdentity(identityKey, session);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return identities.setEnabled(identityKey, false, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return identities.setEnabled(identityKey, true, session);
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        return identities.ensureAttribute(identityKey, name, value, session);
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        return sessions.revokeSessions(identityKey, session);
    }

    @Override
    public int countSessions(String identityKey, AuthSession session) {
        return sessions.countSessions(identityKey, session);
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return listEntitlements(identityKey, session, null);
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        return entitlements.listEntitlements(identityKey, session, kind);
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return entitlements.changeEntitlement(identityKey, entitlement, session, true);
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return entitlements.changeEntitlement(identityKey, entitlement, session, false);
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        return entitlements.resolveEntitlement(entitlement, session);
    }
}
