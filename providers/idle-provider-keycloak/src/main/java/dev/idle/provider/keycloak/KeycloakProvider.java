package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.RetryPolicy;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.provider.support.retry.InCallRetry;
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
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keycloak 26 through its admin REST API ({@code /admin/realms/{realm}/...}).
 *
 * <p>Identity key: a user id, a username or an email address (tried in that order; usernames and emails match
 * ignoring case, as Keycloak stores them in lower case). Entitlements: kind {@code Group} (id = group path such as
 * {@code /staff/finance}; a group id or a top-level group name is accepted on input) and kind {@code RealmRole} (id =
 * role name). {@code RevokeSessions} lists the user's sessions, logs the user out and, with
 * {@code revokeOfflineTokens}, revokes the offline tokens held for each client; it reports a change only when
 * something existed.
 *
 * <p>Every method accepts an auth session: {@code OAuth} (a bearer token used as is) or {@code ClientSecret}
 * ({@code clientId}, secret, and the client's realm in {@code realm} or {@code tenantId}). Without one, the
 * provider's own {@code auth} is used.
 */
public final class KeycloakProvider implements Provider, IdentityReader, IdentityCreator, AttributeEnsurer,
        IdentityDisabler, IdentityEnabler, SessionRevoker, EntitlementLister, EntitlementGranter, EntitlementRevoker,
        EntitlementResolver, IdentityDeleter {

    static final String KIND_GROUP = "Group";
    static final String KIND_REALM_ROLE = "RealmRole";
    private static final Pattern UUID_LIKE = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int PAGE = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Attribute names (lower case) that map to fields of Keycloak's user representation. */
    private static final Map<String, String> ROOT_FIELDS = Map.ofEntries(
            Map.entry("username", "username"), Map.entry("firstname", "firstName"), Map.entry("givenname", "firstName"),
            Map.entry("lastname", "lastName"), Map.entry("surname", "lastName"), Map.entry("email", "email"),
            Map.entry("emailaddress", "email"), Map.entry("mail", "email"), Map.entry("emailverified", "emailVerified"));
    private static final Set<String> CREATE_ONLY = Set.of("enabled", "password", "temporarypassword", "groups",
            "requiredactions", "attributes");

    /** A 401 answer to a cached token is sent again once, at once, with a renewed token. */
    private static final RetryPolicy<KeycloakHttp.Reply> RENEW_ONCE = RetryPolicy.<KeycloakHttp.Reply>builder()
            .handleResultIf(reply -> reply.status() == 401).withMaxRetries(1).build();
    /** Renewal never waits, so it needs no sleeper a test would replace. */
    private static final InCallRetry RENEWAL = new InCallRetry(Sleeper.SYSTEM);

    private final KeycloakConfig config;
    private final KeycloakHttp http;
    private final URI adminBase;
    private final ClientCredentialsTokens defaultTokens;
    private final Map<String, ClientCredentialsTokens> sessionTokens = new ConcurrentHashMap<>();
    private final Clock clock;

    KeycloakProvider(KeycloakConfig config) {
        this(config, Clock.systemUTC());
    }

    KeycloakProvider(KeycloakConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.sslContext() != null) {
            b.sslContext(config.sslContext());
        }
        this.http = new KeycloakHttp(b.build(), config.timeout());
        this.adminBase = URI.create(config.baseUrl() + "/admin/realms/" + KeycloakHttp.enc(config.realm()) + "/");
        KeycloakConfig.ClientAuth a = config.auth();
        this.defaultTokens = a == null ? null
                : new ClientCredentialsTokens(http, config.baseUrl(), a.realm(), a.clientId(), a.secret(), clock);
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

    // ---------------------------------------------------------------- identities

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        return new Identity(identityKey, user.path("enabled").asBoolean(false), attributes(user));
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        Call call = call(session);
        if (findUser(call, requireKey(identityKey)) != null) {
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        }
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        ObjectNode rep = NODES.objectNode();
        ObjectNode custom = NODES.objectNode();
        rep.put("enabled", attrs.get("Enabled") == null || Values.truthy(attrs.get("Enabled")));
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            if (ROOT_FIELDS.containsKey(lower)) {
                String field = ROOT_FIELDS.get(lower);
                if (field.equals("emailVerified")) {
                    rep.put(field, Values.truthy(v));
                } else if (v != null) {
                    rep.put(field, Values.ps(v));
                }
            } else if (lower.equals("groups")) {
                ArrayNode groups = rep.putArray("groups");
                strings(v).forEach(g -> groups.add(g.startsWith("/") ? g : "/" + g));
            } else if (lower.equals("requiredactions")) {
                ArrayNode actions = rep.putArray("requiredActions");
                strings(v).forEach(actions::add);
            } else if (lower.equals("password")) {
                if (v != null) {
                    ObjectNode cred = rep.putArray("credentials").addObject();
                    cred.put("type", "password");
                    cred.put("value", v instanceof Secret s ? s.reveal() : Values.ps(v));
                    cred.put("temporary", attrs.get("TemporaryPassword") == null
                            || Values.truthy(attrs.get("TemporaryPassword")));
                }
            } else if (lower.equals("attributes")) {
                if (v instanceof Map<?, ?> m) {
                    m.forEach((k, av) -> putCustom(custom, String.valueOf(k), av));
                } else if (v != null) {
                    throw new IllegalArgumentException("Keycloak CreateIdentity: 'Attributes' must be a map of custom"
                            + " attribute names to values.");
                }
            } else if (!lower.equals("enabled") && !lower.equals("temporarypassword")) {
                putCustom(custom, e.getKey(), v);
            }
        }
        if (!rep.hasNonNull("username")) {
            rep.put("username", identityKey);
        }
        if (!rep.hasNonNull("email") && identityKey.contains("@")) {
            rep.put("email", identityKey);
        }
        if (!custom.isEmpty()) {
            rep.set("attributes", custom);
        }
        String what = "POST users (create '" + identityKey + "')";
        call.check(call.send("POST", "users", rep, what), what);
        return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, true);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!config.allowDelete()) {
            throw new IllegalStateException("Delete capability is not enabled. Set allowDelete: true in the options of"
                    + " Keycloak provider '" + config.alias() + "'.");
        }
        Call call = call(session);
        JsonNode user = findUser(call, requireKey(identityKey));
        if (user == null) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        String path = "users/" + KeycloakHttp.enc(user.path("id").asText());
        KeycloakHttp.Reply r = call.send("DELETE", path, null, "DELETE " + path);
        if (r.status() == 404) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        call.check(r, "DELETE " + path);
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setEnabled(identityKey, false, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setEnabled(identityKey, true, session);
    }

    private ProviderResult setEnabled(String identityKey, boolean enabled, AuthSession session) {
        String op = enabled ? ProviderMethods.ENABLE_IDENTITY : ProviderMethods.DISABLE_IDENTITY;
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        if (user.path("enabled").asBoolean(false) == enabled) {
            return ProviderResult.of(op, identityKey, false);
        }
        ObjectNode rep = updatable(user);
        rep.put("enabled", enabled);
        put(call, user, rep);
        return ProviderResult.of(op, identityKey, true);
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("EnsureAttribute: attribute name must not be empty.");
        }
        if (CREATE_ONLY.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Keycloak EnsureAttribute: '" + name + "' can only be given to"
                    + " CreateIdentity; use DisableIdentity/EnableIdentity or entitlements instead.");
        }
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        boolean changed = !sameValue(current(user, name), value);
        if (changed) {
            ObjectNode rep = updatable(user);
            String field = ROOT_FIELDS.get(name.toLowerCase(Locale.ROOT));
            if (field == null) {
                ObjectNode attrs = (ObjectNode) rep.get("attributes");
                String existing = fieldName(attrs, name);
                attrs.remove(existing == null ? name : existing);
                if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                    putCustom(attrs, existing == null ? name : existing, value);
                }
            } else if (field.equals("emailVerified")) {
                rep.put(field, Values.truthy(value));
            } else {
                rep.put(field, value == null ? "" : Values.ps(value));
            }
            put(call, user, rep);
            JsonNode after = call.get("users/" + KeycloakHttp.enc(user.path("id").asText()),
                    "GET users/{id} (verify " + name + ")");
            if (!sameValue(current(after, name), value)) {
                throw new ProviderException("Keycloak did not store attribute '" + name + "' of '" + identityKey
                        + "' in realm '" + config.realm() + "'. Declare it in the realm's user profile or set the"
                        + " user profile's unmanaged attribute policy to Enabled.");
            }
        }
        DataMap extras = new DataMap();
        extras.put("Name", name);
        extras.put("Value", value);
        return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed, extras);
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        String base = "users/" + KeycloakHttp.enc(user.path("id").asText());
        int sessions = call.get(base + "/sessions", "GET users/{id}/sessions").size();
        List<String> offlineClients = new ArrayList<>();
        if (config.revokeOfflineTokens()) {
            for (JsonNode consent : call.get(base + "/consents", "GET users/{id}/consents")) {
                if (holdsOfflineToken(consent)) {
                    offlineClients.add(consent.path("clientId").asText());
                }
            }
        }
        // Logged out even when nothing was listed: the call is cheap and also covers sessions created meanwhile.
        call.check(call.send("POST", base + "/logout", null, "POST users/{id}/logout"), "POST users/{id}/logout");
        for (String clientId : offlineClients) {
            String path = base + "/consents/" + KeycloakHttp.enc(clientId);
            KeycloakHttp.Reply r = call.send("DELETE", path, null, "DELETE users/{id}/consents/" + clientId);
            if (r.status() != 404) {
                call.check(r, "DELETE users/{id}/consents/" + clientId);
            }
        }
        DataMap extras = new DataMap();
        extras.put("SessionsRevoked", sessions);
        if (config.revokeOfflineTokens()) {
            extras.put("OfflineTokenClients", offlineClients);
        }
        return new ProviderResult(ProviderMethods.REVOKE_SESSIONS, identityKey, sessions > 0 || !offlineClients.isEmpty(),
                extras);
    }

    private static boolean holdsOfflineToken(JsonNode consent) {
        for (JsonNode grant : consent.path("additionalGrants")) {
            if (grant.path("key").asText("").toLowerCase(Locale.ROOT).contains("offline")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- entitlements

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return listEntitlements(identityKey, session, null);
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        String base = "users/" + KeycloakHttp.enc(user.path("id").asText());
        List<Entitlement> result = new ArrayList<>();
        if (kind == null || kind.equalsIgnoreCase(KIND_GROUP)) {
            for (JsonNode g : userGroups(call, base)) {
                result.add(group(g));
            }
        }
        if (kind == null || kind.equalsIgnoreCase(KIND_REALM_ROLE)) {
            for (JsonNode r : call.get(base + "/role-mappings/realm", "GET users/{id}/role-mappings/realm")) {
                result.add(Entitlement.of(KIND_REALM_ROLE, r.path("name").asText()));
            }
        }
        return result;
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return changeEntitlement(identityKey, entitlement, session, true);
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        return changeEntitlement(identityKey, entitlement, session, false);
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        Call call = call(session);
        Entitlement e = normalise(entitlement);
        if (e.kind().equals(KIND_GROUP)) {
            JsonNode g = findGroup(call, e.id());
            if (g == null) {
                throw new ProviderException("Group '" + e.id() + "' not found in Keycloak realm '" + config.realm() + "'.");
            }
            return group(g);
        }
        JsonNode role = findRole(call, e.id());
        if (role == null) {
            throw new ProviderException("Realm role '" + e.id() + "' not found in Keycloak realm '" + config.realm() + "'.");
        }
        return Entitlement.of(KIND_REALM_ROLE, role.path("name").asText());
    }

    private ProviderResult changeEntitlement(String identityKey, Entitlement entitlement, AuthSession session,
                                             boolean grant) {
        String op = grant ? ProviderMethods.GRANT_ENTITLEMENT : ProviderMethods.REVOKE_ENTITLEMENT;
        Entitlement e = normalise(entitlement);
        Call call = call(session);
        JsonNode user = requireUser(call, identityKey);
        String base = "users/" + KeycloakHttp.enc(user.path("id").asText());
        boolean changed;
        Entitlement canonical;
        if (e.kind().equals(KIND_GROUP)) {
            JsonNode g = findGroup(call, e.id());
            if (g == null) {
                if (grant) {
                    throw new ProviderException("Group '" + e.id() + "' not found in Keycloak realm '" + config.realm() + "'.");
                }
                return result(op, identityKey, false, e);
            }
            canonical = group(g);
            String groupId = g.path("id").asText();
            boolean member = false;
            for (JsonNode mine : userGroups(call, base)) {
                member |= mine.path("id").asText().equals(groupId);
            }
            changed = member != grant;
            if (changed) {
                String path = base + "/groups/" + KeycloakHttp.enc(groupId);
                call.check(call.send(grant ? "PUT" : "DELETE", path, null, (grant ? "PUT " : "DELETE ")
                        + "users/{id}/groups/{group " + canonical.id() + "}"), (grant ? "PUT " : "DELETE ")
                        + "users/{id}/groups/{group " + canonical.id() + "}");
            }
        } else {
            JsonNode role = findRole(call, e.id());
            if (role == null) {
                if (grant) {
                    throw new ProviderException("Realm role '" + e.id() + "' not found in Keycloak realm '"
                            + config.realm() + "'.");
                }
                return result(op, identityKey, false, e);
            }
            canonical = Entitlement.of(KIND_REALM_ROLE, role.path("name").asText());
            boolean member = false;
            for (JsonNode mine : call.get(base + "/role-mappings/realm", "GET users/{id}/role-mappings/realm")) {
                member |= mine.path("id").asText().equals(role.path("id").asText());
            }
            changed = member != grant;
            if (changed) {
                ArrayNode body = NODES.arrayNode();
                body.addObject().put("id", role.path("id").asText()).put("name", role.path("name").asText());
                String what = (grant ? "POST" : "DELETE") + " users/{id}/role-mappings/realm (" + canonical.id() + ")";
                call.check(call.send(grant ? "POST" : "DELETE", base + "/role-mappings/realm", body, what), what);
            }
        }
        return result(op, identityKey, changed, canonical);
    }

    private static ProviderResult result(String op, String identityKey, boolean changed, Entitlement e) {
        DataMap extras = new DataMap();
        extras.put("Entitlement", e.toData());
        return new ProviderResult(op, identityKey, changed, extras);
    }

    private static Entitlement normalise(Entitlement e) {
        if (e == null || e.kind() == null || e.kind().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Kind must not be empty.");
        }
        if (e.id() == null || e.id().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Id must not be empty.");
        }
        String kind = e.kind().trim();
        if (kind.equalsIgnoreCase(KIND_GROUP)) {
            return Entitlement.of(KIND_GROUP, e.id().trim());
        }
        if (kind.equalsIgnoreCase(KIND_REALM_ROLE)) {
            return Entitlement.of(KIND_REALM_ROLE, e.id().trim());
        }
        throw new IllegalArgumentException("Keycloak provider supports entitlement kinds Group and RealmRole, got '"
                + e.kind() + "'.");
    }

    private static Entitlement group(JsonNode g) {
        Entitlement e = Entitlement.of(KIND_GROUP, g.path("path").asText());
        e.extras().put("GroupId", g.path("id").asText());
        e.extras().put("DisplayName", g.path("name").asText());
        return e;
    }

    private List<JsonNode> userGroups(Call call, String base) {
        List<JsonNode> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = call.get(base + "/groups?briefRepresentation=true&first=" + first + "&max=" + PAGE,
                    "GET users/{id}/groups");
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /** A group by path ({@code /a/b}), by id, or by the name of a top-level group; null when none. */
    private JsonNode findGroup(Call call, String id) {
        if (!id.startsWith("/")) {
            if (UUID_LIKE.matcher(id).matches()) {
                KeycloakHttp.Reply r = call.send("GET", "groups/" + KeycloakHttp.enc(id), null, "GET groups/{id}");
                if (r.ok()) {
                    return r.body();
                }
                if (r.status() != 404) {
                    throw call.failure(r, "GET groups/{id}");
                }
            }
            id = "/" + id;
        }
        StringBuilder path = new StringBuilder("group-by-path");
        for (String segment : id.substring(1).split("/", -1)) {
            path.append('/').append(KeycloakHttp.enc(segment));
        }
        KeycloakHttp.Reply r = call.send("GET", path.toString(), null, "GET group-by-path " + id);
        if (r.status() == 404) {
            return null;
        }
        call.check(r, "GET group-by-path " + id);
        return r.body();
    }

    private JsonNode findRole(Call call, String name) {
        KeycloakHttp.Reply r = call.send("GET", "roles/" + KeycloakHttp.enc(name), null, "GET roles/" + name);
        if (r.status() == 404) {
            return null;
        }
        call.check(r, "GET roles/" + name);
        return r.body();
    }

    // ---------------------------------------------------------------- users

    private static String requireKey(String identityKey) {
        if (identityKey == null || identityKey.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        return identityKey.trim();
    }

    private JsonNode requireUser(Call call, String identityKey) {
        JsonNode user = findUser(call, requireKey(identityKey));
        if (user == null) {
            throw new ProviderException("Identity '" + identityKey + "' not found in Keycloak realm '"
                    + config.realm() + "' (looked up as user id, username and email).");
        }
        return user;
    }

    /** The full user representation for an id, a username or an email; null when there is none. */
    private JsonNode findUser(Call call, String key) {
        if (UUID_LIKE.matcher(key).matches()) {
            KeycloakHttp.Reply r = call.send("GET", "users/" + KeycloakHttp.enc(key), null, "GET users/{id}");
            if (r.ok()) {
                return r.body();
            }
            if (r.status() != 404) {
                throw call.failure(r, "GET users/{id}");
            }
        }
        JsonNode byName = single(call.get("users?exact=true&briefRepresentation=false&username=" + KeycloakHttp.enc(key),
                "GET users?username=" + key), "username", key);
        if (byName != null || !key.contains("@")) {
            return byName;
        }
        return single(call.get("users?exact=true&briefRepresentation=false&email=" + KeycloakHttp.enc(key),
                "GET users?email=" + key), "email", key);
    }

    private JsonNode single(JsonNode users, String field, String key) {
        List<JsonNode> matches = new ArrayList<>();
        users.forEach(u -> {
            if (u.path(field).asText("").equalsIgnoreCase(key)) {
                matches.add(u);
            }
        });
        if (matches.size() > 1) {
            throw new ProviderException("Identity key '" + key + "' matches " + matches.size() + " users by " + field
                    + " in Keycloak realm '" + config.realm() + "'; use the user id.");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    /** The fields of a user representation that a PUT may carry back. */
    private static ObjectNode updatable(JsonNode user) {
        ObjectNode rep = NODES.objectNode();
        for (String f : List.of("username", "enabled", "emailVerified", "firstName", "lastName", "email",
                "attributes", "requiredActions")) {
            if (user.has(f) && !user.get(f).isNull()) {
                rep.set(f, user.get(f).deepCopy());
            }
        }
        if (!rep.has("attributes")) {
            rep.putObject("attributes");
        }
        return rep;
    }

    private static void put(Call call, JsonNode user, ObjectNode rep) {
        String path = "users/" + KeycloakHttp.enc(user.path("id").asText());
        call.check(call.send("PUT", path, rep, "PUT users/{id}"), "PUT users/{id}");
    }

    private static DataMap attributes(JsonNode user) {
        DataMap a = new DataMap();
        a.put("Id", user.path("id").asText(null));
        a.put("Username", user.path("username").asText(null));
        putIfPresent(a, "FirstName", user.get("firstName"));
        putIfPresent(a, "LastName", user.get("lastName"));
        putIfPresent(a, "Email", user.get("email"));
        a.put("EmailVerified", user.path("emailVerified").asBoolean(false));
        if (user.has("createdTimestamp")) {
            a.put("CreatedTimestamp", user.get("createdTimestamp").asLong());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = user.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ROOT_FIELDS.containsKey(e.getKey().toLowerCase(Locale.ROOT)) || a.containsKey(e.getKey())) {
                continue;
            }
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            a.put(e.getKey(), values.size() == 1 ? values.get(0) : values);
        }
        return a;
    }

    private static void putIfPresent(DataMap a, String key, JsonNode v) {
        if (v != null && !v.isNull()) {
            a.put(key, v.asText());
        }
    }

    /** The current values of an attribute (root field or custom) as strings; empty when absent. */
    private static List<String> current(JsonNode user, String name) {
        String field = ROOT_FIELDS.get(name.toLowerCase(Locale.ROOT));
        if (field != null) {
            JsonNode v = user.get(field);
            if (field.equals("emailVerified")) {
                return List.of(String.valueOf(v != null && v.asBoolean(false)));
            }
            return v == null || v.isNull() || v.asText().isEmpty() ? List.of() : List.of(v.asText());
        }
        JsonNode attrs = user.path("attributes");
        String key = fieldName(attrs, name);
        List<String> values = new ArrayList<>();
        if (key != null) {
            attrs.get(key).forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static boolean sameValue(List<String> current, Object desired) {
        List<String> want = desired instanceof Boolean b ? List.of(String.valueOf(b)) : strings(desired);
        want.removeIf(String::isEmpty);
        if (want.size() != current.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equalsIgnoreCase(current.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String fieldName(JsonNode obj, String name) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static void putCustom(ObjectNode attrs, String name, Object value) {
        if (value == null) {
            return;
        }
        ArrayNode arr = attrs.putArray(name);
        strings(value).forEach(arr::add);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> {
                if (v != null) {
                    out.add(Values.ps(v));
                }
            });
        } else if (value != null) {
            out.add(Values.ps(value));
        }
        return out;
    }

    // ---------------------------------------------------------------- calls

    /** Credentials for the calls of one provider method. */
    private Call call(AuthSession session) {
        if (session == null) {
            if (defaultTokens == null) {
                throw new IllegalStateException("Keycloak provider '" + config.alias() + "' has no credentials:"
                        + " configure 'auth' in its host-file entry or name an auth session in the step.");
            }
            return new Call(defaultTokens, null);
        }
        Secret secret = session.secret();
        String type = session.type() == null ? "" : session.type();
        if (type.equalsIgnoreCase("OAuth")) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalStateException("Auth session '" + session.name() + "' carries no token.");
            }
            return new Call(null, secret.reveal());
        }
        if (type.equalsIgnoreCase("ClientSecret")) {
            DataMap a = session.attributes();
            String clientId = a.getString("clientId");
            if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
                throw new IllegalStateException("Auth session '" + session.name() + "' (ClientSecret) needs clientId and"
                        + " a secret.");
            }
            String realm = a.getString("realm") != null ? a.getString("realm")
                    : a.getString("tenantId") != null ? a.getString("tenantId") : config.realm();
            String cacheKey = realm + "\u0000" + clientId + "\u0000" + Integer.toHexString(secret.hashCode());
            ClientCredentialsTokens tokens = sessionTokens.computeIfAbsent(cacheKey, k ->
                    new ClientCredentialsTokens(http, config.baseUrl(), realm, clientId, () -> secret, clock));
            return new Call(tokens, null);
        }
        throw new IllegalArgumentException("Keycloak provider '" + config.alias() + "' accepts auth sessions of type"
                + " OAuth or ClientSecret, not '" + session.type() + "' (session '" + session.name() + "').");
    }

    /**
     * Admin calls with one set of credentials. A cached client-credentials token Keycloak rejects (401) is renewed
     * once, at once, under {@link #RENEW_ONCE}; a fixed (OAuth) token is not, and its 401 fails the call.
     */
    private final class Call {
        private final ClientCredentialsTokens tokens;
        private final String fixedToken;

        Call(ClientCredentialsTokens tokens, String fixedToken) {
            this.tokens = tokens;
            this.fixedToken = fixedToken;
        }

        private String token() {
            return fixedToken != null ? fixedToken : tokens.token();
        }

        String where(String what) {
            return what + " in realm '" + config.realm() + "'";
        }

        KeycloakHttp.Reply send(String method, String path, JsonNode body, String what) {
            if (tokens == null) {
                return sendOnce(method, path, body, what);
            }
            return RENEWAL.run(RENEW_ONCE, where(what), attempt -> {
                if (attempt > 1) {
                    tokens.invalidate();
                }
                return sendOnce(method, path, body, what);
            });
        }

        private KeycloakHttp.Reply sendOnce(String method, String path, JsonNode body, String what) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token());
            HttpRequest.BodyPublisher publisher = null;
            if (body != null) {
                headers.put("Content-Type", "application/json");
                publisher = KeycloakHttp.json(body);
            }
            return http.send(method, adminBase.resolve(path), headers, publisher, where(what));
        }

        JsonNode get(String path, String what) {
            KeycloakHttp.Reply r = send("GET", path, null, what);
            check(r, what);
            return r.body();
        }

        void check(KeycloakHttp.Reply r, String what) {
            if (!r.ok()) {
                throw failure(r, what);
            }
        }

        ProviderException failure(KeycloakHttp.Reply r, String what) {
            return http.failure(r, where(what), fixedToken == null ? List.of() : List.of(fixedToken));
        }
    }
}
