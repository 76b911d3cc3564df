package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;

/**
 * {@code EnsureAttribute} for {@link EntraIdProvider}: a user property is read (selecting it explicitly when it is not
 * in the default {@code $select}), compared as PowerShell's {@code -eq} would and patched only when it differs;
 * {@code Manager} is a navigation property set and cleared through {@code /manager/$ref}. Fails with
 * {@link IllegalArgumentException} for an empty name and {@link ProviderException} for a missing user or manager and
 * failed Graph calls. Thread-safe.
 */
final class AttributeUpdates {
    private final GraphClient graph;
    private final GraphUsers users;
    private final ObjectMapper json;

    AttributeUpdates(GraphClient graph, GraphUsers users, ObjectMapper json) {
        this.graph = graph;
        this.users = users;
        this.json = json;
    }

    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Attribute name must not be empty.");
        }
        String token = users.token(session);
        boolean changed = name.equalsIgnoreCase("Manager")
                ? ensureManager(identityKey, value, token)
                : ensureProperty(identityKey, UserProperties.property(name), value, token);
        DataMap extras = DataMap.of("Name", name, "Value", value);
        return new ProviderResult(ProviderMethods.ENSURE_ATTRIBUTE, identityKey, changed, extras);
    }

    private boolean ensureProperty(String identityKey, String property, Object value, String token) {
        boolean selected = UserProperties.inDefaultSelect(property);
        // Read the very property we compare, so that properties outside the default $select stay idempotent.
        JsonNode user = users.resolve(identityKey, token, selected ? null : property);
        JsonNode current = user.get(property);
        JsonNode desired = json.valueToTree(value);
        if (UserProperties.same(current, desired)) {
            return false;
        }
        ObjectNode body = json.createObjectNode();
        body.set(property, desired);
        graph.call("PATCH", GraphUsers.path(user), body, token);
        return true;
    }

    /**
     * {@code Manager} is a navigation property: read through {@code /manager}, set with {@code PUT .../manager/$ref}
     * (the value is an identity key: object id, UPN or mail) and cleared with {@code DELETE .../manager/$ref}.
     */
    private boolean ensureManager(String identityKey, Object value, String token) {
        JsonNode user = users.resolve(identityKey, token, null);
        String userPath = GraphUsers.path(user);
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
        String managerId = users.resolve(desiredKey, token, null).path("id").asText();
        if (managerId.equalsIgnoreCase(currentId)) {
            return false;
        }
        ObjectNode body = json.createObjectNode().put("@odata.id", graph.baseUrl() + "/users/" + managerId);
        graph.call("PUT", userPath + "/manager/$ref", body, token);
        return true;
    }
}
