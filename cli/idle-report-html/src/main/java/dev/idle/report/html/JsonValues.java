package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.report.html.PlanView.ValueLine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON of an exported document into text a reviewer reads: a scalar as its text, a map flattened to
 * dotted keys ({@code Attributes.Department = IT}), a list as compact JSON. A value the export redacted or truncated
 * is flagged, so the report can show it as such; nothing is un-redacted or re-masked here (the export did that).
 */
final class JsonValues {
    private JsonValues() {
    }

    /** The text of a scalar (a string without quotes), compact JSON for a list or map, null for a missing node. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
    }

    /** The text of a field, or null when it is absent, null or blank. */
    static String field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        String text = value == null || value.isNull() ? null : text(value);
        return text == null || text.isBlank() ? null : text;
    }

    /** A map's entries as dotted key/value lines, in the export's order; a non-map is one line under {@code key}. */
    static List<ValueLine> flatten(JsonNode node) {
        List<ValueLine> lines = new ArrayList<>();
        if (node != null && node.isObject()) {
            flatten("", node, lines);
        } else if (node != null && !node.isNull() && !node.isMissingNode()) {
            lines.add(line("(all)", node));
        }
        return List.copyOf(lines);
    }

    private static void flatten(String prefix, JsonNode map, List<ValueLine> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                flatten(key + ".", e.getValue(), out);
            } else {
                out.add(line(key, e.getValue()));
            }
        }
    }

    static ValueLine line(String key, JsonNode value) {
        String text = value == null || value.isMissingNode() ? "(absent)" : value.isNull() ? "null" : text(value);
        return new ValueLine(key, text, hidden(text));
    }

    /** The export replaced (part of) this value: a redaction or a truncation. */
    static boolean hidden(String text) {
        return text != null && (text.contains("[REDACTED]") || text.startsWith("[TRUNCATED"));
    }
}
