package dev.idle.provider.googleworkspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.idle.spi.IdentityMover;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Secret;
import dev.idle.spi.SessionRevoker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * IdLE provider for Google Workspace (Admin SDK Directory API v1). See {@code docs/providers/googleworkspace.md}.
 *
 * <ul>
 *   <li>Identity key: the user's primary email, an alias, or the unique user id ({@code userKey}).</li>
 *   <li>Disable / Enable: {@code suspended: true/false} via {@code users.update}.</li>
 *   <li>Move: {@code orgUnitPath} (the target container is an org unit path such as {@code /Leavers}).</li>
 *   <li>Entitlements: groups ({@code Kind = Group}, {@code Id} = the group's primary email, lower case).</li>
 *   <li>RevokeSessions: {@code users.signOut} (204); Google does not say whether sessions existed, so
 *       {@code changed} is always true.</li>
 * </ul>
 *
 * <p>Thread-safe: one instance serves every thread of a batch; tokens are cached per key file and subject and fetched
 * once per expiry ({@link GoogleAuth}), and writes are paced per {@code baseUrl} origin by the JVM-wide limiter
 * (default 20 per second, see {@code docs/providers/googleworkspace.md}).
 */
public final class GoogleWorkspaceProvider implements Provider, IdentityReader, IdentityCreator, AttributeEnsurer,
        IdentityMover, IdentityDisabler, IdentityEnabler, SessionRevoker, EntitlementLister, EntitlementGranter,
        EntitlementRevoker, EntitlementResolver, IdentityDeleter {

    static final String GROUP_KIND = "Group";
    /** Supported attribute names (case-insensitive) and where they live on the user resource. */
    static final Map<String, String> ATTRIBUTES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ATTRIBUTES.put("GivenName", "name.givenName");
        ATTRIBUTES.put("FamilyName", "name.familyName");
        ATTRIBUTES.put("Surname", "name.familyName");
        ATTRIBUTES.put("OrgUnitPath", "orgUnitPath");
        ATTRIBUTES.put("RecoveryEmail", "recoveryEmail");
        ATTRIBUTES.put("RecoveryPhone", "recoveryPhone");
        ATTRIBUTES.put("IncludeInGlobalAddressList", "includeInGlobalAddressList");
        ATTRIBUTES.put("ChangePasswordAtNextLogin", "changePasswordAtNextLogin");
        ATTRIBUTES.put("Department", "organizations.department");
        ATTRIBUTES.put("Title", "organizations.title");
        ATTRIBUTES.put("Description", "organizations.description");
        ATTRIBUTES.put("CostCenter", "organizations.costCenter");
    }

    private final String alias;
    private final GoogleHttp http;
    private final GoogleAuth auth;
    private final Supplier<AuthSession> defaultSession;
    private final boolean allowDelete;
    private final int pageSize;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    GoogleWorkspaceProvider(String alias, GoogleHttp http, GoogleAuth auth, Supplier<AuthSession> defaultSession,
                            boolean allowDelete, int pageSize, ObjectMapper json) {
        this.alias = alias;
        this.http = http;
        this.auth = auth;
        this.defaultSession = defaultSession;
        this.allowDelete = allowDelete;
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
        JsonNode user = requireUser(identityKey, token(session));
        return new Identity(identityKey, !user.path("suspended").asBoolean(false), attributes(user));
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        Secret t = token(session);
        key(identityKey);
        if (findUser(identityKey, t) != null) {
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        }
        if (!identityKey.contains("@")) {
            throw new ProviderException("Google Workspace provider: CreateIdentity needs the primary email as the"
                    + " identity key, got '" + identityKey + "'.");
        }
        ObjectNode body = json.createObjectNode();
        body.put("primaryEmail", identityKey);
        String localPart = identityKey.substring(0, identityKey.indexOf('@'));
        body.putObject("name").put("givenName", localPart).put("familyName", localPart);
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Enabled")) {
                body.put("suspended", !Values.truthy(e.getValue()));
                continue;
            }
            String path = attributePath(e.getKey());
            set(body, path, e.getValue());
        }
        // Google requires a password; nobody learns this one (the user signs in after an admin reset or via SSO).
        body.put("password", randomPassword());
        body.put("changePasswordAtNextLogin", body.path("changePasswordAtNextLogin").asBoolean(true));
        http.send("POST", "/users", body, t);
        return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, true);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!allowDelete) {
            throw new ProviderException("Delete capability is not enabled. Set allowDelete: true on Google Workspace"
                    + " provider '" + alias + "' in the host file.");
        }
        Secret t = token(session);
        JsonNode user = findUser(identityKey, t);
        if (user == null) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        int status = http.send("DELETE", "/users/" + seg(user.path("id").asText()), null, t, 404).status();
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, status != 404);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setSuspended(identityKey, true, ProviderMethods.DISABLE_IDENTITY, session);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setSuspended(identityKey, false, ProviderMethods.ENABLE_IDENTITY, session);
    }

    private ProviderResult setSuspended(String identityKey, boolean suspended, String method, AuthSession session) {
        Secret t = token(session);
        JsonNode user = requireUser(identityKey, t);
        boolean changed = user.path("suspended").asBoolean(false) != suspended;
        if (changed) {
            ObjectNode body = json.createObjectNode().put("suspended", suspended);
            http.send("PUT", "/users/" + seg(user.path("id").asText()), body, t);
        }
        return ProviderResult.of(method, identityKey, changed);
    }

    @Override
    public ProviderResult moveIdentity(String identityKey, String targetContainer, AuthSession session) {
        if (targetContainer == null || !targetContainer.startsWith("/")) {
            throw new ProviderException("Google Workspace provider: the target container is an org unit path"
                    + " starting with '/', got '" + targetContainer + "'.");
        }
        Secret t = token(session);
        JsonNode user = requireUser(identityKey, t);
        boolean changed = !user.path("orgUnitPath").asText("/").equalsIgnoreCase(targetContainer);
        if (changed) {
            http.send("PUT", "/users/" + seg(user.path("id").asText()),
                    json.createObjectNode().put("orgUnitPath", targetContainer), t);
        }
        return new ProviderResult(ProviderMethods.MOVE_IDENTITY, identityKey, changed,
                DataMap.of("TargetContainer", targetContainer));
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        String path = attributePath(name);
        Secret t = token(session);
        JsonNode user = requireUser(identityKey, t);
        Object current = read(user, path);
        boolean changed = !same(current, value);
        if (changed) {
            ObjectNode body = json.createObjectNode();
            if (path.startsWith("name.")) {
                if (value == null || Values.ps(value).isBlank()) {
                    throw new ProviderException("Google Workspace provider: " + name + " cannot be cleared.");
                }
                ObjectNode n = body.putObject("name");
                n.put("givenName", user.path("name").path("givenName").asText());
                n.put("familyName", user.path("name").path("familyName").asText());
                n.put(path.substring(5), Values.ps(value));
            } else if (path.startsWith("organizations.")) {
                ArrayNode orgs = user.path("organizations").isArray() ? ((ArrayNode) user.get("organizations"))
                        .deepCopy() : json.createArrayNode();
                ObjectNode primary = primaryOrganization(orgs);
                if (primary == null) {
                    primary = orgs.addObject().put("primary", true).put("customType", "");
                }
                String field = path.substring("organizations.".length());
                if (value == null) {
                    primary.remove(field);
                } else {
                    primary.put(field, Values.ps(value));
                }
                body.set("organizations", orgs);
            } else if (value == null) {
                body.put(path, "");
            } else {
                body.set(path, json.valueToTree(value));
            }
            http.send("PUT", "/users/" + seg(user.path("id").asText()), body, t);
        }
        return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed,
                DataMap.of("Name", name, "Value", value));
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        Secret t = token(session);
        key(identityKey);
        int status = http.send("POST", "/users/" + seg(identityKey) + "/signOut", null, t, 404).status();
        if (status == 404) {
            throw new ProviderException("Identity '" + identityKey + "' was not found in Google Workspace.");
        }
        // users.signOut answers 204 whether or not the user had sessions: Google cannot tell, so this always changes.
        return ProviderResult.of(ProviderMethods.REVOKE_SESSIONS, identityKey, true);
    }

    // ------------------------------------------------------------------------------------------ entitlements

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        Secret t = token(session);
        key(identityKey);
        List<Entitlement> out = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            if (++pages > 10_000) {
                throw new ProviderException("Directory API group listing did not end after 10000 pages.");
            }
            String path = "/groups?userKey=" + q(identityKey) + "&maxResults=" + pageSize
                    + (pageToken == null ? "" : "&pageToken=" + q(pageToken));
            GoogleHttp.Answer a = http.send("GET", path, null, t, 404);
            if (a.status() == 404) {
                throw new ProviderException("Identity '" + identityKey + "' was not found in Google Workspace.");
            }
            a.body().path("groups").forEach(g -> out.add(group(g)));
            pageToken = a.body().path("nextPageToken").asText(null);
            if (pageToken != null && pageToken.isEmpty()) {
                pageToken = null;
            }
        } while (pageToken != null);
        return out;
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Secret t = token(session);
        JsonNode user = requireUser(identityKey, t);
        Entitlement group = resolveGroup(entitlement, t);
        ObjectNode body = json.createObjectNode().put("email", user.path("primaryEmail").asText())
                .put("role", "MEMBER");
        int status = http.send("POST", "/groups/" + seg(group.id()) + "/members", body, t, 409).status();
        return new ProviderResult(ProviderMethods.GRANT_ENTITLEMENT, identityKey, status != 409,
                DataMap.of("Entitlement", group.toData()));
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Secret t = token(session);
        JsonNode user = requireUser(identityKey, t);
        Entitlement group = resolveGroup(entitlement, t);
        int status = http.send("DELETE", "/groups/" + seg(group.id()) + "/members/" + seg(user.path("id").asText()),
                null, t, 404).status();
        return new ProviderResult(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, status != 404,
                DataMap.of("Entitlement", group.toData()));
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        return resolveGroup(entitlement, token(session));
    }

    private Entitlement resolveGroup(Entitlement entitlement, Secret t) {
        if (entitlement == null || entitlement.id() == null || entitlement.id().isBlank()) {
            throw new ProviderException("Entitlement.Id must not be empty.");
        }
        if (entitlement.kind() == null || !entitlement.kind().equalsIgnoreCase(GROUP_KIND)) {
            throw new ProviderException("Google Workspace provider: entitlements are groups; Kind must be 'Group',"
                    + " got '" + entitlement.kind() + "'.");
        }
        GoogleHttp.Answer a = http.send("GET", "/groups/" + seg(entitlement.id().trim()), null, t, 404);
        if (a.status() == 404) {
            throw new ProviderException("Google group '" + entitlement.id() + "' was not found.");
        }
        return group(a.body());
    }

    private static Entitlement group(JsonNode g) {
        return new Entitlement(GROUP_KIND, g.path("email").asText().toLowerCase(Locale.ROOT),
                DataMap.of("DisplayName", g.path("name").asText(null), "GroupId", g.path("id").asText(null)));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Secret token(AuthSession session) {
        AuthSession s = session;
        if (s == null) {
            if (defaultSession == null) {
                throw new ProviderException("Google Workspace provider '" + alias + "' has no credentials: configure"
                        + " 'auth' (type ServiceAccount, file, subject) on the provider in the host file or name an"
                        + " auth session (With.AuthSessionName).");
            }
            s = defaultSession.get();
        }
        return auth.accessToken(s);
    }

    private JsonNode requireUser(String key, Secret t) {
        JsonNode user = findUser(key, t);
        if (user == null) {
            throw new ProviderException("Identity '" + key + "' was not found in Google Workspace.");
        }
        return user;
    }

    private JsonNode findUser(String key, Secret t) {
        key(key);
        GoogleHttp.Answer a = http.send("GET", "/users/" + seg(key), null, t, 404);
        return a.status() == 404 ? null : a.body();
    }

    private static void key(String key) {
        if (key == null || key.isBlank()) {
            throw new ProviderException("IdentityKey must not be empty.");
        }
    }

    static String attributePath(String name) {
        String path = name == null ? null : ATTRIBUTES.get(name);
        if (path == null) {
            throw new ProviderException("Google Workspace provider: unsupported attribute '" + name + "'. Supported: "
                    + String.join(", ", ATTRIBUTES.keySet()) + ".");
        }
        return path;
    }

    private Object read(JsonNode user, String path) {
        JsonNode node;
        if (path.startsWith("organizations.")) {
            ObjectNode primary = user.path("organizations").isArray()
                    ? primaryOrganization((ArrayNode) user.get("organizations")) : null;
            node = primary == null ? null : primary.get(path.substring("organizations.".length()));
        } else {
            node = user;
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
        }
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        return json.convertValue(node, Object.class);
    }

    private static ObjectNode primaryOrganization(ArrayNode orgs) {
        for (JsonNode o : orgs) {
            if (o.path("primary").asBoolean(false)) {
                return (ObjectNode) o;
            }
        }
        return orgs.isEmpty() ? null : (ObjectNode) orgs.get(0);
    }

    private void set(ObjectNode body, String path, Object value) {
        if (path.startsWith("organizations.")) {
            ArrayNode orgs = body.has("organizations") ? (ArrayNode) body.get("organizations")
                    : body.putArray("organizations");
            ObjectNode primary = orgs.isEmpty() ? orgs.addObject().put("primary", true).put("customType", "")
                    : (ObjectNode) orgs.get(0);
            primary.put(path.substring("organizations.".length()), Values.ps(value));
        } else if (path.startsWith("name.")) {
            ((ObjectNode) body.get("name")).put(path.substring(5), Values.ps(value));
        } else {
            body.set(path, json.valueToTree(value));
        }
    }

    private DataMap attributes(JsonNode user) {
        DataMap a = new DataMap();
        a.put("Id", user.path("id").asText(null));
        a.put("PrimaryEmail", user.path("primaryEmail").asText(null));
        a.put("GivenName", user.path("name").path("givenName").asText(null));
        a.put("FamilyName", user.path("name").path("familyName").asText(null));
        a.put("FullName", user.path("name").path("fullName").asText(null));
        a.put("OrgUnitPath", user.path("orgUnitPath").asText(null));
        a.put("Suspended", user.path("suspended").asBoolean(false));
        a.put("SuspensionReason", user.path("suspensionReason").asText(null));
        a.put("IsAdmin", user.path("isAdmin").asBoolean(false));
        a.put("Archived", user.path("archived").asBoolean(false));
        for (String name : List.of("RecoveryEmail", "RecoveryPhone", "Department", "Title", "Description",
                "CostCenter")) {
            Object v = read(user, ATTRIBUTES.get(name));
            if (v != null) {
                a.put(name, v);
            }
        }
        List<String> aliases = new ArrayList<>();
        user.path("aliases").forEach(x -> aliases.add(x.asText()));
        if (!aliases.isEmpty()) {
            a.put("Aliases", aliases);
        }
        return a;
    }

    private static boolean same(Object current, Object desired) {
        if (current == null || desired == null) {
            return current == null && (desired == null || Values.ps(desired).isEmpty());
        }
        if (current instanceof Boolean || desired instanceof Boolean) {
            return Values.truthy(current) == Values.truthy(desired);
        }
        return Objects.equals(Values.ps(current), Values.ps(desired));
    }

    private String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?";
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GoogleWorkspaceProvider[" + alias + "]";
    }
}
