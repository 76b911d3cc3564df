package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The entitlement operations of {@link KeycloakProvider}: list, grant, revoke and resolve entitlements of kind
 * {@code Group} (id = group path such as {@code /staff/finance}; a group id or a top-level group name is accepted on
 * input) and {@code RealmRole} (id = role name). Granting what is held or revoking what is not (or what no longer
 * exists) reports no change. Fails with {@link IllegalArgumentException} for an empty or unknown kind or id and with
 * {@link ProviderException} for a missing user, group or role to grant or resolve, and failed admin calls.
 * Thread-safe.
 */
final class KeycloakEntitlements {
    static final String KIND_GROUP = "Group";
    static final String KIND_REALM_ROLE = "RealmRole";
    private static final int PAGE = 100;

    private final KeycloakConfig config;
    private final AdminCalls calls;
    private final UserLookup users;

    KeycloakEntitlements(KeycloakConfig config, AdminCalls calls, UserLookup users) {
        this.config = config;
        this.calls = calls;
        this.users = users;
    }

    /** The user's entitlements of one kind, or of both kinds when {@code kind} is null: groups first, then roles. */
    List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        String base = UserLookup.path(user);
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

    /** The canonical form of an entitlement (group path, role name as stored). */
    Entitlement resolveEntitlement(Entitlement entitlement, AuthSession session) {
        AdminCall call = calls.call(session);
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

    /** Grants ({@code grant}) or revokes one entitlement. */
    ProviderResult changeEntitlement(String identityKey, Entitlement entitlement, AuthSession session,
                                             boolean grant) {
        String op = grant ? ProviderMethods.GRANT_ENTITLEMENT : ProviderMethods.REVOKE_ENTITLEMENT;
        Entitlement e = normalise(entitlement);
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        String base = UserLookup.path(user);
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
                ArrayNode body = JsonNodeFactory.instance.arrayNode();
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

    private static Entitlement normalise(Entitlement entitlement) {
        Entitlement e = Entitlement.requireKindAndId(entitlement);
        String kind = e.kind();
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

    private List<JsonNode> userGroups(AdminCall call, String base) {
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
    private JsonNode findGroup(AdminCall call, String id) {
        if (!id.startsWith("/")) {
            if (UserLookup.looksLikeId(id)) {
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

    private JsonNode findRole(AdminCall call, String name) {
        KeycloakHttp.Reply r = call.send("GET", "roles/" + KeycloakHttp.enc(name), null, "GET roles/" + name);
        if (r.status() == 404) {
            return null;
        }
        call.check(r, "GET roles/" + name);
        return r.body();
    }
}
