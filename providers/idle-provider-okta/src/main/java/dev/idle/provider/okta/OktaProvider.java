package dev.idle.provider.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
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
import dev.idle.spi.SessionRevoker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * IdLE provider for Okta (Management API v1, {@code /api/v1}). See {@code docs/providers/okta.md}.
 *
 * <ul>
 *   <li>Identity key: the user's id ({@code 00u...}), login, login short name, or primary email (looked up with
 *       {@code search=profile.email eq "..."} when it is not a login).</li>
 *   <li>Disable / Enable: {@code lifecycle/suspend} / {@code lifecycle/unsuspend} for activated users (reversible,
 *       keeps group memberships and app assignments); a user that was never activated (STAGED, PROVISIONED) cannot be
 *       suspended and is deactivated instead, and a DEPROVISIONED user is enabled with {@code lifecycle/activate}.</li>
 *   <li>Delete (only with {@code allowDelete}): deactivate, then delete.</li>
 *   <li>Entitlements: groups ({@code Kind = Group}, {@code Id} = the group id); {@code BUILT_IN} groups (Everyone)
 *       are not listed because their membership cannot be changed.</li>
 *   <li>RevokeSessions: {@code DELETE /api/v1/users/{id}/sessions?oauthTokens=true}; Okta does not say whether
 *       sessions existed, so {@code changed} is always true.</li>
 * </ul>
 *
 * <p>Thread-safe: one instance serves every thread of a batch; the credentials (an OAuth token renewed under a lock)
 * are shared, and writes are paced per org by the JVM-wide limiter (default 5 per second, see
 * {@code docs/providers/okta.md}); a 429 pauses every thread until Okta's reset.
 */
