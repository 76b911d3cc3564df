package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How IdLE attribute names and values map onto Keycloak's user representation: names such as {@code FirstName},
 * {@code GivenName} or {@code Mail} (any case) go to the representation's root fields, every other name to its custom
 * {@code attributes} (lists of strings, names matched ignoring case). Also builds the body of a new user and compares
 * stored with desired values. Stateless; fails only with {@link IllegalArgumentException} for a malformed
 * {@code Attributes} map.
 */
final class UserAttributes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Attribute names (lower case) that map to fields of Keycloak's user representation. */
    private static final Map<String, String> ROOT_FIELDS = Map.ofEntries(
            Map.entry("username", "username"), Map.entry("firstname", "firstName"), Map.entry("givenname", "firstName"),
            Map.entry("lastname", "lastName"), Map.entry("surname", "lastName"), Map.entry("email", "email"),
            Map.entry("emailaddress", "email"), Map.entry("mail", "email"), Map.entry("emailverified", "emailVerified"));
    private static final Set<String> CREATE_ONLY = Set.of("enabled", "password", "temporarypassword", "groups",
            "requiredactions", "attributes");

    private UserAttributes() {
    }

    /** True for names only {@code CreateIdentity} takes (password, groups, enabled, ...). */
    static boolean createOnly(String name) {
        return CREATE_ONLY.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The user representation {@code POST users} creates from the attributes given to {@code CreateIdentity}. */
    static ObjectNode newUser(String identityKey, DataMap attrs) {
        ObjectNode rep = NODES.objectNode();
        ObjectNode custom = NODES.objectNode();
        rep.put("enabled", attrs.get("Enabled") == null || Values.truthy(attrs.get("Enabled")));
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            if (ROOT_FIELDS.containsKey(lower)) {
                String field = ROOT_FIELDS.get(lower);
                if (field.equals("emailVerified")) {
                    rep.put(field, Values.truthy(v));
                } else if (v != null) {
                    rep.put(field, Values.ps(v));
                }
            } else if (lower.equals("groups")) {
                ArrayNode groups = rep.putArray("groups");
                strings(v).forEach(g -> groups.add(g.startsWith("/") ? g : "/" + g));
            } else if (lower.equals("requiredactions")) {
                ArrayNode actions = rep.putArray("requiredActions");
                strings(v).forEach(actions::add);
            } else if (lower.equals("password")) {
                if (v != null) {
                    ObjectNode cred = rep.putArray("credentials").addObject();
                    cred.put("type", "password");
                    cred.put("value", v instanceof Secret s ? s.reveal() : Values.ps(v));
                    cred.put("temporary", attrs.get("TemporaryPassword") == null
                            || Values.truthy(attrs.get("TemporaryPassword")));
                }
            } else if (lower.equals("attributes")) {
                if (v instanceof Map<?, ?> m) {
                    m.forEach((k, av) -> putCustom(custom, String.valueOf(k), av));
                } else if (v != null) {
                    throw new IllegalArgumentException("Keycloak CreateIdentity: 'Attributes' must be a map of custom"
                            + " attribute names to values.");
                }
            } else if (!lower.equals("enabled") && !lower.equals("temporarypassword")) {
                putCustom(custom, e.getKey(), v);
            }
        }
        if (!rep.hasNonNull("username")) {
            rep.put("username", identityKey);
        }
        if (!rep.hasNonNull("email") && identityKey.contains("@")) {
            rep.put("email", identityKey);
        }
        if (!custom.isEmpty()) {
            rep.set("attributes", custom);
        }
        return rep;
    }

    /** The fields of a user representation that a PUT may carry back. */
    static ObjectNode updatable(JsonNode user) {
        ObjectNode rep = NODES.objectNode();
        for (String f : List.of("username", "enabled", "emailVerified", "firstName", "lastName", "email",
                "attributes", "requiredActions")) {
            if (user.has(f) && !user.get(f).isNull()) {
                rep.set(f, user.get(f).deepCopy());
            }
        }
        if (!rep.has("attributes")) {
            rep.putObject("attributes");
        }
        return rep;
    }

    /**
     * Sets one attribute in an {@link #updatable} representation: a root field, or a custom attribute (replacing
     * the one of the same name in any case; removed when the value is null or an empty collection).
     */
    static void set(ObjectNode rep, String name, Object value) {
        String field = ROOT_FIELDS.get(name.toLowerCase(Locale.ROOT));
        if (field == null) {
            ObjectNode attrs = (ObjectNode) rep.get("attributes");
            String existing = fieldName(attrs, name);
            attrs.remove(existing == null ? name : existing);
            if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                putCustom(attrs, existing == null ? name : existing, value);
            }
        } else if (field.equals("emailVerified")) {
            rep.put(field, Values.truthy(value));
        } else {
            rep.put(field, value == null ? "" : Values.ps(value));
        }
    }

    /** The attributes {@code GetIdentity} reports for a user representation. */
    static DataMap toData(JsonNode user) {
        DataMap a = new DataMap();
        a.put("Id", user.path("id").asText(null));
        a.put("Username", user.path("username").asText(null));
        putIfPresent(a, "FirstName", user.get("firstName"));
        putIfPresent(a, "LastName", user.get("lastName"));
        putIfPresent(a, "Email", user.get("email"));
        a.put("EmailVerified", user.path("emailVerified").asBoolean(false));
        if (user.has("createdTimestamp")) {
            a.put("CreatedTimestamp", user.get("createdTimestamp").asLong());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = user.path("attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ROOT_FIELDS.containsKey(e.getKey().toLowerCase(Locale.ROOT)) || a.containsKey(e.getKey())) {
                continue;
            }
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            a.put(e.getKey(), values.size() == 1 ? values.get(0) : values);
        }
        return a;
    }

    private static void putIfPresent(DataMap a, String key, JsonNode v) {
        if (v != null && !v.isNull()) {
            a.put(key, v.asText());
        }
    }

    /** True when the user already holds the desired value (compared as strings, ignoring case and empty values). */
    static boolean holds(JsonNode user, String name, Object desired) {
        return sameValue(current(user, name), desired);
    }

    /** The current values of an attribute (root field or custom) as strings; empty when absent. */
    private static List<String> current(JsonNode user, String name) {
        String field = ROOT_FIELDS.get(name.toLowerCase(Locale.ROOT));
        if (field != null) {
            JsonNode v = user.get(field);
            if (field.equals("emailVerified")) {
                return List.of(String.valueOf(v != null && v.asBoolean(false)));
            }
            return v == null || v.isNull() || v.asText().isEmpty() ? List.of() : List.of(v.asText());
        }
        JsonNode attrs = user.path("attributes");
        String key = fieldName(attrs, name);
        List<String> values = new ArrayList<>();
        if (key != null) {
            attrs.get(key).forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static boolean sameValue(List<String> current, Object desired) {
        List<String> want = desired instanceof Boolean b ? List.of(String.valueOf(b)) : strings(desired);
        want.removeIf(String::isEmpty);
        if (want.size() != current.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!want.get(i).equalsIgnoreCase(current.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String fieldName(JsonNode obj, String name) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static void putCustom(ObjectNode attrs, String name, Object value) {
        if (value == null) {
            return;
        }
        ArrayNode arr = attrs.putArray(name);
        strings(value).forEach(arr::add);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> {
                if (v != null) {
                    out.add(Values.ps(v));
                }
            });
        } else if (value != null) {
            out.add(Values.ps(value));
        }
        return out;
    }
}
