package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * {@code users.insert/get/update/patch/delete} under {@code /admin/directory/v1/users}, with Google's checks on insert
 * (primary domain, given and family name, password length, org unit) and merge semantics on update (a JSON
 * {@code null} removes a field); {@code users.signOut} goes to {@link SessionsHandler}. Called while synchronised on
 * the tenant.
 */
final class UsersHandler {
    private final GoogleTenant tenant;
    private final SessionsHandler sessions;

    UsersHandler(GoogleTenant tenant) {
        this.tenant = tenant;
        this.sessions = new SessionsHandler(tenant);
    }

    /** {@code seg} is the path below the API root, starting with {@code users}. */
    GoogleAnswer users(String method, String[] seg, JsonNode body) {
        if (seg.length == 1) {
            return method.equals("POST") ? insertUser(body) : GoogleAnswer.methodNotAllowed();
        }
        ObjectNode u = tenant.findUser(seg[1]);
        if (u == null) {
            return GoogleAnswer.notFound("userKey");
        }
        String id = u.get("id").asText();
        if (seg.length == 2) {
            switch (method) {
                case "GET":
                    return new GoogleAnswer(200, u.deepCopy());
                case "PUT":
                case "PATCH":
                    return updateUser(u, body);
                case "DELETE":
                    tenant.users.remove(id);
                    tenant.members.values().forEach(m -> m.remove(id));
                    tenant.sessions.remove(id);
                    return new GoogleAnswer(204, null);
                default:
                    return GoogleAnswer.methodNotAllowed();
            }
        }
        if (seg.length == 3 && seg[2].equals("signOut") && method.equals("POST")) {
            return sessions.signOut(id);
        }
        return GoogleAnswer.noSuchPath();
    }

    private GoogleAnswer insertUser(JsonNode body) {
        if (body == null || !body.isObject()) {
            return GoogleAnswer.error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
        }
        String email = body.path("primaryEmail").asText("").toLowerCase(Locale.ROOT);
        if (email.isBlank() || !email.endsWith("@" + tenant.domain)) {
            return GoogleAnswer.error(400, "Invalid Input: primary_user_email", "invalid", "INVALID_ARGUMENT");
        }
        if (tenant.findUser(email) != null) {
            return GoogleAnswer.error(409, "Entity already exists.", "duplicate", "ALREADY_EXISTS");
        }
        if (body.path("name").path("givenName").asText("").isBlank()) {
            return GoogleAnswer.error(400, "Invalid Given/Family Name: GivenName", "invalid", "INVALID_ARGUMENT");
        }
        if (body.path("name").path("familyName").asText("").isBlank()) {
            return GoogleAnswer.error(400, "Invalid Given/Family Name: FamilyName", "invalid", "INVALID_ARGUMENT");
        }
        if (body.path("password").asText("").length() < 8) {
            return GoogleAnswer.error(400, "Invalid Password", "invalid", "INVALID_ARGUMENT");
        }
        String ou = body.path("orgUnitPath").asText("/");
        if (!tenant.orgUnits.contains(ou)) {
            return GoogleAnswer.error(400, "Invalid Input: INVALID_OU_ID", "invalid", "INVALID_ARGUMENT");
        }
        ObjectNode u = tenant.newUser(email, body.path("name").path("givenName").asText(),
                body.path("name").path("familyName").asText());
        merge(u, body);
        u.remove("password");
        u.remove("hashFunction");
        tenant.users.put(u.get("id").asText(), u);
        return new GoogleAnswer(200, u.deepCopy());
    }

    private GoogleAnswer updateUser(ObjectNode u, JsonNode body) {
        if (body == null || !body.isObject()) {
            return GoogleAnswer.error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
        }
        if (body.has("orgUnitPath") && !tenant.orgUnits.contains(body.get("orgUnitPath").asText())) {
            return GoogleAnswer.error(400, "Invalid Input: INVALID_OU_ID", "invalid", "INVALID_ARGUMENT");
        }
        if (body.has("primaryEmail")) {
            ObjectNode other = tenant.findUser(body.get("primaryEmail").asText());
            if (other != null && other != u) {
                return GoogleAnswer.error(409, "Entity already exists.", "duplicate", "ALREADY_EXISTS");
            }
        }
        merge(u, body);
        u.remove("password");
        if (u.path("suspended").asBoolean()) {
            if (!u.has("suspensionReason")) {
                u.put("suspensionReason", "ADMIN");
            }
        } else {
            u.remove("suspensionReason");
        }
        ObjectNode name = (ObjectNode) u.get("name");
        name.put("fullName", name.path("givenName").asText() + " " + name.path("familyName").asText());
        u.put("etag", "\"" + tenant.hex(16) + "\"");
        return new GoogleAnswer(200, u.deepCopy());
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
