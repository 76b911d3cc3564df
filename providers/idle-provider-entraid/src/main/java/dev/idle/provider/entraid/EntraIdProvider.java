package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AdvertisedCapabilities;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.AuthSession;
import dev.idle.spi.BulkEntitlementGranter;
import dev.idle.spi.BulkEntitlementRevoker;
import dev.idle.spi.BulkResult;
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
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.Sleeper;
import java.time.Duration;
import java.util.List;

/**
 * Microsoft Entra ID over Microsoft Graph v1.0 (plain HTTP and JSON, no Graph SDK). See
 * {@code docs/providers/entraid.md} for configuration, permissions and behaviour.
 *
 * <p>Identity keys: a key that is a GUID (the whole key) is an object id; a key with {@code @} is looked up as
 * {@code userPrincipalName}, then as {@code mail} (OData-escaped); anything else is rejected. Results echo the key
 * as given.
 *
 * <p>This class is the facade the engine sees: it states the capabilities (its {@code implements} clause) and
 * delegates each method to {@link IdentityLifecycle}, {@link AttributeUpdates} or {@link EntraEntitlements}, which
 * share the token and user lookup of {@link GraphUsers}.
 *
 * <p>Thread-safe: one instance serves every thread of a batch. Its parts hold no per-call state; the HTTP client is
 * the JDK's (thread-safe, one connection pool), tokens are cached per credential and fetched once per expiry under
 * that credential's lock ({@link GraphAuth}), and writes are paced by the JVM-wide limiter of their app and tenant.
 */
public final class EntraIdProvider implements Provider, IdentityReader, IdentityLister, IdentityCreator,
        AttributeEnsurer, IdentityDisabler, IdentityEnabler, SessionRevoker, EntitlementLister, EntitlementGranter,
        EntitlementRevoker, EntitlementResolver, BulkEntitlementGranter, BulkEntitlementRevoker, IdentityDeleter {

    private final String alias;
    private final GraphClient graph;
    private final boolean allowDelete;
    private final IdentityLifecycle identities;
    private final AttributeUpdates attributes;
    private final EntraEntitlements entitlements;
    private final GraphUsers users;
    private final List<String> capabilities;

    EntraIdProvider(String alias, GraphClient graph, GraphAuth auth, boolean allowDelete, int pageSize,
                    int batchRetries, Duration maxBatchWait, Sleeper sleeper, ObjectMapper json) {
        this.alias = alias;
        this.graph = graph;
        this.allowDelete = allowDelete;
        GraphUsers users = new GraphUsers(alias, graph, auth);
        this.users = users;
        GraphBatch batch = new GraphBatch(graph, json, batchRetries, maxBatchWait, sleeper);
        this.identities = new IdentityLifecycle(alias, graph, users, allowDelete, pageSize, json);
        this.attributes = new AttributeUpdates(graph, users, json);
        this.entitlements = new EntraEntitlements(graph, users, pageSize, batch, json);
        // fixed by the class and allowDelete; worked out once, as every plan of a batch asks for it
        this.capabilities = List.copyOf(AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(allowDelete, Capability.IDENTITY_DELETE).ids());
    }

    /**
     * The rate-limit target of calls made for {@code session} (the provider's own credentials when null): see
     * {@link dev.idle.provider.support.ratelimit.RateLimits}. Fetches a token when none is cached.
     */
    String rateTarget(AuthSession session) {
        return graph.rateTarget(users.token(session));
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return capabilities;
    }

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        return identities.getIdentity(identityKey, session);
    }

    /**
     * {@code ListIdentities}: the object ids of all users, or of those whose UPN or display name starts with
     * {@code Filter.Search}.
     */
    @Override
    public List<String> listIdentities(DataMap filter, AuthSession session) {
        return identities.listIdentities(filter, session);
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
        return identities.setEnabled(identityKey, false, session, ProviderMethods.DISABLE_IDENTITY);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return identities.setEnabled(identityKey, true, session, ProviderMethods.ENABLE_IDENTITY);
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        return attributes.ensureAttribute(identityKey, name, value, session);
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        return identities.revokeSessions(identityKey, session);
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
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        return entitlements.resolveEntitlement(kind, entitlement, session);
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return entitlements.grantEntitlement(identityKey, entitlement, session);
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return entitlements.revokeEntitlement(identityKey, entitlement, session);
    }

    @Override
    public List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements,
                                                  AuthSession session) {
        return this.entitlements.bulk(identityKey, entitlements, session, true);
    }

    @Override
    public List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements,
                                                   AuthSession session) {
        return this.entitlements.bulk(identityKey, entitlements, session, false);
    }

    @Override
    public String toString() {
        return "EntraIdProvider[" + alias + ", " + graph.baseUrl() + "]";
    }
}
