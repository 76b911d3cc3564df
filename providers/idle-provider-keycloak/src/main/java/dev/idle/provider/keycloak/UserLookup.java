package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the user an identity key names: a user id, a username or an email address, tried in that order (usernames
 * and emails match ignoring case, as Keycloak stores them in lower case), and writes a user back. Fails with
 * {@link IllegalArgumentException} for an empty key and {@link ProviderException} when a required user is missing or a
 * key matches several users. Stateless apart from the realm name; thread-safe.
 */
final class UserLookup {
    private static final Pattern UUID_LIKE = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String realm;

    UserLookup(String realm) {
        this.realm = realm;
    }

    /** True when a key has the form of a Keycloak object id (a UUID), so a lookup by id is worth a try. */
    static boolean looksLikeId(String key) {
        return UUID_LIKE.matcher(key).matches();
    }

    static String requireKey(String identityKey) {
        if (identityKey == null || identityKey.isBlank()) {
            throw new IllegalArgumentException("IdentityKey must not be empty.");
        }
        return identityKey.trim();
    }

    /** The admin path of a user representation, {@code users/{id}}. */
    static String path(JsonNode user) {
        return "users/" + KeycloakHttp.enc(user.path("id").asText());
    }

    JsonNode requireUser(AdminCall call, String identityKey) {
        JsonNode user = findUser(call, requireKey(identityKey));
        if (user == null) {
            throw new ProviderException("Identity '" + identityKey + "' not found in Keycloak realm '"
                    + realm + "' (looked up as user id, username and email).");
        }
        return user;
    }

    /** The full user representation for an id, a username or an email; null when there is none. */
    JsonNode findUser(AdminCall call, String key) {
        if (looksLikeId(key)) {
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
                    + " in Keycloak realm '" + realm + "'; use the user id.");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    /** Writes an {@link UserAttributes#updatable} representation back to the user. */
    static void put(AdminCall call, JsonNode user, ObjectNode rep) {
        call.check(call.send("PUT", path(user), rep, "PUT users/{id}"), "PUT users/{id}");
    }
}
