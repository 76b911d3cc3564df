package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The identity operations of {@link EntraIdProvider}: read, list, create (with a generated password unless a
 * {@code PasswordProfile} is given), delete, enable, disable and revoke sign-in sessions. Creating an existing user or
 * deleting a missing one reports no change. Fails with {@link ProviderException} when delete is not allowed, for a
 * missing user and for failed Graph calls; the generated password never appears in results or messages.
 *
 * <p>No wasted calls: revoking sessions and deleting by an object id (a GUID key) make one call, without reading the
 * user first (Graph's 404 says it is missing); a UPN or mail is resolved first. Enable and disable read the user to
 * report whether anything changed. Thread-safe (no state of its own but the thread-safe {@link SecureRandom}).
 */
final class IdentityLifecycle {
    private final String alias;
    private final GraphClient graph;
    private final GraphUsers users;
    private final boolean allowDelete;
    private final int pageSize;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    IdentityLifecycle(String alias, GraphClient graph, GraphUsers users, boolean allowDelete, int pageSize,
                      ObjectMapper json) {
        this.alias = alias;
        this.graph = graph;
        this.users = users;
        this.allowDelete = allowDelete;
        this.pageSize = pageSize;
        this.json = json;
    }

    Identity getIdentity(String identityKey, AuthSession session) {
        JsonNode user = users.resolve(identityKey, users.token(session), null);
        DataMap attributes = UserProperties.toData(user);
        return new Identity(identityKey, UserProperties.truthy(user.get("accountEnabled")), attributes);
    }

    /**
     * {@code ListIdentities}: the object ids of all users, or of those whose UPN or display name starts with
     * {@code Filter.Search}.
     */
    List<String> listIdentities(DataMap filter, AuthSession session) {
        String search = filter == null ? null : filter.getString("Search");
        String target = "/users?$select=id,userPrincipalName,mail&$top=" + pageSize;
        if (search != null && !search.isBlank()) {
            String lit = OData.literal(search);
            target += "&$filter=" + OData.encode("startswith(userPrincipalName," + lit + ") or startswith(displayName,"
                    + lit + ")");
        }
        List<String> ids = new ArrayList<>();
        graph.getAllPages(target, users.token(session)).forEach(u -> ids.add(u.path("id").asText()));
        return ids;
    }

    ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        String token = users.token(session);
        DataMap attrs = attributes == null ? new DataMap() : attributes;
        try {
            users.resolve(identityKey, token, null);
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        } catch (GraphUsers.IdentityNotFoundException absent) {
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
                body.set(UserProperties.property(name), json.valueToTree(v));
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

    ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!allowDelete) {
            throw new ProviderException("Delete capability is not enabled. Set 'allowDelete: true' on Entra ID"
                    + " provider '" + alias + "' in the host file.");
        }
        String token = users.token(session);
        String path = users.objectPath(identityKey);
        if (path == null) { // a UPN or mail: find the object first
            try {
                path = GraphUsers.path(users.resolve(identityKey, token, null));
            } catch (GraphUsers.IdentityNotFoundException absent) {
                return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
            }
        }
        GraphClient.Response r = graph.exchange("DELETE", path, null, token);
        if (r.status() == 404) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        if (!r.ok()) {
            throw graph.failure("DELETE", path, r, token);
        }
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
    }

    ProviderResult setEnabled(String identityKey, boolean enabled, AuthSession session, String operation) {
        String token = users.token(session);
        JsonNode user = users.resolve(identityKey, token, null);
        JsonNode current = user.get("accountEnabled");
        if (current != null && current.isBoolean() && current.asBoolean() == enabled) {
            return ProviderResult.of(operation, identityKey, false);
        }
        ObjectNode body = json.createObjectNode().put("accountEnabled", enabled);
        graph.call("PATCH", GraphUsers.path(user), body, token);
        return ProviderResult.of(operation, identityKey, true);
    }

    ProviderResult revokeSessions(String identityKey, AuthSession session) {
        String token = users.token(session);
        String path = users.objectPath(identityKey);
        JsonNode response;
        if (path == null) { // a UPN or mail: find the object first
            response = graph.call("POST", GraphUsers.path(users.resolve(identityKey, token, null))
                    + "/revokeSignInSessions", null, token);
        } else { // an object id: one call, no read before it
            String target = path + "/revokeSignInSessions";
            GraphClient.Response r = graph.exchange("POST", target, null, token);
            if (r.status() == 404) {
                throw users.notFound(identityKey);
            }
            if (!r.ok()) {
                throw graph.failure("POST", target, r, token);
            }
            response = r.body();
        }
        JsonNode value = response.get("value");
        // Graph answers {"value": true} whether or not sessions existed: changed means "revocation was requested".
        boolean changed = value == null || value.isNull() || UserProperties.truthy(value);
        return ProviderResult.of(ProviderMethods.REVOKE_SESSIONS, identityKey, changed);
    }

    private static String nonBlank(Object value, String fallback) {
        return value == null || Values.ps(value).isBlank() ? fallback : Values.ps(value);
    }
}
