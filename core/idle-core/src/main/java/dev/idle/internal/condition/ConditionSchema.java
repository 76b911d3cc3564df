package dev.idle.internal.condition;

import dev.idle.internal.Excerpt;
import dev.idle.internal.Suggestions;
import dev.idle.internal.path.MapKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks the shape of a condition tree before it is evaluated. Every error in the tree is reported (siblings are
 * still visited after an error), each prefixed with where it is: {@code Step 'X': Condition.All[0].Equals: ...}.
 */
public final class ConditionSchema {

    private static final String NODE_KINDS =
            "one group (All/Any/None) or one operator (Equals/NotEquals/Exists/In/Contains/NotContains/Like/NotLike)";

    private ConditionSchema() {
    }

    /**
     * All schema errors of {@code node}; empty when it is valid.
     *
     * @param prefix where the node sits, e.g. {@code Step 'X': Condition}; node paths are appended to it
     */
    public static List<String> validate(Object node, String prefix) {
        List<String> errors = new ArrayList<>();
        validateNode(node, prefix, errors);
        return errors;
    }

    private static void validateNode(Object node, String at, List<String> errors) {
        if (!(node instanceof Map<?, ?> map)) {
            errors.add(at + ": Condition node must be a hashtable/dictionary.");
            return;
        }
        List<String> groups = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Object k : map.keySet()) {
            String key = String.valueOf(k);
            String group = ConditionKeys.canonical(key, ConditionKeys.GROUPS);
            String operator = ConditionKeys.canonical(key, ConditionKeys.OPERATORS);
            if (group != null) {
                groups.add(group);
            } else if (operator != null) {
                operators.add(operator);
            } else {
                unknown.add(key);
            }
        }
        // The checks below run in upstream's order; the first that fails ends this node's validation.
        if (!groups.isEmpty() && !operators.isEmpty()) {
            errors.add(at + ": Condition node must specify either a group (All/Any/None) or an operator, not both.");
            return;
        }
        if (groups.isEmpty() && operators.isEmpty()) {
            errors.add(at + ": " + unknownOperators(unknown) + "Condition node must specify " + NODE_KINDS + ".");
            return;
        }
        if (groups.size() + operators.size() > 1) {
            errors.add(at + ": Condition node must specify exactly one group/operator key, found: "
                    + String.join(", ", groups.isEmpty() ? operators : groups) + ".");
            return;
        }
        if (!unknown.isEmpty()) {
            for (String key : unknown) {
                errors.add(at + ": Unknown key '" + key + "' in condition node.");
            }
            return;
        }
        if (!groups.isEmpty()) {
            validateGroup(groups.get(0), ConditionKeys.value(map, groups.get(0)), at + "." + groups.get(0), errors);
        } else {
            String operator = operators.get(0);
            OperatorShapes.validate(operator, ConditionKeys.value(map, operator), at + "." + operator, errors);
        }
    }

    /** Names each key of a node that has no group or operator key, with the closest known name for a typo. */
    private static String unknownOperators(List<String> unknown) {
        if (unknown.isEmpty()) {
            return "";
        }
        List<String> known = new ArrayList<>(ConditionKeys.GROUPS);
        known.addAll(ConditionKeys.OPERATORS);
        StringBuilder sb = new StringBuilder();
        for (String key : unknown) {
            sb.append("Unknown condition operator '").append(Excerpt.of(key)).append("'.")
                    .append(Suggestions.didYouMean(key, known)).append(' ');
        }
        return sb.toString();
    }

    private static void validateGroup(String group, Object value, String at, List<String> errors) {
        if (value == null) {
            errors.add(at + ": Group value must not be null. Provide a list of condition nodes.");
            return;
        }
        // Upstream enumerates a single map as a one-element group; workflows may depend on it.
        if (value instanceof Map<?, ?>) {
            validateNode(value, at + "[0]", errors);
            return;
        }
        if (!(value instanceof Collection<?> children)) {
            errors.add(at + ": Group value must be an array/list of condition nodes.");
            return;
        }
        if (children.isEmpty()) {
            errors.add(at + ": Group must contain at least one condition node.");
            return;
        }
        int i = 0;
        for (Object child : children) {
            validateNode(child, at + "[" + i++ + "]", errors);
        }
    }

    /** The inner shape of each operator. */
    private static final class OperatorShapes {

        static void validate(String operator, Object value, String at, List<String> errors) {
            switch (operator) {
                case "Exists" -> validateExists(value, at, errors);
                case "In" -> validateShape(operator, value, List.of("Path", "Values"), at, errors);
                case "Like", "NotLike" -> validateShape(operator, value, List.of("Path", "Pattern"), at, errors);
                default -> validateShape(operator, value, List.of("Path", "Value"), at, errors);
            }
        }

        private static void validateExists(Object value, String at, List<String> errors) {
            if (value instanceof String path) {
                if (path.isBlank()) {
                    errors.add(at + ": Missing or empty Path.");
                }
                return;
            }
            if (!(value instanceof Map<?, ?>)) {
                errors.add(at + ": Exists must be a string path or a hashtable with key Path.");
                return;
            }
            validateShape("Exists", value, List.of("Path"), at, errors);
        }

        private static void validateShape(String operator, Object value, List<String> allowed, String at, List<String> errors) {
            if (!(value instanceof Map<?, ?> map)) {
                errors.add(at + ": " + operator + " must be a hashtable with keys " + String.join(", ", allowed) + ".");
                return;
            }
            for (Object k : map.keySet()) {
                if (ConditionKeys.canonical(String.valueOf(k), allowed) == null) {
                    errors.add(at + ": Unknown key '" + k + "' in " + operator + ". Allowed keys: "
                            + String.join(", ", allowed) + ".");
                }
            }
            if (!(MapKeys.get(map, "Path") instanceof String path) || path.isBlank()) {
                errors.add(at + ": Missing or empty Path.");
            }
            for (String required : allowed.subList(1, allowed.size())) {
                if (!MapKeys.has(map, required)) {
                    errors.add(at + ": Missing " + required + ".");
                }
            }
            if (operator.equals("In") && MapKeys.has(map, "Values")) {
                Object values = MapKeys.get(map, "Values");
                if (values == null) {
                    errors.add(at + ": Values must not be null.");
                } else if (values instanceof Map<?, ?>) {
                    errors.add(at + ": Values must be a list or a single value, not a hashtable/dictionary.");
                }
            }
        }
    }
}
