package dev.idle.oktasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/users} and {@code /api/v1/users/{id|login}}: search on {@code profile.email}/{@code profile.login},
 * create (staged or activated), partial profile update, lifecycle operations, and delete (the first DELETE
 * deactivates, the second deletes, as in Okta). Called while synchronised on the tenant.
 */
final class UsersHandler {
    private static final Pattern SEARCH = Pattern.compile("profile\\.(email|login)\\s+eq\\s+\"([^\"]*)\"");

    private final OktaTenant tenant;

    UsersHandler(OktaTenant tenant) {
        this.tenant = tenant;
    }

    OktaAnswer collection(String method, Map<String, String> q, JsonNode body) {
        if (method.equals("GET")) {
            return list(q);
        }
        if (method.equals("POST")) {
            return create(q, body);
        }
        return OktaAnswer.methodNotAllowed();
    }

    OktaAnswer user(String method, OktaTenant.User u, JsonNode body) {
        switch (method) {
            case "GET":
                return OktaAnswer.ok(tenant.userJson(u));
            case "POST":
                return updateProfile(u, body);
            case "DELETE":
                if (!u.status.equals("DEPROVISIONED")) {
                    tenant.deactivate(u);
                } else {
                    tenant.users.remove(u.id);
                    tenant.groups.values().forEach(g -> g.members.remove(u.id));
                }
                return OktaAnswer.noContent();
            default:
                return OktaAnswer.methodNotAllowed();
        }
    }

    private OktaAnswer list(Map<String, String> q) {
        String expr = q.getOrDefault("search", q.get("filter"));
        ArrayNode out = OktaTenant.JSON.createArrayNode();
        if (expr != null) {
            Matcher m = SEARCH.matcher(expr.trim());
            if (!m.matches()) {
                return OktaAnswer.error(400, "E0000031", "Invalid search criteria.", List.of());
            }
            for (OktaTenant.User u : tenant.users.values()) {
                if (m.group(2).equalsIgnoreCase(String.valueOf(u.profile.get(m.group(1))))) {
                    out.add(tenant.userJson(u));
                }
            }
        } else {
            String prefix = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
            for (OktaTenant.User u : tenant.users.values()) {
                if (u.profile.values().stream().anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT)
                        .startsWith(prefix))) {
                    out.add(tenant.userJson(u));
                }
            }
        }
        return OktaAnswer.ok(out);
    }

    private OktaAnswer create(Map<String, String> q, JsonNode body) {
        JsonNode profile = body == null ? null : body.get("profile");
        if (profile == null || !profile.isObject()) {
            return OktaAnswer.error(400, "E0000003", "The request body was not well-formed.", List.of());
        }
        List<String> causes = new ArrayList<>();
        for (String required : List.of("login", "email", "firstName", "lastName")) {
            if (!profile.hasNonNull(required) || profile.get(required).asText().isBlank()) {
                causes.add(required + ": The field cannot be left blank");
            }
        }
        String login = profile.path("login").asText("");
        if (!login.isBlank() && tenant.find(login) != null) {
            causes.add("login: An object with this field already exists in the current organization");
        }
        causes.addAll(undeclaredProperties(profile));
        if (!causes.isEmpty()) {
            return OktaAnswer.error(400, "E0000001", "Api validation failed: " + causes.get(0).split(":")[0], causes);
        }
        OktaTenant.User u = new OktaTenant.User("00u" + tenant.randomId(17), tenant.now());
        profile.fields().forEachRemaining(e -> u.profile.put(e.getKey(),
                OktaTenant.JSON.convertValue(e.getValue(), Object.class)));
        u.hasPassword = body.path("credentials").path("password").hasNonNull("value");
        boolean activate = !"false".equalsIgnoreCase(q.getOrDefault("activate", "true"));
        u.status = activate ? (u.hasPassword ? "ACTIVE" : "PROVISIONED") : "STAGED";
        tenant.users.put(u.id, u);
        return OktaAnswer.ok(tenant.userJson(u));
    }

    private List<String> undeclaredProperties(JsonNode profile) {
        List<String> causes = new ArrayList<>();
        profile.fieldNames().forEachRemaining(f -> {
            if (!tenant.knownProfileProperty(f)) {
                causes.add("Property name '" + f + "' is not defined in profile");
            }
        });
        return causes;
    }

    private OktaAnswer updateProfile(OktaTenant.User u, JsonNode body) {
        JsonNode profile = body == null ? null : body.get("profile");
        if (profile == null || !profile.isObject()) {
            return OktaAnswer.error(400, "E0000003", "The request body was not well-formed.", List.of());
        }
        List<String> causes = undeclaredProperties(profile);
        if (!causes.isEmpty()) {
            return OktaAnswer.error(400, "E0000001", "Api validation failed: profile", causes);
        }
        profile.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                u.profile.remove(e.getKey());
            } else {
                u.profile.put(e.getKey(), OktaTenant.JSON.convertValue(e.getValue(), Object.class));
            }
        });
        u.lastUpdated = tenant.now();
        return OktaAnswer.ok(tenant.userJson(u));
    }

    /** {@code POST /users/{id}/lifecycle/{op}}: activate, deactivate, suspend, unsuspend with Okta's refusals. */
    OktaAnswer lifecycle(OktaTenant.User u, String op) {
        switch (op) {
            case "activate":
                if (u.status.equals("ACTIVE")) {
                    return OktaAnswer.error(403, "E0000016", "Activation failed because the user is already active",
                            List.of());
                }
                u.status = u.hasPassword ? "ACTIVE" : "PROVISIONED";
                break;
            case "deactivate":
                tenant.deactivate(u);
                break;
            case "suspend":
                if (!u.status.equals("ACTIVE")) {
                    return OktaAnswer.error(400, "E0000001", "Api validation failed: status",
                            List.of("status: Cannot suspend a user that is not active"));
                }
                u.status = "SUSPENDED";
                break;
            case "unsuspend":
                if (!u.status.equals("SUSPENDED")) {
                    return OktaAnswer.error(400, "E0000001", "Api validation failed: status",
                            List.of("status: Cannot unsuspend a user that is not suspended"));
                }
                u.status = "ACTIVE";
                break;
            default:
                return OktaAnswer.notFound(op);
        }
        u.statusChanged = tenant.now();
        return OktaAnswer.ok(OktaTenant.JSON.createObjectNode());
    }
}
