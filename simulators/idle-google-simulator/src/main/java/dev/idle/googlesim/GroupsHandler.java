package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups and members: {@code groups.get}, {@code groups.list} (all, or a user's with {@code userKey}) paged with
 * {@code maxResults} (1..200) and {@code pageToken}/{@code nextPageToken}, {@code members.insert} and
 * {@code members.delete}. Called while synchronised on the tenant.
 */
final class GroupsHandler {
    private final GoogleTenant tenant;

    GroupsHandler(GoogleTenant tenant) {
        this.tenant = tenant;
    }

    /** {@code seg} is the path below the API root, starting with {@code groups}. */
    GoogleAnswer groups(String method, String[] seg, Map<String, String> q, JsonNode body) {
        if (seg.length == 1 && method.equals("GET")) {
            return listGroups(q);
        }
        if (seg.length < 2) {
            return GoogleAnswer.methodNotAllowed();
        }
        ObjectNode g = tenant.findGroup(seg[1]);
        if (g == null) {
            return GoogleAnswer.notFound("groupKey");
        }
        Set<String> m = tenant.members.get(g.get("id").asText());
        if (seg.length == 2 && method.equals("GET")) {
            return new GoogleAnswer(200, tenant.withCount(g));
        }
        if (seg.length == 3 && seg[2].equals("members") && method.equals("POST")) {
            String email = body == null ? "" : body.path("email").asText(body.path("id").asText(""));
            ObjectNode u = tenant.findUser(email);
            if (u == null) {
                return GoogleAnswer.notFound("memberKey");
            }
            if (!m.add(u.get("id").asText())) {
                return GoogleAnswer.error(409, "Member already exists.", "duplicate", "ALREADY_EXISTS");
            }
            ObjectNode member = GoogleTenant.JSON.createObjectNode();
            member.put("kind", "admin#directory#member");
            member.put("id", u.get("id").asText());
            member.put("email", u.get("primaryEmail").asText());
            member.put("role", body.path("role").asText("MEMBER"));
            member.put("type", "USER");
            member.put("status", "ACTIVE");
            return new GoogleAnswer(200, member);
        }
        if (seg.length == 4 && seg[2].equals("members") && method.equals("DELETE")) {
            ObjectNode u = tenant.findUser(seg[3]);
            if (u == null || !m.remove(u.get("id").asText())) {
                return GoogleAnswer.notFound("memberKey");
            }
            return new GoogleAnswer(204, null);
        }
        return GoogleAnswer.noSuchPath();
    }

    private GoogleAnswer listGroups(Map<String, String> q) {
        List<ObjectNode> matching = new ArrayList<>();
        if (q.get("userKey") != null) {
            ObjectNode u = tenant.findUser(q.get("userKey"));
            if (u == null) {
                return GoogleAnswer.notFound("userKey");
            }
            String uid = u.get("id").asText();
            tenant.groups.values().stream().filter(g -> tenant.members.get(g.get("id").asText()).contains(uid))
                    .forEach(matching::add);
        } else {
            matching.addAll(tenant.groups.values());
        }
        int max = 200;
        if (q.get("maxResults") != null) {
            try {
                max = Integer.parseInt(q.get("maxResults"));
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > 200) {
                return GoogleAnswer.error(400, "Invalid value '" + q.get("maxResults")
                        + "'. Values must be within the range: [1, 200]", "invalid", "INVALID_ARGUMENT");
            }
        }
        max = Math.min(tenant.pageSize, max);
        int start = 0;
        if (q.get("pageToken") != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(q.get("pageToken")),
                        StandardCharsets.UTF_8).replace("offset:", ""));
            } catch (IllegalArgumentException e) {
                return GoogleAnswer.error(400, "Invalid Input: pageToken", "invalid", "INVALID_ARGUMENT");
            }
        }
        ObjectNode out = GoogleTenant.JSON.createObjectNode();
        out.put("kind", "admin#directory#groups");
        out.put("etag", "\"" + tenant.hex(16) + "\"");
        if (start < matching.size()) {
            ArrayNode arr = out.putArray("groups");
            matching.subList(start, Math.min(start + max, matching.size()))
                    .forEach(g -> arr.add(tenant.withCount(g)));
        }
        if (start + max < matching.size()) {
            out.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + (start + max)).getBytes(StandardCharsets.UTF_8)));
        }
        return new GoogleAnswer(200, out);
    }
}
