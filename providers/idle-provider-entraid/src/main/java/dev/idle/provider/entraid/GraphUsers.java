package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.spi.AuthSession;
import java.util.List;

/**
 * How {@link EntraIdProvider}'s operations reach Graph for a user: the token for an auth session (through
 * {@link GraphAuth}) and the user an identity key names. A key that is a GUID (the whole key) is an object id; a key
 * with {@code @} is looked up as {@code userPrincipalName}, then as {@code mail} (OData-escaped); anything else is
 * rejected with {@link IdentityNotFoundException}, as is a key that names no user. Thread-safe.
 */
final class GraphUsers {
    static final String USER_SELECT = "id,userPrincipalName,mail,displayName,givenName,surname,accountEnabled,"
            + "department,jobTitle,officeLocation,companyName";

    private final String alias;
    private final GraphClient graph;
    private final GraphAuth auth;

    GraphUsers(String alias, GraphClient graph, GraphAuth auth) {
        this.alias = alias;
        this.graph = graph;
        this.auth = auth;
    }

    /** Thrown when an identity key names no user (or is in no recognised format, which no user can have). */
    static final class IdentityNotFoundException extends dev.idle.spi.IdentityNotFoundException {
        IdentityNotFoundException(String message) {
            super(message);
        }
    }

    String token(AuthSession session) {
        return auth.token(session, alias);
    }

    /** The Graph user the key names, with {@link #USER_SELECT} plus {@code extraSelect} properties. */
    JsonNode resolve(String key, String token, String extraSelect) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        String select = "$select=" + USER_SELECT + (extraSelect == null ? "" : "," + extraSelect);
        String guid = OData.guid(key);
        if (guid != null) {
            GraphClient.Response r = graph.exchange("GET", "/users/" + guid + "?" + select, null, token);
            if (r.status() == 404) {
                throw notFound(key);
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

    /** {@code /users/{id}} when {@code key} is an object id (a GUID), else null (it must be resolved). */
    String objectPath(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        String guid = OData.guid(key);
        return guid == null ? null : "/users/" + guid;
    }

    /** The failure for an object id that names no user, worded as {@link #resolve} words it. */
    IdentityNotFoundException notFound(String key) {
        return new IdentityNotFoundException("Identity with objectId '" + key + "' not found.");
    }

    /** The Graph path of a user object, {@code /users/{id}}. */
    static String path(JsonNode user) {
        return "/users/" + OData.segment(user.path("id").asText());
    }
}
