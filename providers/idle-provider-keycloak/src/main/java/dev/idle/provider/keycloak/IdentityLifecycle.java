package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;

/**
 * The identity operations of {@link KeycloakProvider}: read, create, delete, enable, disable and ensure one
 * attribute. Creating an existing user, deleting a missing one or setting a value already held reports no change.
 * Fails with {@link IllegalArgumentException} for bad input, {@link IllegalStateException} when delete is not allowed,
 * and {@link ProviderException} for missing users and failed admin calls, including an attribute Keycloak silently
 * did not store (user profile). Thread-safe.
 */
final class IdentityLifecycle {
    private final KeycloakConfig config;
    private final AdminCalls calls;
    private final UserLookup users;

    IdentityLifecycle(KeycloakConfig config, AdminCalls calls, UserLookup users) {
        this.config = config;
        this.calls = calls;
        this.users = users;
    }

    Identity getIdentity(String identityKey, AuthSession session) {
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        return new Identity(identityKey, user.path("enabled").asBoolean(false), UserAttributes.toData(user));
    }

    ProviderResult createIdentity(String identityKey, DataMap attributes, AuthSession session) {
        AdminCall call = calls.call(session);
        if (users.findUser(call, UserLookup.requireKey(identityKey)) != null) {
            return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, false);
        }
        ObjectNode rep = UserAttributes.newUser(identityKey, attributes == null ? new DataMap() : attributes);
        String what = "POST users (create '" + identityKey + "')";
        call.check(call.send("POST", "users", rep, what), what);
        return ProviderResult.of(ProviderMethods.CREATE_IDENTITY, identityKey, true);
    }

    ProviderResult deleteIdentity(String identityKey, AuthSession session) {
        if (!config.allowDelete()) {
            throw new IllegalStateException("Delete capability is not enabled. Set allowDelete: true in the options of"
                    + " Keycloak provider '" + config.alias() + "'.");
        }
        AdminCall call = calls.call(session);
        JsonNode user = users.findUser(call, UserLookup.requireKey(identityKey));
        if (user == null) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        String path = UserLookup.path(user);
        KeycloakHttp.Reply r = call.send("DELETE", path, null, "DELETE " + path);
        if (r.status() == 404) {
            return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, false);
        }
        call.check(r, "DELETE " + path);
        return ProviderResult.of(ProviderMethods.DELETE_IDENTITY, identityKey, true);
    }

    ProviderResult setEnabled(String identityKey, boolean enabled, AuthSession session) {
        String op = enabled ? ProviderMethods.ENABLE_IDENTITY : ProviderMethods.DISABLE_IDENTITY;
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        if (user.path("enabled").asBoolean(false) == enabled) {
            return ProviderResult.of(op, identityKey, false);
        }
        ObjectNode rep = UserAttributes.updatable(user);
        rep.put("enabled", enabled);
        UserLookup.put(call, user, rep);
        return ProviderResult.of(op, identityKey, true);
    }

    ProviderResult ensureAttribute(String identityKey, String name, Object value, AuthSession session) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("EnsureAttribute: attribute name must not be empty.");
        }
        if (UserAttributes.createOnly(name)) {
            throw new IllegalArgumentException("Keycloak EnsureAttribute: '" + name + "' can only be given to"
                    + " CreateIdentity; use DisableIdentity/EnableIdentity or entitlements instead.");
        }
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        boolean changed = !UserAttributes.holds(user, name, value);
        if (changed) {
            ObjectNode rep = UserAttributes.updatable(user);
            UserAttributes.set(rep, name, value);
            UserLookup.put(call, user, rep);
            JsonNode after = call.get(UserLookup.path(user), "GET users/{id} (verify " + name + ")");
            if (!UserAttributes.holds(after, name, value)) {
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
}
