package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.BulkResult;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The entitlement operations of {@link EntraIdProvider}: list, resolve, grant and revoke memberships in groups and
 * administrative units (by object id or unique display name), singly or in bulk (groups through {@link GraphBatch}).
 * Granting what is held or revoking what is not reports no change. Fails with {@link IllegalArgumentException} for an
 * empty kind or id and {@link ProviderException} for another kind, a missing or ambiguous target and failed Graph
 * calls. Thread-safe.
 */
final class EntraEntitlements {
    static final Pattern ALREADY = Pattern.compile("(?i)already exist|already a member");

    private final GraphClient graph;
    private final GraphUsers users;
    private final int pageSize;
    private final GraphBatch batch;
    private final ObjectMapper json;

    EntraEntitlements(GraphClient graph, GraphUsers users, int pageSize, GraphBatch batch, ObjectMapper json) {
        this.graph = graph;
        this.users = users;
        this.pageSize = pageSize;
        this.batch = batch;
        this.json = json;
    }

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

    List<Entitlement> listEntitlements(String identityKey, AuthSession session, String kind) {
        boolean all = kind == null || kind.isBlank();
        boolean groups = all || kind.equalsIgnoreCase("Group");
        boolean units = all || kind.equalsIgnoreCase("AdministrativeUnit");
        List<Entitlement> result = new ArrayList<>();
        if (!groups && !units) {
            return result;
        }
        String token = users.token(session);
        String userPath = "/users/" + OData.segment(users.resolve(identityKey, token, null).path("id").asText());
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

    Entitlement resolveEntitlement(String kind, Entitlement entitlement, AuthSession session) {
        Entitlement e = Entitlement.requireKindAndId(entitlement);
        for (Kind k : Kind.values()) {
            if (k.id.equalsIgnoreCase(e.kind())) {
                return resolveTarget(k, e, users.token(session));
            }
        }
        return e;
    }

    /** One membership to change: the user's object id, the canonical target and the token for the calls. */
    private record Membership(Kind kind, String token, String userId, Entitlement target) {
    }

    /** Checks the entitlement's kind before any call, then resolves the user and the target, in that order. */
    private Membership membership(String identityKey, Entitlement entitlement, AuthSession session, String operation) {
        Entitlement e = Entitlement.requireKindAndId(entitlement);
        Kind kind = Kind.of(e.kind(), operation);
        String token = users.token(session);
        String userId = users.resolve(identityKey, token, null).path("id").asText();
        return new Membership(kind, token, userId, resolveTarget(kind, e, token));
    }

    ProviderResult grantEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Membership m = membership(identityKey, entitlement, session, ProviderMethods.GRANT_ENTITLEMENT);
        Kind kind = m.kind();
        String token = m.token();
        Entitlement target = m.target();
        String path = membersPath(kind, target.id()) + "/$ref";
        ObjectNode body = json.createObjectNode().put("@odata.id", memberRef(kind, m.userId()));
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

    ProviderResult revokeEntitlement(String identityKey, Entitlement entitlement, AuthSession session) {
        Membership m = membership(identityKey, entitlement, session, ProviderMethods.REVOKE_ENTITLEMENT);
        String token = m.token();
        Entitlement target = m.target();
        String path = membersPath(m.kind(), target.id()) + "/" + OData.segment(m.userId()) + "/$ref";
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

    /**
     * Groups go through {@code $batch} in chunks of 20 ({@link GraphBatch}, which sends throttled items again after
     * their {@code Retry-After}); administrative units one by one. Results come back in input order.
     */
    List<BulkResult> bulk(String identityKey, List<Entitlement> entitlements, AuthSession session,
                          boolean grant) {
        String operation = grant ? ProviderMethods.GRANT_ENTITLEMENT : ProviderMethods.REVOKE_ENTITLEMENT;
        String token = users.token(session);
        String userId = users.resolve(identityKey, token, null).path("id").asText();
        BulkResult[] results = new BulkResult[entitlements.size()];
        List<Integer> groupItems = new ArrayList<>();
        List<Entitlement> targets = new ArrayList<>();
        for (int i = 0; i < entitlements.size(); i++) {
            Entitlement e = Entitlement.requireKindAndId(entitlements.get(i));
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
}
