package dev.idle.graphsim;

import static dev.idle.graphsim.GraphRequests.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /users} and {@code /users/{id|upn}} (list with {@code $filter}, get, create, update, delete) and
 * {@code /directoryObjects/{id}}. Called under the simulator's lock.
 */
final class UsersHandler {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GraphTenant tenant;
    private final ODataPages pages;

    UsersHandler(GraphTenant tenant, ODataPages pages) {
        this.tenant = tenant;
        this.pages = pages;
    }

    GraphAnswer collection(String method, Map<String, String> q, JsonNode body, RequestContext ctx) {
        return switch (method) {
            case "GET" -> list(q, ctx);
            case "POST" -> create(body, ctx);
            default -> GraphRequests.methodNotAllowed(method);
        };
    }

    GraphAnswer user(String method, String key, Map<String, String> q, JsonNode body, RequestContext ctx) {
        return switch (method) {
            case "GET" -> get(key, q, ctx);
            case "PATCH" -> patch(key, body, ctx);
            case "DELETE" -> delete(key, ctx);
            default -> GraphRequests.methodNotAllowed(method);
        };
    }

    private GraphAnswer list(Map<String, String> q, RequestContext ctx) {
        require(ctx, Permission.USER_READ);
        ODataPages.checkOptions(q, true);
        List<Map<String, Object>> all = new ArrayList<>(tenant.dir.users.values());
        if (q.containsKey("$filter")) {
            Predicate<Map<String, Object>> p = ODataFilter.parse(q.get("$filter"), Directory.USER_FILTERABLE);
            all.removeIf(p.negate());
        }
        return pages.page(all, "users", q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES,
                "microsoft.graph.user", "users", null);
    }

    private GraphAnswer get(String key, Map<String, String> q, RequestContext ctx) {
        require(ctx, Permission.USER_READ);
        ODataPages.checkOptions(q, false);
        Map<String, Object> u = tenant.dir.requireUser(key);
        ObjectNode o = NODES.objectNode();
        List<String> select = ODataPages.select(q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES,
                "microsoft.graph.user");
        o.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#users" + ODataPages.selectSuffix(q) + "/$entity");
        ODataPages.project(u, select, o);
        return new GraphAnswer(200, o);
    }

    /** Any directory object by id, annotated with its {@code @odata.type}. */
    GraphAnswer directoryObject(String id, Map<String, String> q, RequestContext ctx) {
        Directory dir = tenant.dir;
        Directory.Kind k = dir.kindOf(id);
        if (k == null) {
            throw GraphError.notFound(id);
        }
        ODataPages.checkOptions(q, false);
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#directoryObjects/$entity");
        String cid = Directory.canonicalId(id);
        switch (k) {
            case USER -> {
                require(ctx, Permission.USER_READ);
                o.put("@odata.type", "#microsoft.graph.user");
                ODataPages.project(dir.users.get(cid), ODataPages.select(q, Directory.USER_DEFAULT_SELECT,
                        Directory.USER_PROPERTIES, "microsoft.graph.user"), o);
            }
            case GROUP -> {
                require(ctx, Permission.GROUP_READ);
                o.put("@odata.type", "#microsoft.graph.group");
                ODataPages.project(dir.groups.get(cid), ODataPages.select(q, null, Directory.GROUP_PROPERTIES,
                        "microsoft.graph.group"), o);
            }
            default -> {
                require(ctx, Permission.AU_READ);
                o.put("@odata.type", "#microsoft.graph.administrativeUnit");
                ODataPages.project(dir.units.get(cid), ODataPages.select(q, null, Directory.AU_PROPERTIES,
                        "microsoft.graph.administrativeUnit"), o);
            }
        }
        return new GraphAnswer(200, o);
    }

    private GraphAnswer create(JsonNode body, RequestContext ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = tenant.dir.createUser(GraphRequests.bodyMap(body), true);
        ObjectNode o = NODES.objectNode();
        o.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#users/$entity");
        List<String> created = new ArrayList<>(Directory.USER_DEFAULT_SELECT);
        created.add("accountEnabled");
        ODataPages.project(u, created, o);
        return new GraphAnswer(201, o);
    }

    private GraphAnswer patch(String key, JsonNode body, RequestContext ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = tenant.dir.requireUser(key);
        tenant.dir.updateUser(u, GraphRequests.bodyMap(body));
        return new GraphAnswer(204, null);
    }

    private GraphAnswer delete(String key, RequestContext ctx) {
        require(ctx, Permission.USER_WRITE);
        Map<String, Object> u = tenant.dir.requireUser(key);
        tenant.dir.deleteUser((String) u.get("id"));
        tenant.mailboxes.byUser.remove((String) u.get("id"));
        return new GraphAnswer(204, null);
    }
}
