package dev.idle.internal.condition;

import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.data.Wildcard;
import dev.idle.internal.Excerpt;
import dev.idle.internal.path.MapKeys;
import dev.idle.internal.path.PathLimit;
import dev.idle.internal.path.PathResolver;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a condition tree against the roots visible to it ({@code Plan}, {@code Request}, {@code Workflow}).
 *
 * <p>The tree is assumed to have passed {@link ConditionSchema}. All comparisons are case-insensitive string
 * comparisons ({@link Values#eqi}), as upstream's PowerShell {@code -eq} on strings, so {@code true} equals
 * {@code "TRUE"} and a present key holding null equals {@code ""}. Absent data never throws: {@code Exists},
 * {@code Contains} and {@code Like} are false, their negations true.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    /**
     * True when {@code node} holds for {@code roots}.
     *
     * @throws IllegalArgumentException when an operator meets data it cannot judge (e.g. {@code Contains} on a map),
     *     a {@code Like} pattern is malformed, or a path, pattern or matched value is over its {@code InputLimits}
     */
    public static boolean evaluate(Object node, DataMap roots) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Condition node must be a hashtable/dictionary.");
        }
        String key = ConditionKeys.nodeKey(map);
        if (key == null) {
            throw new IllegalArgumentException("Condition node has no group or operator key: " + map.keySet());
        }
        Object value = ConditionKeys.value(map, key);
        return switch (key) {
            case "All" -> all(children(value), roots);
            case "Any" -> any(children(value), roots);
            case "None" -> !any(children(value), roots);
            default -> OperatorEvaluation.evaluate(key, value, roots);
        };
    }

    private static boolean all(Collection<?> children, DataMap roots) {
        for (Object child : children) {
            if (!evaluate(child, roots)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(Collection<?> children, DataMap roots) {
        for (Object child : children) {
            if (evaluate(child, roots)) {
                return true;
            }
        }
        return false;
    }

    /** A single map given as group value counts as a one-child group (kept upstream quirk). */
    private static Collection<?> children(Object groupValue) {
        return groupValue instanceof Collection<?> c ? c : List.of(groupValue);
    }

    /** The leaf operators. */
    private static final class OperatorEvaluation {

        static boolean evaluate(String operator, Object spec, DataMap roots) {
            String path = ConditionKeys.operatorPath(spec);
            String tooLong = PathLimit.problem(path);
            if (tooLong != null) {
                throw new IllegalArgumentException(operator + ": " + tooLong + ".");
            }
            Object actual = PathResolver.resolve(roots, ConditionKeys.stripContextPrefix(path));
            return switch (operator) {
                case "Equals" -> Values.eqi(actual, inner(spec, "Value"));
                case "NotEquals" -> !Values.eqi(actual, inner(spec, "Value"));
                case "Exists" -> actual != null;
                case "In" -> in(actual, inner(spec, "Values"));
                case "Contains" -> contains(operator, path, actual, inner(spec, "Value"));
                case "NotContains" -> !contains(operator, path, actual, inner(spec, "Value"));
                case "Like" -> like(operator, path, actual, inner(spec, "Pattern"));
                case "NotLike" -> !like(operator, path, actual, inner(spec, "Pattern"));
                default -> throw new IllegalArgumentException("Unknown condition operator '" + operator + "'.");
            };
        }

        private static Object inner(Object spec, String key) {
            return spec instanceof Map<?, ?> m ? MapKeys.get(m, key) : null;
        }

        private static boolean in(Object actual, Object allowed) {
            if (allowed == null) {
                return false;
            }
            Collection<?> candidates = allowed instanceof Collection<?> c ? c : List.of(allowed);
            for (Object candidate : candidates) {
                if (Values.eqi(actual, candidate)) {
                    return true;
                }
            }
            return false;
        }

        /** Absent data contains nothing; a map or scalar is a workflow mistake worth stopping for. */
        private static boolean contains(String operator, String path, Object actual, Object expected) {
            if (actual == null) {
                return false;
            }
            if (actual instanceof Map<?, ?>) {
                throw new IllegalArgumentException(operator + " requires Path to resolve to a list/array, "
                        + "not a hashtable/dictionary. Path: '" + path + "'.");
            }
            if (!(actual instanceof Collection<?> items)) {
                throw new IllegalArgumentException(operator + " requires Path to resolve to a list, but got '"
                        + actual.getClass().getSimpleName() + "'. Path: '" + path + "'.");
            }
            for (Object item : items) {
                if (Values.eqi(item, expected)) {
                    return true;
                }
            }
            return false;
        }

        /** A list matches when any item does; absent data matches nothing. */
        private static boolean like(String operator, String path, Object actual, Object pattern) {
            if (actual == null) {
                return false;
            }
            if (actual instanceof Map<?, ?>) {
                throw new IllegalArgumentException(operator + " cannot evaluate a hashtable/dictionary. Path: '" + path + "'.");
            }
            String p = Values.ps(pattern);
            int patternLimit = InputLimits.current().maxLikePatternLength();
            if (p.length() > patternLimit) {
                throw new IllegalArgumentException(operator + ": the Pattern is " + p.length() + " characters long, more "
                        + "than the limit maxLikePatternLength (" + patternLimit + "). Path: '" + Excerpt.of(path) + "'.");
            }
            if (actual instanceof Collection<?> items) {
                for (Object item : items) {
                    if (matches(operator, path, Values.ps(item), p)) {
                        return true;
                    }
                }
                return false;
            }
            return matches(operator, path, Values.ps(actual), p);
        }

        /** A value over {@code maxLikeValueLength} is an error, never a long match: the matcher's worst case is bounded. */
        private static boolean matches(String operator, String path, String text, String pattern) {
            int limit = InputLimits.current().maxLikeValueLength();
            if (text.length() > limit) {
                throw new IllegalArgumentException(operator + ": the value at Path '" + Excerpt.of(path) + "' is " + text.length()
                        + " characters long, more than the limit maxLikeValueLength (" + limit + "); it is not matched.");
            }
            try {
                return Wildcard.matches(text, pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(operator + ": " + e.getMessage(), e);
            }
        }
    }
}
