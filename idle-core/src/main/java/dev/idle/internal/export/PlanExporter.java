package dev.idle.internal.export;

import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.PlanWarning;
import dev.idle.internal.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan export, JSON schema 1.0: IdLE's document shape and key order, with this project's decisions — a step's
 * {@code provider} is the alias it resolves to, and a conditioned step exports its condition tree as
 * {@code {"type": "when", "expression": <tree>}}. User data is redacted and request input parts over 64 KiB are
 * replaced by a truncation marker.
 */
public final class PlanExporter {
    static final int INPUT_LIMIT_BYTES = 65536;

    private PlanExporter() {
    }

    public static String toJson(Plan plan) {
        return JsonText.pretty(document(plan));
    }

    static Map<String, Object> document(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", "1.0");
        doc.put("engine", Map.of("name", "IdLE"));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", blankToNull(plan.request().lifecycleEvent()));
        request.put("correlationId", blankToNull(plan.request().correlationId()));
        request.put("actor", blankToNull(plan.request().actor()));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("identityKeys", limited(Redactor.redact(plan.request().identityKeys())));
        input.put("intent", limited(Redactor.redact(plan.request().intent())));
        input.put("context", limited(Redactor.redact(plan.request().context())));
        request.put("input", input);
        doc.put("request", request);
        Map<String, Object> planNode = new LinkedHashMap<>();
        planNode.put("id", blankToNull(plan.correlationId()));
        planNode.put("mode", null);
        List<Object> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            steps.add(step(plan.steps().get(i), i));
        }
        planNode.put("steps", steps);
        List<Object> warnings = new ArrayList<>();
        for (PlanWarning w : plan.warnings()) {
            warnings.add(warning(w, true));
        }
        planNode.put("warnings", warnings);
        doc.put("plan", planNode);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("generatedBy", "Export-IdlePlanObject");
        metadata.put("environment", null);
        metadata.put("labels", List.of());
        doc.put("metadata", metadata);
        return doc;
    }

    private static Map<String, Object> step(PlanStep s, int index) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.format("step-%02d", index + 1));
        m.put("name", blankToNull(s.name()));
        m.put("stepType", blankToNull(s.type()));
        m.put("provider", blankToNull(s.provider()));
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", s.condition() == null ? "always" : "when");
        condition.put("expression", s.condition() == null ? null : s.condition());
        m.put("condition", condition);
        m.put("inputs", Redactor.redact(s.with()));
        m.put("expectedState", null);
        List<Object> warnings = new ArrayList<>();
        for (PlanWarning w : s.warnings()) {
            warnings.add(warning(w, false));
        }
        m.put("warnings", warnings);
        return m;
    }

    private static Map<String, Object> warning(PlanWarning w, boolean withStep) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", blankToNull(w.code()));
        m.put("type", blankToNull(w.type()));
        if (withStep) {
            m.put("step", blankToNull(w.step()));
        }
        m.put("source", blankToNull(w.source()));
        m.put("paths", w.paths());
        m.put("message", blankToNull(w.message()));
        return m;
    }

    /** A request input part whose compact JSON exceeds 64 KiB becomes {@code "[TRUNCATED - N bytes]"}. */
    static Object limited(Object value) {
        if (value == null) {
            return null;
        }
        int bytes = JsonText.compact(value).getBytes(StandardCharsets.UTF_8).length;
        return bytes > INPUT_LIMIT_BYTES ? "[TRUNCATED - " + bytes + " bytes]" : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
