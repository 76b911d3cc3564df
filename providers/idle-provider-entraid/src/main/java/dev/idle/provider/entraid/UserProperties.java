package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How IdLE attribute names map onto Graph user properties: the fixed names ({@code GivenName}, {@code Mail}, ...) are
 * the Graph property with a capital first letter, any other name is taken as a property with a lower-case first
 * letter. Also compares values as PowerShell's {@code -eq} would and reads Graph's booleans. Stateless.
 */
final class UserProperties {
    /** IdLE attribute name → Graph user property, for the names whose spelling differs or is fixed. */
    private static final Map<String, String> ATTRIBUTES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        // Each IdLE name is the Graph property with a capital first letter (GivenName -> givenName).
        for (String property : List.of("givenName", "surname", "displayName", "userPrincipalName", "mail",
                "department", "jobTitle", "officeLocation", "companyName")) {
            ATTRIBUTES.put(Character.toUpperCase(property.charAt(0)) + property.substring(1), property);
        }
    }

    private UserProperties() {
    }

    static String property(String name) {
        String mapped = ATTRIBUTES.get(name);
        return mapped != null ? mapped : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** True for a property {@link GraphUsers#USER_SELECT} already reads (so no extra {@code $select} is needed). */
    static boolean inDefaultSelect(String property) {
        return GraphUsers.USER_SELECT.contains(property) && ATTRIBUTES.containsValue(property);
    }

    /** The attributes {@code GetIdentity} reports: each mapped property the user has a value for. */
    static DataMap toData(JsonNode user) {
        DataMap attributes = new DataMap();
        ATTRIBUTES.forEach((name, property) -> {
            JsonNode v = user.get(property);
            if (v != null && !v.isNull()) {
                attributes.put(name, v.asText());
            }
        });
        return attributes;
    }

    /** PowerShell-style {@code -eq}: null equals null (and a missing property), strings ignore case. */
    static boolean same(JsonNode current, JsonNode desired) {
        boolean currentNull = current == null || current.isNull() || current.isMissingNode();
        boolean desiredNull = desired == null || desired.isNull() || desired.isMissingNode();
        if (currentNull || desiredNull) {
            return currentNull && desiredNull;
        }
        if (current.isValueNode() && desired.isValueNode()) {
            return current.asText().equalsIgnoreCase(desired.asText());
        }
        return current.equals(desired);
    }

    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        return Values.truthy(n.asText());
    }
}
