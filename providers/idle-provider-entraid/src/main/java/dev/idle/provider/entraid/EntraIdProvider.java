package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
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
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.Sleeper;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Microsoft Entra ID over Microsoft Graph v1.0 (plain HTTP and JSON, no Graph SDK). See
 * {@code docs/providers/entraid.md} for configuration, permissions and behaviour.
 *
 * <p>Identity keys: a key that is a GUID (the whole key) is an object id; a key with {@code @} is looked up as
 * {@code userPrincipalName}, then as {@code mail} (OData-escaped); anything else is rejected. Results echo the key
 * as given.
 */
public final class EntraIdProvider implements Provider, IdentityReader, IdentityLister, IdentityCreator,
        AttributeEnsurer, IdentityDisabler, IdentityEnabler, SessionRevoker, EntitlementLister, EntitlementGranter,
        EntitlementRevoker, EntitlementResolver, BulkEntitlementGranter, BulkEntitlementRevoker, IdentityDeleter {

    static final String USER_SELECT = "id,userPrincipalName,mail,displayName,givenName,surname,accountEnabled,"
            + "department,jobTitle,officeLocation,companyName";
    /** IdLE attribute name → Graph user property, for the names whose spelling differs or is fixed. */
    private static final Map<String, String> ATTRIBUTES = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    static final Pattern ALREADY = Pattern.compile("(?i)already exist|already a member");

    static {
        // Each IdLE name is the Graph property with a capital first letter (GivenName -> givenName).
        for (String property : List.of("givenName", "surname", "displayName", "userPrincipalName", "mail",
                "department", "jobTitle", "officeLocation", "companyName")) {
            ATTRIBUTES.put(Character.toUpperCase(property.charAt(0)) + property.substring(1), property);
        }
    }

    private final String alias;
    private final GraphClient graph;
    private final GraphAuth auth;
    private final boolean allowDelete;
    private final int pageSize;
    private final GraphBatch batch;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    EntraIdProvider(String alias, GraphClient graph, GraphAuth auth, boolean allowDelete, int pageSize,
                    int batchRetries, Duration maxBatchWait, Sleeper sleeper, ObjectMapper json) {
        this.alias = alias;
        this.graph = graph;
        this.auth = auth;
        this.allowDelete = allowDelete;
        this.pageSize = pageSize;
        this.batch = new GraphBatch(graph, json, batchRetries, maxBatchWait, sleeper);
        this.json = json;
    }

    /** What it implements (in the order of the {@code implements} clause) plus Prune; Delete only when allowed. */
    @Override
    public List<String> capabilities() {
        return AdvertisedCapabilities.implementedBy(this).plus(Capability.ENTITLEMENT_PRUNE)
                .withheldUnless(allowDelete, Capability.IDENTITY_DELETE).ids();
    }

    private String token(AuthSession session) {
        return auth.token(session, alias);
    }

    // ------------------------------------------------------------------------------------------ identities

    /** Thrown when an identity key names no user (or is in no recognised format). */
    static final class IdentityNotFoundException extends ProviderException {
        IdentityNotFoundException(String message) {
            super(message);
        }
    }

    /** The Graph user the key names, with {@link #USER_SELECT} plus {@code extraSelect} properties. */
    JsonNode resolveUser(String key, String token, String extraSelect) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        String select = "$select=" + USER_SELECT + (extraSelect == null ? "" : "," + extraSelect);
        String guid = OData.guid(key);
        if (guid != null) {
            GraphClient.Response r = graph.exchange("GET", "/users/" + guid + "?" + select, null, token);
            if (r.status() == 404) {
                throw new IdentityNotFoundException("Identity with objectId '" + key + "' not found.");
            }
            if (!r.ok()) {
                throw graph.failure("GET", "/users/" + guid, r, token);
            }
            return r.body();
        }
        if (key.contains("@")) {
            for (String property : List.of("userPrincipalName", "mail")) {
                JsonNode page = graph.call("GET", "/users?" + OData.eqFilter(property, key) + "&" + select, null,
                        token);
                JsonNode value = page.path("value");
                if (value.isArray() && value.size() > 0) {
                    return value.get(0);
                }
            }
            throw new IdentityNotFoundException("Identity with UPN/mail '" + key + "' not found.");
        }
        throw new IdentityNotFoundException("Identity key '" + key
                + "' is not in a recognized format (objectId GUID, UPN, or mail).");
    }

    @Override
    public Identity getIdentity(String identityKey, AuthSession session) {
        JsonNode user = resolveUser(identityKey, token(session), null);
        DataMap attributes = new DataMap();
        ATTRIBUTES.forEach((name, property) -> {
            JsonNode v = user.get(property);
            if (v != null && !v.isNull()) {
                attributes.put(name, v.asText());
            }
        });
        return new Identity(identityKey, truthy(user.get("accountEnabled")), attributes);
    }

    /**
     * {@code ListIdentities}: the object ids of all users, or of those whose UPN or display name starts with
     * {@code Filter.Search}.
     */
    @Override
    public List<String> listIdentities(DataMap filter, AuthSession session) {
        String search = filter == null ? null : filter.getString("Search");
        String target = "/users?$select=id,userPrincipalName,mail&$top=" + pageSize;
        if (search != null && !search.isBlank()) {
            String lit = OData.literal(search);
            target += "&$filter=" + OData.encode("startswith(userPrincipalName," + lit + ") or startswith(displayName,"
                    + lit + ")");
        }
        List<String> ids = new ArrayList<>();
        graph.getAllPages(target, token(session)).forEach(u -> ids.add(u.path("id").asText()));
        return ids;
    }

    @Override
    public ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        String token = token(session);
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        try {
            resolveUser(identityKey, token, null);
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        } catch (IdentityNotFoundException absent) {
            // create it
        }
        ObjectNode body = json.createObjectNode();
        body.put("accountEnabled", attrs.get("Enabled") == null || Values.truthy(attrs.get("Enabled")));
        String upn = nonBlank(attrs.get("UserPrincipalName"), identityKey);
        body.put("userPrincipalName", upn);
        body.put("displayName", nonBlank(attrs.get("DisplayName"), identityKey));
        int at = upn.indexOf('@');
        body.put("mailNickname", nonBlank(attrs.get("MailNickname"), at > 0 ? upn.substring(0, at) : upn));
        boolean generated = false;
        Object profile = attrs.get("PasswordProfile");
        if (profile instanceof Map<?, ?> m) {
            body.set("passwordProfile", json.valueToTree(m));
        } else {
            ObjectNode p = body.putObject("passwordProfile");
            p.put("forceChangePasswordNextSignIn", attrs.get("ForceChangePasswordNextSignIn") == null
                    || Values.truthy(attrs.get("ForceChangePasswordNextSignIn")));
            p.put("password", generatePassword());
            generated = true;
        }
        for (String name : List.of("GivenName", "Surname", "Mail", "Department", "JobTitle", "OfficeLocation",
                "CompanyName")) {
            Object v = attrs.get(name);
            if (v != null && !(v instanceof String s && s.isBlank())) {
                body.set(ATTRIBUTES.get(name), json.valueToTree(v));
            }
        }
        graph.call("POST", "/users", body, token);
        DataMap extras = new DataMap();
        if (generated) {
            // The generated password is sent to Graph only; it is never returned or logged.
            extras.put("PasswordGenerated", true);
            extras.put("PasswordGenerationMethod", "Random");
        }
        return new ProviderResult(ProviderMethods.CREATE_IDENTITY, identityKey, true, extras);
    }

    /** 20 characters from a CSPRNG, at least one of each class Entra's complexity rule counts. */
    private String generatePassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String special = "!@#$%&*+-_=?";
        String all = upper + lower + digits + special;
        char[] c = new char[20];
        c[0] = upper.charAt(random.nextInt(upper.length()));
        c[1] = lower.charAt(random.nextInt(lower.length()));
        c[2] = digits.charAt(random.nextInt(digits.length()));
        c[3] = special.charAt(random.nextInt(special.length()));
        for (int i = 4; i < c.length; i++) {
            c[i] = all.charAt(random.nextInt(all.length()));
        }
        for (int i = c.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return new String(c);
    }

    @Override
    public ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!allowDelete) {
            throw new ProviderException("Delete capability is not enabled. Set 'allowDelete: true' on Entra ID"
                    + " provider '" + alias + "' in the host file.");
        }
        String token = token(session);
        JsonNode user;
        try {
            user = resolveUser(identityKey, token, null);
        } catch (IdentityNotFoundException absent) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        String path = "/users/" + OData.segment(user.path("id").asText());
        GraphClient.Response r = graph.exchange("DELETE", path, null, token);
        if (r.status() == 404) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        if (!r.ok()) {
            throw graph.failure("DELETE", path, r, token);
        }
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
    }

    @Override
    public ProviderResult disableIdentity(String identityKey, AuthSession session) {
        return setEnabled(identityKey, false, session, ProviderMethods.DISABLE_IDENTITY);
    }

    @Override
    public ProviderResult enableIdentity(String identityKey, AuthSession session) {
        return setEnabled(identityKey, true, session, ProviderMethods.ENABLE_IDENTITY);
    }

    private ProviderResult setEnabled(String identityKey, boolean enabled, AuthSession session, String operation) {
        String token = token(session);
        JsonNode user = resolveUser(identityKey, token, null);
        JsonNode current = user.get("accountEnabled");
        if (current != null && current.isBoolean() && current.asBoolean() == enabled) {
            return ProviderResult.of(operation, identityKey, false);
        }
        ObjectNode body = json.createObjectNode().put("accountEnabled", enabled);
        graph.call("PATCH", "/users/" + OData.segment(user.path("id").asText()), body, token);
        return ProviderResult.of(operation, identityKey, true);
    }

    @Override
    public ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Attribute name must not be empty.");
        }
        String token = token(session);
        boolean changed = name.equalsIgnoreCase("Manager")
                ? ensureManager(identityKey, value, token)
                : ensureProperty(identityKey, property(name), value, token);
        DataMap extras = DataMap.of("Name", name, "Value", value);
        return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed, extras);
    }

    static String property(String name) {
        String mapped = ATTRIBUTES.get(name);
        return mapped != null ? mapped : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private boolean ensureProperty(String identityKey, String property, Object value, String token) {
        boolean selected = USER_SELECT.contains(property) && ATTRIBUTES.containsValue(property);
        // Read the very property we compare, so that properties outside the default $select stay idempotent.
        JsonNode user = resolveUser(identityKey, token, selected ? null : property);
        JsonNode current = user.get(property);
        JsonNode desired = json.valueToTree(value);
        if (same(current, desired)) {
            return false;
        }
        ObjectNode body = json.createObjectNode();
        body.set(property, desired);
        graph.call("PATCH", "/users/" + OData.segment(user.path("id").asText()), body, token);
        return true;
    }

    /** PowerShell-style {@code -eq}: null equals null (and a missing property), strings ignore case. */
    private static boolean same(JsonNode current, JsonNode desired) {
        boolean currentNull = current == null || current.isNull() || current.isMissingNode();
        boolean desiredNull = desired == null || desired.isNull() || desired.isMissingNode();
        if (currentNull || desiredNull) {
            return currentNull && desiredNull;
        }
        if (current.isValueNode() && desired.isValueNode()) {
            return current.asText().equalsIgnoreCase(desired.asText());
        }
        return current.equals(desired);
    }

    /**
     * {@code Manager} is a navigation property: read through {@code /manager}, set with {@code PUT .../manager/$ref}
     * (the value is an identity key: object id, UPN or mail) and cleared with {@code DELETE .../manager/$ref}.
     */
    private boolean ensureManager(String identityKey, Object value, String token) {
        JsonNode user = resolveUser(identityKey, token, null);
        String userPath = "/users/" + OData.segment(user.path("id").asText());
        GraphClient.Response r = graph.exchange("GET", userPath + "/manager?$select=id", null, token);
        String currentId;
        if (r.status() == 404 || (r.status() == 400 && r.body().path("error").path("message").asText("")
                .contains("segment 'manager'"))) {
            currentId = null; // no manager (a directory without the manager relation answers 400 for the segment)
        } else if (r.ok()) {
            currentId = r.body().path("id").asText(null);
        } else {
            throw graph.failure("GET", userPath + "/manager", r, token);
        }
        String desiredKey = value == null ? null : Values.ps(value);
        if (desiredKey == null || desiredKey.isBlank()) {
            if (currentId == null) {
                return false;
            }
            GraphClient.Response d = graph.exchange("DELETE", userPath + "/manager/$ref", null, token);
            if (d.status() == 404) {
                return false;
            }
            if (!d.ok()) {
                throw graph.failure("DELETE", userPath + "/manager/$ref", d, token);
            }
            return true;
        }
        String managerId = resolveUser(desiredKey, token, null).path("id").asText();
        if (managerId.equalsIgnoreCase(currentId)) {
            return false;
        }
        ObjectNode body = json.createObjectNode().put("@odata.id", graph.baseUrl() + "/users/" + managerId);
        graph.call("PUT", userPath + "/manager/$ref", body, token);
        return true;
    }

    @Override
    public ProviderResult revokeSessions(String identityKey, AuthSession session) {
        String token = token(session);
        JsonNode user = resolveUser(identityKey, token, null);
        JsonNode response = graph.call("POST", "/users/" + OData.segment(user.path("id").asText())
                + "/revokeSignInSessions", null, token);
        JsonNode value = response.get("value");
        // Graph answers {"value": true} whether or not sessions existed: changed means "revocation was requested".
        boolean changed = value == null || value.isNull() || truthy(value);
        return ProviderResult.of(ProviderMethods.REVOKE_SESSIONS, identityKey, changed);
    }

    // ------------------------------------------------------------------------------------------ entitlements

    private enum Kind {
        GROUP("Group"), ADMINISTRATIVE_UNIT("AdministrativeUnit");

        final String id;

        Kind(String id) {
            this.id = id;
        }

        static Kind of(String kind, String operation) {
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(kind)) {
                    return k;
                }
            }
            throw new ProviderException(operation + " only supports entitlements with Kind 'Group' or"
                    + " 'AdministrativeUnit'. Received Kind '" + kind + "'.");
        }
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session) {
        return listEntitlements(identityKey, session, null);
    }

    @Override
    public List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        boolean all = kind == null || kind.isBlank();
        boolean groups = all || kind.equalsIgnoreCase("Group");
        boolean units = all || kind.equalsIgnoreCase("AdministrativeUnit");
        List<Entitlement> result = new ArrayList<>();
        if (!groups && !units) {
            return result;
        }
        String token = token(session);
        String userPath = "/users/" + OData.segment(resolveUser(identityKey, token, null).path("id").asText());
        if (groups) {
            for (JsonNode g : graph.getAllPages(userPath + "/memberOf/microsoft.graph.group?$select=id,displayName,mail"
                    + "&$top=" + pageSize, token)) {
                JsonNode mail = g.get("mail");
                result.add(new Entitlement(Kind.GROUP.id, g.path("id").asText(),
                        DataMap.of("Mail", mail == null || mail.isNull() ? null : mail.asText())));
            }
        }
        if (units) {
            for (JsonNode u : graph.getAllPages(userPath
                    + "/memberOf/microsoft.graph.administrativeUnit?$select=id,displayName&$top=" + pageSize, token)) {
                result.add(Entitlement.of(Kind.ADMINISTRATIVE_UNIT.id, u.path("id").asText()));
            }
        }
        return result;
    }

    private static Entitlement normalise(Entitlement e) {
        if (e == null || e.kind() == null || e.kind().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Kind must not be empty.");
        }
        if (e.id() == null || e.id().isBlank()) {
            throw new IllegalArgumentException("Entitlement.Id must not be empty.");
        }
        return new Entitlement(e.kind().trim(), e.id().trim(), e.extras());
    }

    /** The group or AU the entitlement names, as an entitlement with its canonical (object) id. */
    private Entitlement resolveTarget(Kind kind, Entitlement e, String token) {
        String id = e.id();
        String guid = OData.guid(id);
        String collection = kind == Kind.GROUP ? "/groups" : "/directory/administrativeUnits";
        String select = kind == Kind.GROUP ? "$select=id,displayName,mail,mailNickname" : "$select=id,displayName";
        String noun = kind == Kind.GROUP ? "Group" : "Administrative Unit";
        JsonNode found;
        if (guid != null) {
            GraphClient.Response r = graph.exchange("GET", collection + "/" + guid + "?" + select, null, token);
            if (r.status() == 404) {
                throw new ProviderException(noun + " with objectId '" + id + "' not found.");
            }
            if (!r.ok()) {
                throw graph.failure("GET", collection + "/" + guid, r, token);
            }
            found = r.body();
        } else {
            JsonNode value = graph.call("GET", collection + "?" + OData.eqFilter("displayName", id) + "&" + select,
                    null, token).path("value");
            if (!value.isArray() || value.size() == 0) {
                throw new ProviderException(noun + " '" + id + "' not found.");
            }
            if (value.size() > 1) {
                throw new ProviderException("Multiple " + (kind == Kind.GROUP ? "groups" : "Administrative Units")
                        + " found with displayName '" + id + "'. Use objectId for deterministic lookup.");
            }
            found = value.get(0);
        }
        DataMap extras = new DataMap(e.extras());
        if (kind == Kind.GROUP) {
            JsonNode mail = found.get("mail");
            extras.put("Mail", mail == null || mail.isNull() ? null : mail.asText());
        }
        return new Entitlement(kind.id, found.path("id").asText(), extras);
    }

    @Override
    public Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        Entitlement e = normalise(entitlement);
        for (Kind k : Kind.values()) {
            if (k.id.equalsIgnoreCase(e.kind())) {
                return resolveTarget(k, e, token(session));
            }
        }
        return e;
    }

    @Override
    public ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Entitlement e = normalise(entitlement);
        Kind kind = Kind.of(e.kind(), ProviderMethods.GRANT_ENTITLEMENT);
        String token = token(session);
        String userId = resolveUser(identityKey, token, null).path("id").asText();
        Entitlement target = resolveTarget(kind, e, token);
        String path = membersPath(kind, target.id()) + "/$ref";
        ObjectNode body = json.createObjectNode().put("@odata.id", memberRef(kind, userId));
        GraphClient.Response r = graph.exchange("POST", path, body, token);
        boolean changed;
        if (r.ok()) {
            changed = true;
        } else if (r.status() == 400 && ALREADY.matcher(r.body().path("error").path("message").asText("")).find()) {
            changed = false; // Graph: "One or more added object references already exist ..."
        } else {
            throw graph.failure("POST", path, r, token);
        }
        return new ProviderResult(ProviderMethods.GRANT_ENTITLEMENT, identityKey, changed,
                DataMap.of("Entitlement", target.toData()));
    }

    @Override
    public ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Entitlement e = normalise(entitlement);
        Kind kind = Kind.of(e.kind(), ProviderMethods.REVOKE_ENTITLEMENT);
        String token = token(session);
        String userId = resolveUser(identityKey, token, null).path("id").asText();
        Entitlement target = resolveTarget(kind, e, token);
        String path = membersPath(kind, target.id()) + "/" + OData.segment(userId) + "/$ref";
        GraphClient.Response r = graph.exchange("DELETE", path, null, token);
        boolean changed;
        if (r.ok()) {
            changed = true;
        } else if (r.status() == 404) {
            changed = false;
        } else {
            throw graph.failure("DELETE", path, r, token);
        }
        return new ProviderResult(ProviderMethods.REVOKE_ENTITLEMENT, identityKey, changed,
                DataMap.of("Entitlement", target.toData()));
    }

    private static String membersPath(Kind kind, String targetId) {
        return (kind == Kind.GROUP ? "/groups/" : "/directory/administrativeUnits/") + OData.segment(targetId)
                + "/members";
    }

    private String memberRef(Kind kind, String userId) {
        return graph.baseUrl() + (kind == Kind.GROUP ? "/directoryObjects/" : "/users/") + userId;
    }

    // ------------------------------------------------------------------------------------------ bulk ($batch)

    @Override
    public List<BulkResult> bulkGrantEntitlements(String identityKey, List<Entitlement> entitlements,
                                                  AuthSession session) {
        return bulk(identityKey, entitlements, session, true);
    }

    @Override
    public List<BulkResult> bulkRevokeEntitlements(String identityKey, List<Entitlement> entitlements,
                                                   AuthSession session) {
        return bulk(identityKey, entitlements, session, false);
    }

    /**
     * Groups go through {@code $batch} in chunks of 20 ({@link GraphBatch}, which sends throttled items again after
     * their {@code Retry-After}); administrative units one by one. Results come back in input order.
     */
    private List<BulkResult> bulk(String identityKey, List<Entitlement> entitlements, AuthSession session,
                                  boolean grant) {
        String operation = grant ? ProviderMethods.GRANT_ENTITLEMENT : ProviderMethods.REVOKE_ENTITLEMENT;
        String token = token(session);
        String userId = resolveUser(identityKey, token, null).path("id").asText();
        BulkResult[] results = new BulkResult[entitlements.size()];
        List<Integer> groupItems = new ArrayList<>();
        List<Entitlement> targets = new ArrayList<>();
        for (int i = 0; i < entitlements.size(); i++) {
            Entitlement e = normalise(entitlements.get(i));
            Kind kind = Kind.of(e.kind(), operation);
            Entitlement target = resolveTarget(kind, e, token);
            targets.add(target);
            if (kind == Kind.GROUP) {
                groupItems.add(i);
            } else {
                try {
                    ProviderResult r = grant ? grantEntitlement(identityKey, target, session)
                            : revokeEntitlement(identityKey, target, session);
                    results[i] = new BulkResult(operation, identityKey, r.changed(), null, target);
                } catch (ProviderException ex) {
                    if (ex.isTransient()) {
                        throw ex; // never report a throttled item as skipped
                    }
                    results[i] = new BulkResult(operation, identityKey, false, ex.getMessage(), target);
                }
            }
        }
        GraphBatch.Call call = new GraphBatch.Call(userId, identityKey, grant, operation, token, targets, results);
        for (int from = 0; from < groupItems.size(); from += GraphBatch.SIZE) {
            batch.run(call, groupItems.subList(from, Math.min(from + GraphBatch.SIZE, groupItems.size())));
        }
        return List.of(results);
    }

    private static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        return Values.truthy(n.asText());
    }

    private static String nonBlank(Object value, String fallback) {
        return value == null || Values.ps(value).isBlank() ? fallback : Values.ps(value);
    }

    @Override
    public String toString() {
        return "EntraIdProvider[" + alias + ", " + graph.baseUrl() + "]";
    }
}
