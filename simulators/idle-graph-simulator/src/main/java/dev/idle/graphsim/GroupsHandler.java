package dev.idle.graphsim;

import static dev.idle.graphsim.GraphRequests.methodNotAllowed;
import static dev.idle.graphsim.GraphRequests.require;
import static dev.idle.graphsim.GraphRequests.unknownSegment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups and administrative units and their direct members: {@code /groups[/{id}[/members[/$ref | /{id}/$ref]]]},
 * the same under {@code /directory/administrativeUnits}, and a user's {@code memberOf} (optionally cast to one of
 * the two types). Called under the simulator's lock.
 */
final class GroupsHandler {
    private static final Pattern REF = Pattern.compile(
            "https?://[^/]+/(?:v1\\.0|beta)/(?:directoryObjects|users|groups|devices|servicePrincipals)/([^/?#]+)/?");

    private final GraphTenant tenant;
    private final ODataPages pages;

    GroupsHandler(GraphTenant tenant, ODataPages pages) {
        this.tenant = tenant;
        this.pages = pages;
    }

    /** {@code /users/{key}/memberOf[/{cast}]}. */
    GraphAnswer memberOf(String key, String cast, Map<String, String> q, RequestContext ctx) {
        boolean groups;
        boolean units;
        String type;
        if (cast == null) {
            groups = true;
            units = true;
            type = null;
            require(ctx, Permission.USER_READ);
        } else if (cast.equals("microsoft.graph.group")) {
            groups = true;
            units = false;
            type = "microsoft.graph.group";
            require(ctx, Permission.USER_READ, Permission.GROUP_READ);
        } else if (cast.equals("microsoft.graph.administrativeUnit")) {
            groups = false;
            units = true;
            type = "microsoft.graph.administrativeUnit";
            require(ctx, Permission.USER_READ, Permission.AU_READ);
        } else {
            throw unknownSegment(cast);
        }
        ODataPages.checkOptions(q, true);
        Map<String, Object> u = tenant.dir.requireUser(key);
        List<Map<String, Object>> items = tenant.dir.memberOf((String) u.get("id"), groups, units);
        if (q.containsKey("$filter")) {
            Predicate<Map<String, Object>> p = ODataFilter.parse(q.get("$filter"),
                    units && !groups ? Directory.AU_FILTERABLE : Directory.GROUP_FILTERABLE);
            items.removeIf(p.negate());
        }
        Set<String> props = new LinkedHashSet<>(Directory.GROUP_PROPERTIES);
        if (!groups) {
            props = Directory.AU_PROPERTIES;
        } else if (units) {
            props.addAll(Directory.AU_PROPERTIES);
        }
        return pages.page(items, type == null ? "directoryObjects" : (groups ? "groups" : "administrativeUnits"), q,
                null, props, type, "users/" + key + "/memberOf" + (cast == null ? "" : "/" + cast),
                type == null ? "" : null);
    }

    /** {@code seg} is the path below the entity set ({@code []}, {@code [id]}, {@code [id, members, …]}). */
    GraphAnswer containers(Directory.Kind kind, String method, List<String> seg, Map<String, String> q,
                           JsonNode body, RequestContext ctx, String entitySet) {
        Directory dir = tenant.dir;
        Permission read = kind == Directory.Kind.GROUP ? Permission.GROUP_READ : Permission.AU_READ;
        Permission write = kind == Directory.Kind.GROUP ? Permission.GROUP_MEMBER_WRITE : Permission.AU_MEMBER_WRITE;
        Set<String> props = kind == Directory.Kind.GROUP ? Directory.GROUP_PROPERTIES : Directory.AU_PROPERTIES;
        Set<String> filterable = kind == Directory.Kind.GROUP ? Directory.GROUP_FILTERABLE : Directory.AU_FILTERABLE;
        String type = kind == Directory.Kind.GROUP ? "microsoft.graph.group" : "microsoft.graph.administrativeUnit";
        Map<String, Map<String, Object>> store = kind == Directory.Kind.GROUP ? dir.groups : dir.units;
        int n = seg.size();
        if (n == 0) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read);
            ODataPages.checkOptions(q, true);
            List<Map<String, Object>> all = new ArrayList<>(store.values());
            if (q.containsKey("$filter")) {
                all.removeIf(ODataFilter.parse(q.get("$filter"), filterable).negate());
            }
            return pages.page(all, entitySet, q, null, props, type, entitySet, null);
        }
        String id = seg.get(0);
        if (n == 1) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read);
            ODataPages.checkOptions(q, false);
            Map<String, Object> c = dir.requireContainer(kind, id);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#" + entitySet + ODataPages.selectSuffix(q)
                    + "/$entity");
            ODataPages.project(c, ODataPages.select(q, null, props, type), o);
            return new GraphAnswer(200, o);
        }
        if (!seg.get(1).equals("members")) {
            throw unknownSegment(seg.get(1));
        }
        if (n == 2) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            require(ctx, read, Permission.USER_READ);
            ODataPages.checkOptions(q, true);
            Map<String, Object> c = dir.requireContainer(kind, id);
            List<Map<String, Object>> users = new ArrayList<>();
            for (String uid : dir.members.get((String) c.get("id"))) {
                Map<String, Object> u = dir.users.get(uid);
                if (u != null) {
                    users.add(u);
                }
            }
            return pages.page(users, "directoryObjects", q, Directory.USER_DEFAULT_SELECT, Directory.USER_PROPERTIES,
                    "microsoft.graph.user", entitySet + "/" + id + "/members", "");
        }
        if (n == 3 && seg.get(2).equals("$ref")) {
            if (!method.equals("POST")) {
                return methodNotAllowed(method);
            }
            require(ctx, write);
            Map<String, Object> c = dir.requireContainer(kind, id);
            String memberId = referencedId(body);
            Directory.Kind mk = dir.kindOf(memberId);
            if (mk == null) {
                throw GraphError.notFound(memberId);
            }
            if (mk != Directory.Kind.USER) {
                throw GraphError.badRequest("The simulator supports users as members only.");
            }
            dir.addMember((String) c.get("id"), Directory.canonicalId(memberId));
            return new GraphAnswer(204, null);
        }
        if (n == 4 && seg.get(3).equals("$ref")) {
            if (!method.equals("DELETE")) {
                return methodNotAllowed(method);
            }
            require(ctx, write);
            Map<String, Object> c = dir.requireContainer(kind, id);
            String memberId = Directory.canonicalId(seg.get(2));
            if (memberId == null || dir.kindOf(memberId) == null) {
                throw GraphError.notFound(seg.get(2));
            }
            dir.removeMember((String) c.get("id"), memberId);
            return new GraphAnswer(204, null);
        }
        throw unknownSegment(seg.get(n - 1));
    }

    private static String referencedId(JsonNode body) {
        if (body == null || !body.path("@odata.id").isTextual()) {
            throw GraphError.badRequest("The request payload must contain '@odata.id'.");
        }
        String ref = body.get("@odata.id").asText();
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw GraphError.badRequest("Invalid URL format specified in @odata.id: '" + ref + "'.");
        }
        String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (Directory.canonicalId(id) == null) {
            throw GraphError.badRequest("Invalid object identifier '" + id + "'.");
        }
        return id;
    }
}
