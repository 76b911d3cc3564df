package dev.idle.graphsim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OData query options Graph's directory collections accept here ({@code $select}, {@code $filter},
 * {@code $top}, {@code $skiptoken}), projection of entities to the selected properties, and paging with
 * {@code @odata.nextLink}. Called under the simulator's lock.
 */
final class ODataPages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> LIST_OPTIONS = Set.of("$select", "$filter", "$top", "$skiptoken");
    private static final Set<String> ENTITY_OPTIONS = Set.of("$select");

    private final GraphTenant tenant;

    ODataPages(GraphTenant tenant) {
        this.tenant = tenant;
    }

    /** Refuses options the resource does not take; normalises {@code select} to {@code $select} (and so on). */
    static void checkOptions(Map<String, String> q, boolean list) {
        Set<String> allowed = list ? LIST_OPTIONS : ENTITY_OPTIONS;
        for (String k : q.keySet()) {
            String normal = k.startsWith("$") ? k : "$" + k;
            if (!allowed.contains(normal)) {
                if (k.startsWith("$") || Set.of("select", "filter", "top", "skiptoken", "orderby", "expand", "count",
                        "search", "skip").contains(k)) {
                    throw new GraphError(400, "Request_BadRequest", "Query option '" + k + "' is not supported by "
                            + "the simulator on this resource.");
                }
            }
        }
        for (String k : new ArrayList<>(q.keySet())) {
            if (!k.startsWith("$") && allowed.contains("$" + k)) {
                q.put("$" + k, q.remove(k));
            }
        }
    }

    static String selectSuffix(Map<String, String> q) {
        return q.containsKey("$select") ? "(" + q.get("$select").replace(" ", "") + ")" : "";
    }

    /** The selected properties in their declared spelling, or {@code defaults} without {@code $select}. */
    static List<String> select(Map<String, String> q, List<String> defaults, Set<String> props, String type) {
        String s = q.get("$select");
        if (s == null || s.isBlank()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String match = null;
            for (String known : props) {
                if (known.equalsIgnoreCase(p)) {
                    match = known;
                }
            }
            if (match == null) {
                throw new GraphError(400, "Request_BadRequest",
                        "Could not find a property named '" + p + "' on type '" + type + "'.");
            }
            if (!out.contains(match)) {
                out.add(match);
            }
        }
        return out;
    }

    /** Copies selected properties ({@code null} = all but write-only ones) into {@code out}. */
    static void project(Map<String, Object> entity, List<String> select, ObjectNode out) {
        if (select == null) {
            for (Map.Entry<String, Object> e : entity.entrySet()) {
                if (!e.getKey().equals("passwordProfile")) {
                    out.set(e.getKey(), GraphRequests.JSON.valueToTree(e.getValue()));
                }
            }
            return;
        }
        for (String p : select) {
            out.set(p, p.equals("passwordProfile") ? NODES.nullNode() : GraphRequests.JSON.valueToTree(entity.get(p)));
        }
    }

    /**
     * One page of {@code items} ({@code $top} or the simulator's page size; {@code $skiptoken} is the offset) with
     * {@code @odata.nextLink} to {@code pathForNext} when more follow. {@code type} null means mixed directory objects,
     * each annotated with its {@code @odata.type} when {@code typeAnnotation} is not null.
     */
    GraphAnswer page(List<Map<String, Object>> items, String contextSet, Map<String, String> q,
                     List<String> defaultSelect, Set<String> props, String type, String pathForNext,
                     String typeAnnotation) {
        int size = tenant.pageSize;
        if (q.containsKey("$top")) {
            try {
                size = Integer.parseInt(q.get("$top").trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 999) {
                throw new GraphError(400, "Request_UnsupportedQuery", "Invalid page size specified: '" + q.get("$top")
                        + "'. Must be between 1 and 999 inclusive.");
            }
        }
        int offset = 0;
        if (q.containsKey("$skiptoken")) {
            offset = decodeSkipToken(q.get("$skiptoken"));
        }
        List<String> select = select(q, defaultSelect, props, type == null ? "microsoft.graph.directoryObject" : type);
        ObjectNode out = NODES.objectNode();
        out.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#" + contextSet + selectSuffix(q));
        int end = Math.min(items.size(), offset + size);
        if (end < items.size()) {
            StringBuilder next = new StringBuilder(tenant.graphBaseUrl().toString()).append('/')
                    .append(encodePath(pathForNext)).append('?');
            for (Map.Entry<String, String> e : q.entrySet()) {
                if (!e.getKey().equals("$skiptoken")) {
                    next.append(encodeQuery(e.getKey())).append('=').append(encodeQuery(e.getValue())).append('&');
                }
            }
            next.append("$skiptoken=").append(encodeSkipToken(end));
            out.put("@odata.nextLink", next.toString());
        }
        ArrayNode value = out.putArray("value");
        for (Map<String, Object> item : items.subList(Math.min(offset, items.size()), end)) {
            ObjectNode o = value.addObject();
            if (typeAnnotation != null) {
                String t = type != null ? type : (tenant.dir.groups.containsKey((String) item.get("id"))
                        ? "microsoft.graph.group" : "microsoft.graph.administrativeUnit");
                o.put("@odata.type", "#" + t);
            }
            List<String> effective = select;
            if (select != null && type == null) {
                // memberOf without a cast mixes types: only properties the object has
                effective = select.stream().filter(item::containsKey).toList();
            }
            project(item, effective, o);
        }
        return new GraphAnswer(200, out);
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String s : path.split("/")) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encodeQuery(s));
        }
        return sb.toString();
    }

    private static String encodeQuery(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    private static String encodeSkipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("gsim:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeSkipToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("gsim:")) {
                int n = Integer.parseInt(s.substring(5));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new GraphError(400, "Request_BadRequest", "Invalid skip token.");
    }
}
