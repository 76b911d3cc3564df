package dev.idle.internal.condition;

import dev.idle.api.InputLimits;
import dev.idle.api.data.Wildcard;
import dev.idle.internal.path.MapKeys;
import dev.idle.internal.path.PathLimit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The operand checks of a condition tree, run at validate and plan time after {@link ConditionSchema}'s shape check:
 * values compared must be single values, a {@code Like} pattern a well-formed wildcard string within
 * {@code maxLikePatternLength}, and every path within {@code maxPathSegments}. Without them a {@code Like} with a map
 * pattern compared against the text {@code System.Collections.Hashtable}, and a malformed pattern in a precondition
 * failed only at run time.
 *
 * <p>Only nodes of valid shape (one group or operator key, nothing else) are looked into; {@link ConditionSchema}
 * reports the others. Every problem is reported, each prefixed like {@link ConditionSchema}'s:
 * {@code Step 'X': Precondition.All[0].Like: ...}. Stateless and thread-safe.
 */
public final class ConditionOperands {

    private ConditionOperands() {
    }

    /**
     * Adds every operand problem of {@code node} to {@code errors}.
     *
     * @param prefix where the node sits, e.g. {@code Step 'X': Precondition}; node paths are appended to it
     */
    public static void addProblems(Object node, String prefix, List<String> errors) {
        check(node, prefix, errors);
    }

    private static void check(Object node, String at, List<String> errors) {
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            return;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        Object value = map.values().iterator().next();
        String group = ConditionKeys.canonical(key, ConditionKeys.GROUPS);
        if (group != null) {
            if (value instanceof Map<?, ?>) {
                check(value, at + "." + group + "[0]", errors);
            } else if (value instanceof Collection<?> children) {
                int i = 0;
                for (Object child : children) {
                    check(child, at + "." + group + "[" + i++ + "]", errors);
                }
            }
            return;
        }
        String operator = ConditionKeys.canonical(key, ConditionKeys.OPERATORS);
        if (operator != null) {
            checkOperator(operator, value, at + "." + operator, errors);
        }
    }

    private static void checkOperator(String operator, Object spec, String at, List<String> errors) {
        String path = ConditionKeys.operatorPath(spec);
        String tooLong = PathLimit.problem(path);
        if (tooLong != null) {
            errors.add(at + ": Path: " + tooLong + ".");
        }
        if (!(spec instanceof Map<?, ?> m)) {
            return;
        }
        switch (operator) {
            case "Equals", "NotEquals", "Contains", "NotContains" -> {
                if (MapKeys.has(m, "Value")) {
                    requireSingleValue(MapKeys.get(m, "Value"), at + ": Value", errors);
                }
            }
            case "In" -> {
                if (MapKeys.get(m, "Values") instanceof Collection<?> values) {
                    int i = 0;
                    for (Object v : values) {
                        requireSingleValue(v, at + ": Values[" + i++ + "]", errors);
                    }
                }
            }
            case "Like", "NotLike" -> {
                if (MapKeys.has(m, "Pattern")) {
                    checkPattern(MapKeys.get(m, "Pattern"), at, errors);
                }
            }
            default -> {
                // Exists has only a path.
            }
        }
    }

    /** Compared values are text, numbers, booleans or null: a map or list has no text form worth comparing. */
    private static void requireSingleValue(Object value, String at, List<String> errors) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            errors.add(at + " must be a single value (text, number, boolean or null), not a " + kind(value) + ".");
        }
    }

    private static void checkPattern(Object pattern, String at, List<String> errors) {
        if (!(pattern instanceof String p)) {
            errors.add(at + ": Pattern must be a wildcard string, not " + (pattern == null ? "null" : "a " + kind(pattern))
                    + ".");
            return;
        }
        int limit = InputLimits.current().maxLikePatternLength();
        if (p.length() > limit) {
            errors.add(at + ": Pattern is " + p.length() + " characters long, more than the limit maxLikePatternLength ("
                    + limit + ").");
            return;
        }
        try {
            Wildcard.validate(p);
        } catch (IllegalArgumentException e) {
            errors.add(at + ": " + e.getMessage());
        }
    }

    private static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "hashtable/dictionary";
        }
        if (value instanceof Collection<?>) {
            return "list";
        }
        if (value instanceof Number) {
            return "number";
        }
        return value instanceof Boolean ? "boolean" : value.getClass().getSimpleName();
    }
}
