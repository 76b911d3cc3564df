package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a condition path ({@code Request.Intent.Department}) from a plan export, to show the values a condition saw:
 * segments ignore case, a leading {@code context.} is ignored, a number indexes a list, {@code Count}/{@code Length}
 * give a size, and a key applied to a list of maps yields the list of that key's values — the engine's path rules
 * (workflows.md, Paths). The export's request is already redacted and size-limited, so a secret reads as
 * {@code [REDACTED]} and a truncated part as its {@code [TRUNCATED …]} marker: the report never shows more than the
 * export does. An absent value is a {@link MissingNode}.
 */
final class RequestPaths {
    private final JsonNode roots;

    /** The roots a path can start from, as the export holds them. */
    RequestPaths(JsonNode planExport) {
        JsonNode request = planExport.path("request");
        JsonNode input = request.path("input");
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.set("LifecycleEvent", request.path("type"));
        req.set("CorrelationId", request.path("correlationId"));
        req.set("Actor", request.path("actor"));
        req.set("IdentityKeys", input.path("identityKeys"));
        req.set("Intent", input.path("intent"));
        req.set("Context", input.path("context"));
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.set("Request", req);
        all.set("Workflow", planExport.path("workflow"));
        this.roots = all;
    }

    /** The value at {@code path}, or a missing node. */
    JsonNode read(String path) {
        List<String> segments = Arrays.asList(path.split("\\.", -1));
        if (segments.size() > 1 && segments.get(0).equalsIgnoreCase("context")) {
            segments = segments.subList(1, segments.size());
        }
        JsonNode node = roots;
        for (String segment : segments) {
            if (node.isTextual() && (node.asText().equals("[REDACTED]") || node.asText().startsWith("[TRUNCATED"))) {
                return node; // the export hid this part; the path beneath it is hidden too
            }
            node = step(node, segment);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        if (node.isObject()) {
            for (var it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.equalsIgnoreCase(segment)) {
                    return node.get(key);
                }
            }
            return MissingNode.getInstance();
        }
        if (node.isArray()) {
            if (lower.equals("count") || lower.equals("length")) {
                return IntNode.valueOf(node.size());
            }
            if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
                return segment.length() > 9 ? MissingNode.getInstance() : node.path(Integer.parseInt(segment));
            }
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                JsonNode value = item.isObject() ? step(item, segment) : MissingNode.getInstance();
                if (!value.isMissingNode()) {
                    values.add(value);
                }
            }
            return values.isEmpty() ? MissingNode.getInstance() : values;
        }
        if (node.isTextual() && lower.equals("length")) {
            return IntNode.valueOf(node.asText().length());
        }
        return MissingNode.getInstance();
    }
}
