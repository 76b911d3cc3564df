package dev.idle.internal.condition;

import dev.idle.internal.path.MapKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The names the condition DSL knows, shared by schema check, evaluation and path collection. */
final class ConditionKeys {

    static final List<String> GROUPS = List.of("All", "Any", "None");
    static final List<String> OPERATORS =
            List.of("Equals", "NotEquals", "Exists", "In", "Contains", "NotContains", "Like", "NotLike");

    /** Operators whose paths the static check validates; a typo there would silently compare against "". */
    static final List<String> CHECKED_OPERATORS = List.of("Equals", "NotEquals", "In");

    private static final String CONTEXT_PREFIX = "context.";

    private ConditionKeys() {
    }

    /** The canonical spelling of {@code key} when it is one of {@code names} (ignoring case), else null. */
    static String canonical(String key, List<String> names) {
        for (String n : names) {
            if (n.equalsIgnoreCase(key)) {
                return n;
            }
        }
        return null;
    }

    /** The one group or operator key of a (schema-valid) node, in canonical spelling, or null. */
    static String nodeKey(Map<?, ?> node) {
        for (Object k : node.keySet()) {
            String key = String.valueOf(k);
            String name = canonical(key, GROUPS);
            if (name == null) {
                name = canonical(key, OPERATORS);
            }
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** The value under the canonical {@code key} of {@code node}, ignoring case. */
    static Object value(Map<?, ?> node, String key) {
        return MapKeys.get(node, key);
    }

    /** Paths may be written {@code context.Request.X}; the prefix is dropped in any letter case. */
    static String stripContextPrefix(String path) {
        if (path != null && path.length() >= CONTEXT_PREFIX.length()
                && path.substring(0, CONTEXT_PREFIX.length()).toLowerCase(Locale.ROOT).equals(CONTEXT_PREFIX)) {
            return path.substring(CONTEXT_PREFIX.length());
        }
        return path;
    }

    /** The path an operator node names: the string itself for {@code Exists = "x"}, else its {@code Path} key. */
    static String operatorPath(Object operatorValue) {
        if (operatorValue instanceof String s) {
            return s;
        }
        if (operatorValue instanceof Map<?, ?> m && MapKeys.get(m, "Path") instanceof String p) {
            return p;
        }
        return null;
    }
}