public final class OktaProvider implements Provider, IdentityReader, IdentityCreator, AttributeEnsurer,
        IdentityDisabler, IdentityEnabler, SessionRevoker, EntitlementLister, EntitlementGranter, EntitlementRevoker,
        EntitlementResolver, IdentityDeleter {

    static final String GROUP_KIND = "Group";
    private static final Pattern GROUP_ID = Pattern.compile("^00g[A-Za-z0-9]{17}$");
    private static final Set<String> ENABLED_STATUSES = Set.of("STAGED", "PROVISIONED", "ACTIVE", "RECOVERY",
            "PASSWORD_EXPIRED", "LOCKED_OUT");
    /** IdLE-style attribute names and the Okta base profile property they mean. */
    static final Map<String, String> ATTRIBUTE_ALIASES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String p : List.of("login", "email", "secondEmail", "firstName", "lastName", "middleName",
                "honorificPrefix", "honorificSuffix", "title", "displayName", "nickName", "profileUrl",
                "primaryPhone", "mobilePhone", "streetAddress", "city", "state", "zipCode", "countryCode",
                "postalAddress", "preferredLanguage", "locale", "timezone", "userType", "employeeNumber",
                "costCenter", "organization", "division", "department", "managerId", "manager")) {
            ATTRIBUTE_ALIASES.put(p, p);
        }
        ATTRIBUTE_ALIASES.put("GivenName", "firstName");
        ATTRIBUTE_ALIASES.put("Surname", "lastName");
        ATTRIBUTE_ALIASES.put("EmailAddress", "email");
        ATTRIBUTE_ALIASES.put("Mail", "email");
        ATTRIBUTE_ALIASES.put("EmployeeID", "employeeNumber");
        ATTRIBUTE_ALIASES.put("Company", "organization");
        ATTRIBUTE_ALIASES.put("PostalCode", "zipCode");
        ATTRIBUTE_ALIASES.put("OfficePhone", "primaryPhone");
        ATTRIBUTE_ALIASES.put("UserPrincipalName", "login");
    }

    private final String alias;
    private final OktaHttp http;
    private final Supplier<OktaCredentials> defaultCredentials;
    private final boolean allowDelete;
    private final boolean revokeOAuthTokens;
    private final boolean activateOnCreate;
    private final int pageSize;
    private final ObjectMapper json;

    OktaProvider(String alias, OktaHttp http, Supplier<OktaCredentials> defaultCredentials, boolean allowDelete,
                 boolean revokeOAuthTokens, boolean activateOnCreate, int pageSize, ObjectMapper json) {
        this.alias = alias;
        this.http = http;
        this.defaultCredentials = defaultCredentials;
        this.allowDelete = allowDelete;
        this.revokeOAuthTokens = revokeOAuthTokens;
        this.activateOnCreate = activateOnCreate;
        this.pageSize = pageSize;
        this.json = json;
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(allowDelete, Capability.IDENTITY_DELETE).ids();
    }

    // ------------------------------------------------------------------------------------------ identities

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        JsonNode user = requireUser(identityKey, credentials(session));
        return new Identity(identityKey, enabled(user), attributes(user));
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        OktaCredentials c = credentials(session);
        requireKey(identityKey);
        if (findUser(identityKey, c).isPresent()) {
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        }
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        boolean activate = activateOnCreate;
        ObjectNode profile = json.createObjectNode();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Activate")) {
                activate = Values.truthy(e.getValue());
                continue;
            }
            if (e.getKey().equalsIgnoreCase("Password") || e.getKey().toLowerCase().contains("password")) {
                throw new ProviderException("Okta provider: CreateIdentity does not set passwords; the user sets one"
                        + " through Okta's activation flow.");
            }
            profile.set(propertyName(e.getKey()), json.valueToTree(e.getValue()));
        }
        String localPart = identityKey.contains("@") ? identityKey.substring(0, identityKey.indexOf('@'))
                : identityKey;
        if (!profile.hasNonNull("login")) {
            profile.put("login", identityKey);
        }
        if (!profile.hasNonNull("email")) {
            if (!identityKey.contains("@")) {
                throw new ProviderException("Okta provider: CreateIdentity of '" + identityKey + "' needs an email"
                        + " attribute (EmailAddress) when the identity key is not an email address.");
            }
            profile.put("email", identityKey);
        }
        if (!profile.hasNonNull("firstName")) {
            profile.put("firstName", localPart);
        }
        if (!profile.hasNonNull("lastName")) {
            profile.put("lastName", localPart);
        }
        ObjectNode body = json.createObjectNode();
        body.set("profile", profile);
        JsonNode created = http.send("POST", "/api/v1/users?activate=" + activate, body, c).body();
        DataMap extras = new DataMap();
        extras.put("Status", created == null ? null : created.path("status").asText());
        return new ProviderResult(ProviderMethods.CREATE_IDENTITY, identityKey, true, extras);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!allowDelete) {
            throw new ProviderException("Delete capability is not enabled. Set allowDelete: true on Okta provider '"
                    + alias + "' in the host file.");
        }
        OktaCredentials c = credentials(session);
        Optional<JsonNode> user = findUser(identityKey, c);
        if (user.isEmpty()) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        String path = "/api/v1/users/" + seg(user.get().path("id").asText());
        if (!"DEPROVISIONED".equals(user.get().path("status").asText())) {
            http.send("DELETE", path, null, c, 404); // the first DELETE deactivates
        }
        http.send("DELETE", path, null, c, 404); // the second one deletes
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        String status = user.path("status").asText();
        if (!enabled(user)) {
            return ProviderResult.of(ProviderMethods.DISABLE_IDENTITY, identityKey, false);
        }
        String op = status.equals("STAGED") || status.equals("PROVISIONED") ? "deactivate" : "suspend";
        http.send("POST", "/api/v1/users/" + seg(user.path("id").asText()) + "/lifecycle/" + op, null, c);
        return new ProviderResult(ProviderMethods.DISABLE_IDENTITY, identityKey, true,
                DataMap.of("Lifecycle", op, "PreviousStatus", status));
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        String status = user.path("status").asText();
        if (enabled(user)) {
            return ProviderResult.of(ProviderMethods.ENABLE_IDENTITY, identityKey, false);
        }
        String op = status.equals("SUSPENDED") ? "unsuspend" : "activate?sendEmail=false";
        http.send("POST", "/api/v1/users/" + seg(user.path("id").asText()) + "/lifecycle/" + op, null, c);
        return new ProviderResult(ProviderMethods.ENABLE_IDENTITY, identityKey, true,
                DataMap.of("Lifecycle", op.replaceAll("\\?.*", ""), "PreviousStatus", status));
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        if (name == null || name.isBlank()) {
            throw new ProviderException("Okta provider: attribute name must not be empty.");
        }
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        String property = propertyName(name);
        JsonNode current = user.path("profile").get(property);
        Object currentValue = current == null || current.isNull() ? null : json.convertValue(current, Object.class);
        boolean changed = !sameValue(currentValue, value);
        if (changed) {
            ObjectNode body = json.createObjectNode();
            body.putObject("profile").set(property, json.valueToTree(value));
            http.send("POST", "/api/v1/users/" + seg(user.path("id").asText()), body, c);
        }
        return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed,
                DataMap.of("Name", name, "Value", value));
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        http.send("DELETE", "/api/v1/users/" + seg(user.path("id").asText()) + "/sessions?oauthTokens="
                + revokeOAuthTokens, null, c);
        // Okta answers 204 whether or not sessions existed: it cannot tell, so every revocation counts as a change.
        return ProviderResult.of(ProviderMethods.REVOKE_SESSIONS, identityKey, true);
    }

    // ------------------------------------------------------------------------------------------ entitlements

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        return groupsOf(user.path("id").asText(), c);
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        Entitlement group = resolveGroup(entitlement, c);
        String uid = user.path("id").asText();
        boolean member = groupsOf(uid, c).stream().anyMatch(group::sameAs);
        if (!member) {
            http.send("PUT", "/api/v1/groups/" + seg(group.id()) + "/users/" + seg(uid), null, c);
        }
        return new ProviderResult(ProviderMethods.GRANT_ENTITLEMENT, identityKey, !member,
                DataMap.of("Entitlement", group.toData()));
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        OktaCredentials c = credentials(session);
        JsonNode user = requireUser(identityKey, c);
        Entitlement group = resolveGroup(entitlement, c);
        String uid = user.path("id").asText();
        boolean member = groupsOf(uid, c).stream().anyMatch(group::sameAs);
        if (member) {
            http.send("DELETE", "/api/v1/groups/" + seg(group.id()) + "/users/" + seg(uid), null, c);
        }
        return new ProviderResult(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, member,
                DataMap.of("Entitlement", group.toData()));
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        return resolveGroup(entitlement, credentials(session));
    }

    private Entitlement resolveGroup(Entitlement entitlement, OktaCredentials c) {
        if (entitlement == null || entitlement.id() == null || entitlement.id().isBlank()) {
            throw new ProviderException("Entitlement.Id must not be empty.");
        }
        if (entitlement.kind() == null || !entitlement.kind().equalsIgnoreCase(GROUP_KIND)) {
            throw new ProviderException("Okta provider: entitlements are groups; Kind must be 'Group', got '"
                    + entitlement.kind() + "'.");
        }
        String id = entitlement.id().trim();
        if (GROUP_ID.matcher(id).matches()) {
            return Entitlement.of(GROUP_KIND, id);
        }
        String search = "profile.name eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        JsonNode found = http.send("GET", "/api/v1/groups?search=" + query(search), null, c).body();
        List<JsonNode> matches = new ArrayList<>();
        if (found != null) {
            found.forEach(matches::add);
        }
        if (matches.isEmpty()) {
            throw new ProviderException("Okta group '" + id + "' was not found.");
        }
        if (matches.size() > 1) {
            throw new ProviderException("Okta group name '" + id + "' is ambiguous (" + matches.size()
                    + " groups); use the group id.");
        }
        return group(matches.get(0));
    }

    private List<Entitlement> groupsOf(String userId, OktaCredentials c) {
        List<Entitlement> out = new ArrayList<>();
        String next = "/api/v1/users/" + seg(userId) + "/groups?limit=" + pageSize;
        int pages = 0;
        while (next != null) {
            if (++pages > 10_000) {
                throw new ProviderException("Okta group listing did not end after 10000 pages.");
            }
            OktaHttp.Answer a = http.send("GET", next, null, c);
            if (a.body() != null) {
                for (JsonNode g : a.body()) {
                    if (!"BUILT_IN".equals(g.path("type").asText())) {
                        out.add(group(g));
                    }
                }
            }
            next = a.nextLink().orElse(null);
        }
        return out;
    }

    private static Entitlement group(JsonNode g) {
        return new Entitlement(GROUP_KIND, g.path("id").asText(),
                DataMap.of("DisplayName", g.path("profile").path("name").asText(null),
                        "GroupType", g.path("type").asText(null)));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private OktaCredentials credentials(AuthSession session) {
        if (session != null) {
            return OktaCredentials.from(session);
        }
        if (defaultCredentials == null) {
            throw new ProviderException("Okta provider '" + alias + "' has no credentials: configure 'auth' on the"
                    + " provider in the host file or name an auth session (With.AuthSessionName).");
        }
        return defaultCredentials.get();
    }

    private JsonNode requireUser(String key, OktaCredentials c) {
        return findUser(key, c).orElseThrow(() -> new ProviderException("Identity '" + key
                + "' was not found in Okta."));
    }

    /** By id, login or login short name; then, for an address, by primary email. */
    private Optional<JsonNode> findUser(String key, OktaCredentials c) {
        requireKey(key);
        OktaHttp.Answer a = http.send("GET", "/api/v1/users/" + seg(key), null, c, 404);
        if (a.status() != 404) {
            return Optional.of(a.body());
        }
        if (!key.contains("@")) {
            return Optional.empty();
        }
        String search = "profile.email eq \"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        JsonNode found = http.send("GET", "/api/v1/users?search=" + query(search), null, c).body();
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new ProviderException("Identity key '" + key + "' is ambiguous in Okta: " + found.size()
                    + " users have this email; use the login or the user id.");
        }
        return Optional.of(found.get(0));
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ProviderException("IdentityKey must not be empty.");
        }
    }

    private static boolean enabled(JsonNode user) {
        return ENABLED_STATUSES.contains(user.path("status").asText());
    }

    private DataMap attributes(JsonNode user) {
        DataMap attrs = new DataMap();
        Iterator<Map.Entry<String, JsonNode>> it = user.path("profile").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            attrs.put(e.getKey(), e.getValue().isNull() ? null : json.convertValue(e.getValue(), Object.class));
        }
        attrs.put("Id", user.path("id").asText());
        attrs.put("Status", user.path("status").asText());
        return attrs;
    }

    static String propertyName(String name) {
        return ATTRIBUTE_ALIASES.getOrDefault(name, name);
    }

    private static boolean sameValue(Object current, Object desired) {
        if (current == null || desired == null) {
            return current == null && desired == null;
        }
        if (current instanceof Number a && desired instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (current instanceof String || desired instanceof String) {
            return String.valueOf(current).equals(String.valueOf(desired));
        }
        return Objects.equals(current, desired);
    }

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "OktaProvider[" + alias + "]";
    }
}
