package dev.idle.internal.export;

import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.PlanWarning;
import dev.idle.internal.redact.Redactor;
import dev.idle.internal.redact.SecretScrubber;
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
 *
 * <p>After IdLE's fields each object carries the additional, optional fields execution needs (the workflow, each
 * step's resolved {@code with}, precondition settings, retry profile and status, the OnFailure steps), and the
 * document ends with {@code planHash}: the SHA-256 of its canonical form (RFC 8785) without that field. Numbers are
 * written in the one form {@link PlanNumbers} defines, which {@code invoke --plan} checks. When redaction or
 * truncation touched something execution needs, {@code executable} is false with the reason, which names each step
 * and key path that was redacted (never the value); both fields are part of the hashed content. A workflow with
 * {@code ApprovalRequired = $true} adds {@code workflow.approvalRequired: true} (hashed too, so an approved hash
 * covers the gate).
 */
public final class PlanExporter {
    static final int INPUT_LIMIT_BYTES = 65536;

    private PlanExporter() {
    }

    public static String toJson(Plan plan) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) PlanNumbers.normalise(document(plan));
        doc.put("planHash", PlanHash.of(doc));
        return JsonText.pretty(doc);
    }

    /** The {@code planHash} {@link #toJson} writes for {@code plan}, without writing the document. */
    @SuppressWarnings("unchecked")
    public static String hash(Plan plan) {
        return PlanHash.of((Map<String, Object>) PlanNumbers.normalise(document(plan)));
    }

    static Map<String, Object> document(Plan plan) {
        List<String> notExecutable = new ArrayList<>();
        List<String> redacted = new ArrayList<>();
        SecretScrubber scrubber = scrubberFor(plan);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", "1.0");
        doc.put("engine", Map.of("name", "IdLE"));
        doc.put("request", request(plan, scrubber, notExecutable));
        Map<String, Object> planNode = new LinkedHashMap<>();
        planNode.put("id", blankToNull(plan.correlationId()));
        planNode.put("mode", null);
        planNode.put("steps", steps(plan.steps(), true, scrubber, redacted));
        List<Object> warnings = new ArrayList<>();
        for (PlanWarning w : plan.warnings()) {
            warnings.add(warning(w, true));
        }
        planNode.put("warnings", warnings);
        planNode.put("onFailureSteps", steps(plan.onFailureSteps(), false, scrubber, redacted));
        doc.put("plan", planNode);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("generatedBy", "Export-IdlePlanObject");
        metadata.put("environment", null);
        metadata.put("labels", List.of());
        doc.put("metadata", metadata);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", plan.workflowName());
        workflow.put("lifecycleEvent", plan.lifecycleEvent());
        workflow.put("description", blankToNull(plan.workflowDescription()));
        if (plan.approvalRequired()) {
            // only when set, so the plans (and plan hashes) of workflows without the gate stay as they were
            workflow.put("approvalRequired", true);
        }
        doc.put("workflow", workflow);
        Redactor.Paths inRequest = Redactor.redactedPaths(plan.request().toData(), "Request", scrubber::scrub);
        if (hasPreconditions(plan) && !inRequest.isEmpty()) {
            // Preconditions read the request at run time; they would see the marker instead of the value.
            redacted.add("the request input holds secret values, which are redacted, and preconditions read the"
                    + " request at run time: " + all(inRequest));
        }
        notExecutable.addAll(0, redacted);
        doc.put("executable", notExecutable.isEmpty());
        if (!notExecutable.isEmpty()) {
            doc.put("notExecutableReason", String.join("; ", notExecutable));
        }
        return doc;
    }

    /**
     * Values the plan knows to be secret (under secret-named keys of the request or of any step's inputs): a template
     * may have copied one into a key that is not secret-named, such as a message.
     */
    private static SecretScrubber scrubberFor(Plan plan) {
        List<Object> trees = new ArrayList<>();
        trees.add(plan.request().toData());
        plan.steps().forEach(st -> trees.add(st.with()));
        plan.onFailureSteps().forEach(st -> trees.add(st.with()));
        return SecretScrubber.from(trees.toArray());
    }

    private static String all(Redactor.Paths paths) {
        List<String> both = new ArrayList<>(paths.named());
        both.addAll(paths.copied());
        return String.join(", ", both);
    }

    private static boolean hasPreconditions(Plan plan) {
        return java.util.stream.Stream.concat(plan.steps().stream(), plan.onFailureSteps().stream())
                .anyMatch(st -> st.precondition() != null);
    }

    private static Map<String, Object> request(Plan plan, SecretScrubber scrubber, List<String> notExecutable) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", blankToNull(plan.request().lifecycleEvent()));
        request.put("correlationId", blankToNull(plan.request().correlationId()));
        request.put("actor", blankToNull(plan.request().actor()));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("identityKeys", limited("identityKeys", plan.request().identityKeys(), scrubber, notExecutable));
        input.put("intent", limited("intent", plan.request().intent(), scrubber, notExecutable));
        input.put("context", limited("context", plan.request().context(), scrubber, notExecutable));
        request.put("input", input);
        return request;
    }

    private static List<Object> steps(List<PlanStep> steps, boolean primary, SecretScrubber scrubber,
                                      List<String> redacted) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(step(steps.get(i), i, primary, scrubber, redacted));
        }
        return out;
    }

    /**
     * One step; where redaction replaced something execution needs, {@code redacted} gets a reason naming the step
     * and the key paths.
     */
    private static Map<String, Object> step(PlanStep s, int index, boolean primary, SecretScrubber scrubber,
                                            List<String> redacted) {
        String where = (primary ? "step '" : "OnFailure step '") + s.name() + "'";
        Redactor.Paths inWith = Redactor.redactedPaths(s.with(), "With", scrubber::scrub);
        if (!inWith.named().isEmpty()) {
            redacted.add(where + " has secret-named or credential values in its inputs, which are redacted: "
                    + String.join(", ", inWith.named()));
        }
        if (!inWith.copied().isEmpty()) {
            redacted.add(where + " has a secret value copied into its inputs, which is redacted: "
                    + String.join(", ", inWith.copied()));
        }
        Redactor.Paths inPrecondition = Redactor.redactedPaths(s.precondition(), "Precondition", scrubber::scrub);
        Redactor.Paths inEvent = Redactor.redactedPaths(s.preconditionEvent(), "PreconditionEvent", scrubber::scrub);
        if (!inPrecondition.isEmpty() || !inEvent.isEmpty()) {
            redacted.add(where + " has redacted values in its precondition settings: " + all(inPrecondition)
                    + (inPrecondition.isEmpty() || inEvent.isEmpty() ? "" : ", ") + all(inEvent));
        }
        Object safeWith = scrubber.scrubTree(Redactor.redact(s.with()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.format((primary ? "step-" : "onfailure-") + "%02d", index + 1));
        m.put("name", blankToNull(s.name()));
        m.put("stepType", blankToNull(s.type()));
        m.put("provider", blankToNull(s.provider()));
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", s.condition() == null ? "always" : "when");
        condition.put("expression", s.condition() == null ? null : scrubber.scrubTree(Redactor.redact(s.condition())));
        m.put("condition", condition);
        m.put("inputs", safeWith);
        m.put("expectedState", null);
        List<Object> warnings = new ArrayList<>();
        for (PlanWarning w : s.warnings()) {
            warnings.add(warning(w, false));
        }
        m.put("warnings", warnings);
        m.put("with", safeWith);
        m.put("description", blankToNull(s.description()));
        m.put("precondition", scrubber.scrubTree(Redactor.redact(s.precondition())));
        m.put("onPreconditionFalse", s.onPreconditionFalse());
        m.put("preconditionEvent", scrubber.scrubTree(Redactor.redact(s.preconditionEvent())));
        m.put("retryProfile", s.retryProfile());
        m.put("status", s.status().name());
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
    private static Object limited(String name, Object raw, SecretScrubber scrubber, List<String> notExecutable) {
        Object value = scrubber.scrubTree(Redactor.redact(raw));
        if (value == null) {
            return null;
        }

        int bytes = JsonText.compact(value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > INPUT_LIMIT_BYTES) {
            notExecutable.add("request input '" + name + "' was truncated (" + bytes + " bytes)");
            return "[TRUNCATED - " + bytes + " bytes]";
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
