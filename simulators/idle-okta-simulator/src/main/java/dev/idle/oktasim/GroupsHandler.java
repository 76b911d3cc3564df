package dev.idle.oktasim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups and their members: {@code GET /api/v1/groups} ({@code search=profile.name eq "…"} or a {@code q} prefix),
 * {@code GET /groups/{id}}, {@code PUT/DELETE /groups/{id}/users/{userId}} (only for {@code OKTA_GROUP}s), and a
 * user's groups ({@code GET /users/{id}/groups}) paged with {@code limit}/{@code after} and {@code Link} headers.
 * Called while synchronised on the tenant.
 */
final class GroupsHandler {
    private static final Pattern SEARCH = Pattern.compile("profile\\.name\\s+eq\\s+\"([^\"]*)\"");

    private final OktaTenant tenant;

    GroupsHandler(OktaTenant tenant) {
        this.tenant = tenant;
    }

    /** One page of the user's groups; {@code Link} has {@code rel="self"} and, when more follow, {@code rel="next"}. */
    OktaAnswer userGroups(OktaTenant.User u, Map<String, String> q, String path) {
        List<OktaTenant.Group> mine = tenant.groups.values().stream().filter(g -> g.members.contains(u.id)).toList();
        int limit = tenant.pageSize;
        if (q.get("limit") != null) {
            limit = Math.min(tenant.pageSize, Integer.parseInt(q.get("limit")));
        }
        int start = 0;
        if (q.get("after") != null) {
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i).id.equals(q.get("after"))) {
                    start = i + 1;
                }
            }
        }
        ArrayNode out = OktaTenant.JSON.createArrayNode();
        List<OktaTenant.Group> page = mine.subList(Math.min(start, mine.size()), Math.min(start + limit, mine.size()));
        page.forEach(g -> out.add(OktaTenant.groupJson(g)));
        OktaAnswer r = OktaAnswer.ok(out);
        String self = tenant.baseUrl() + path;
        // one header line per link, as Okta sends them
        r.header("Link", "<" + self + "?limit=" + limit + ">; rel=\"self\"");
        if (start + limit < mine.size()) {
            r.header("Link", "<" + self + "?limit=" + limit + "&after=" + page.get(page.size() - 1).id
                    + ">; rel=\"next\"");
        }
        return r;
    }

    /** {@code seg} is the path below {@code /api/v1}, starting with {@code groups}. */
    OktaAnswer groups(String method, String[] seg, Map<String, String> q) {
        if (seg.length == 1 && method.equals("GET")) {
            return search(q);
        }
        if (seg.length < 2) {
            return OktaAnswer.methodNotAllowed();
        }
        OktaTenant.Group g = tenant.groups.get(seg[1]);
        if (g == null) {
            return OktaAnswer.notFound(seg[1] + " (UserGroup)");
        }
        if (seg.length == 2 && method.equals("GET")) {
            return OktaAnswer.ok(OktaTenant.groupJson(g));
        }
        if (seg.length == 4 && seg[2].equals("users")) {
            OktaTenant.User u = tenant.users.get(seg[3]);
            if (u == null) {
                return OktaAnswer.notFound(seg[3] + " (User)");
            }
            if (!g.type.equals("OKTA_GROUP")) {
                return OktaAnswer.error(400, "E0000099",
                        "Group membership can only be changed for groups of type OKTA_GROUP", List.of());
            }
            if (method.equals("PUT")) {
                g.members.add(u.id);
                return OktaAnswer.noContent();
            }
            if (method.equals("DELETE")) {
                g.members.remove(u.id);
                return OktaAnswer.noContent();
            }
        }
        return OktaAnswer.unknownEndpoint();
    }

    private OktaAnswer search(Map<String, String> q) {
        ArrayNode out = OktaTenant.JSON.createArrayNode();
        String search = q.get("search");
        if (search != null) {
            Matcher m = SEARCH.matcher(search.trim());
            if (!m.matches()) {
                return OktaAnswer.error(400, "E0000031", "Invalid search criteria.", List.of());
            }
            tenant.groups.values().stream().filter(g -> g.name.equalsIgnoreCase(m.group(1)))
                    .forEach(g -> out.add(OktaTenant.groupJson(g)));
        } else {
            String prefix = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
            tenant.groups.values().stream().filter(g -> g.name.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .forEach(g -> out.add(OktaTenant.groupJson(g)));
        }
        return OktaAnswer.ok(out);
    }
}
