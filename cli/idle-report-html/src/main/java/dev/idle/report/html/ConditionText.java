package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Condition or Precondition tree, as the export writes it, in words: {@code Request.Intent.Reason exists},
 * {@code all of (Request.Intent.Department equals "IT"; Request.Context.Groups.Id contains "sg-vpn")}. Operator and
 * key names are matched ignoring case, as the engine does; a node of another shape is shown as its JSON, so a
 * reviewer always sees what was written.
 */
final class ConditionText {
    private ConditionText() {
    }

    /** The tree in words, or null for no tree. */
    static String of(JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return null;
        }
        if (tree.isArray()) {
            return join(tree, "; ");
        }
        if (!tree.isObject() || tree.size() != 1) {
            return tree.toString();
        }
        Map.Entry<String, JsonNode> node = tree.fields().next();
        String op = node.getKey().toLowerCase(Locale.ROOT);
        JsonNode arg = node.getValue();
        return switch (op) {
            case "all" -> "all of (" + join(arg, "; ") + ")";
            case "any" -> "any of (" + join(arg, "; ") + ")";
            case "none" -> "none of (" + join(arg, "; ") + ")";
            case "exists" -> (arg.isTextual() ? arg.asText() : path(arg)) + " exists";
            case "equals" -> path(arg) + " equals " + literal(get(arg, "value"));
            case "notequals" -> path(arg) + " does not equal " + literal(get(arg, "value"));
            case "in" -> path(arg) + " is one of " + literal(get(arg, "values"));
            case "contains" -> path(arg) + " contains " + literal(get(arg, "value"));
            case "notcontains" -> path(arg) + " does not contain " + literal(get(arg, "value"));
            case "like" -> path(arg) + " is like " + literal(get(arg, "pattern"));
            case "notlike" -> path(arg) + " is not like " + literal(get(arg, "pattern"));
            default -> tree.toString();
        };
    }

    /** Every path the tree reads ({@code Path} operands and {@code Exists} strings), in order, each once. */
    static List<String> paths(JsonNode tree) {
        Set<String> out = new LinkedHashSet<>();
        collect(tree, out);
        return List.copyOf(out);
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if ((key.equals("path") || key.equals("exists")) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            }
        }
    }

    private static String join(JsonNode children, String separator) {
        if (children == null || !children.isArray()) {
            return of(children);
        }
        List<String> parts = new ArrayList<>();
        children.forEach(child -> parts.add(of(child)));
        return String.join(separator, parts);
    }

    private static String path(JsonNode arg) {
        JsonNode path = get(arg, "path");
        return path != null && path.isTextual() ? path.asText() : "(path " + literal(path) + ")";
    }

    private static String literal(JsonNode value) {
        return value == null ? "(missing)" : value.toString();
    }

    /** A field of a map, matched ignoring case. */
    private static JsonNode get(JsonNode map, String name) {
        if (map == null || !map.isObject()) {
            return null;
        }
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return map.get(key);
            }
        }
        return null;
    }

    static JsonNode field(JsonNode map, String name) {
        return get(map, name);
    }
}
