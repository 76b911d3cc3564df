package dev.idle.internal.workflow;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.Excerpt;
import dev.idle.internal.Suggestions;
import dev.idle.internal.condition.ConditionOperands;
import dev.idle.internal.condition.ConditionSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The structural rules of a workflow definition (root keys, step keys, context resolver entries, conditions,
 * preconditions, retry profile names). It checks what needs no step catalog and no providers, and reports every
 * problem, each naming the collection, index, step name and key at fault.
 */
public final class WorkflowSchema {
    static final List<String> ROOT_KEYS =
            List.of("Name", "LifecycleEvent", "Steps", "OnFailureSteps", "Description", "ContextResolvers",
                    "ApprovalRequired");
    static final List<String> STEP_KEYS = List.of("Name", "Type", "Condition", "With", "Description", "RetryProfile",
            "Precondition", "OnPreconditionFalse", "PreconditionEvent");
    static final List<String> PRECONDITION_MODES = List.of("Blocked", "Fail", "Continue");
    private static final Pattern RETRY_PROFILE = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private WorkflowSchema() {
    }

    /**
     * @param requestLifecycleEvent when non-blank, the workflow's LifecycleEvent must equal it (case-insensitive)
     * @return every problem found; empty when the structure is valid
     */
    public static List<String> check(Object root, String requestLifecycleEvent) {
        List<String> errors = new ArrayList<>();
        if (!(root instanceof DataMap wf)) {
            errors.add("Workflow definition must be a hashtable at the root.");
            return errors;
        }
        String executable = Values.findExecutable(wf, "Workflow");
        if (executable != null) {
            errors.add("ScriptBlocks are not allowed in workflow data (data only). Found at: " + executable);
        }
        for (String key : wf.keySet()) {
            if (!containsIgnoreCase(ROOT_KEYS, key)) {
                errors.add("Unknown root key '" + Excerpt.of(key) + "'. Allowed keys: " + String.join(", ", ROOT_KEYS) + "."
                        + Suggestions.didYouMean(key, ROOT_KEYS));
            }
        }
        requireTextIfPresent(wf, "Description", "", errors);
        requireText(wf, "Name", "Name", errors);
        requireText(wf, "LifecycleEvent", "LifecycleEvent", errors);
        Object event = wf.get("LifecycleEvent");
        if (event != null && requestLifecycleEvent != null && !requestLifecycleEvent.isBlank()
                && !Values.ps(event).equalsIgnoreCase(requestLifecycleEvent)) {
            errors.add("Workflow LifecycleEvent '" + Values.ps(event) + "' does not match request LifecycleEvent '"
                    + requestLifecycleEvent + "'.");
        }
        if (!wf.containsKey("Steps") || wf.get("Steps") == null) {
            errors.add("Missing required root key 'Steps' (a list of step hashtables; it may be empty).");
        } else {
            checkSteps("Steps", wf.get("Steps"), errors);
        }
        if (wf.get("OnFailureSteps") != null) {
            checkSteps("OnFailureSteps", wf.get("OnFailureSteps"), errors);
        }
        if (wf.get("ContextResolvers") != null) {
            checkResolvers(wf.get("ContextResolvers"), errors);
        }
        checkApprovalRequired(wf, errors);
        return errors;
    }

    /**
     * {@code ApprovalRequired} (this project's, not upstream's) is a boolean: text such as {@code 'yes'} or
     * {@code 'true'} is refused rather than guessed, as a misread gate would run a plan nobody approved.
     */
    private static void checkApprovalRequired(DataMap wf, List<String> errors) {
        Object v = wf.get("ApprovalRequired");
        if (wf.containsKey("ApprovalRequired") && !(v instanceof Boolean)) {
            errors.add("'ApprovalRequired' must be a boolean ($true or $false in PSD1, true or false in JSON and"
                    + " YAML), got " + (v == null ? "null" : Values.isScalar(v) ? "'" + Excerpt.of(Values.ps(v)) + "'"
                    : v instanceof Map<?, ?> ? "a hashtable" : "a list") + ".");
        }
    }

    /** True when the workflow's {@code ApprovalRequired} key (any letter case) is {@code true}. */
    public static boolean approvalRequired(DataMap wf) {
        return Boolean.TRUE.equals(wf.get("ApprovalRequired"));
    }

    private static void checkSteps(String collection, Object value, List<String> errors) {
        if (!(value instanceof List<?> steps)) {
            errors.add("'" + collection + "' must be an array/list of step hashtables.");
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Object raw = steps.get(i);
            String at = collection + "[" + i + "]";
            if (!(raw instanceof DataMap step)) {
                errors.add(at + ": each step must be a hashtable.");
                continue;
            }
            String name = Values.isScalar(step.get("Name")) ? step.getString("Name") : null;
            String label = name == null || name.isBlank() ? at : at + " ('" + name + "')";
            for (String key : List.of("Name", "Type", "Description", "RetryProfile", "OnPreconditionFalse")) {
                requireTextIfPresent(step, key, label + ": ", errors);
            }
            for (String key : step.keySet()) {
                if (!containsIgnoreCase(STEP_KEYS, key)) {
                    errors.add(label + ": Unknown key '" + Excerpt.of(key) + "'. Allowed keys: "
                            + String.join(", ", STEP_KEYS) + "." + Suggestions.didYouMean(key, STEP_KEYS));
                }
            }
            if ((name == null || name.isBlank()) && Values.isScalar(step.get("Name"))) {
                errors.add(at + ": missing or empty required key 'Name'.");
            } else if (name != null) {
                Integer first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    errors.add(label + ": step name '" + name + "' is not unique in " + collection + " (first used by "
                            + collection + "[" + first + "]).");
                }
            }
            String type = step.getString("Type");
            if ((type == null || type.isBlank()) && Values.isScalar(step.get("Type"))) {
                errors.add(label + ": missing or empty required key 'Type'.");
            }
            Object with = step.get("With");
            if (with != null && !(with instanceof DataMap)) {
                errors.add(label + ": 'With' must be a hashtable.");
            }
            checkCondition(step, "Condition", label, errors);
            checkCondition(step, "Precondition", label, errors);
            checkPreconditionSettings(step, label, errors);
            Object profile = step.get("RetryProfile");
            if (profile != null && Values.isScalar(profile) && !RETRY_PROFILE.matcher(Values.ps(profile)).matches()) {
                errors.add(label + ": RetryProfile '" + Values.ps(profile)
                        + "' must be 1-64 characters of letters, digits, '_', '.' or '-'.");
            }
        }
    }

    private static void checkCondition(DataMap step, String key, String label, List<String> errors) {
        Object node = step.get(key);
        if (node == null) {
            return;
        }
        if (node instanceof List<?>) {
            errors.add(label + ": '" + key + "' must be a single condition node (hashtable), not a list.");
            return;
        }
        errors.addAll(ConditionSchema.validate(node, label + ": " + key));
        ConditionOperands.addProblems(node, label + ": " + key, errors);
    }

    private static void checkPreconditionSettings(DataMap step, String label, List<String> errors) {
        Object mode = step.get("OnPreconditionFalse");
        if (mode != null && Values.isScalar(mode) && !containsIgnoreCase(PRECONDITION_MODES, Values.ps(mode))) {
            errors.add(label + ": OnPreconditionFalse must be one of Blocked, Fail, Continue (got '"
                    + Values.ps(mode) + "').");
        }
        Object event = step.get("PreconditionEvent");
        if (event == null) {
            return;
        }
        if (!(event instanceof DataMap ev)) {
            errors.add(label + ": PreconditionEvent must be a hashtable with Type, Message and optional Data.");
            return;
        }
        for (String k : ev.keySet()) {
            if (!containsIgnoreCase(List.of("Type", "Message", "Data"), k)) {
                errors.add(label + ": PreconditionEvent has unknown key '" + k + "'. Allowed keys: Type, Message, Data.");
            }
        }
        for (String k : List.of("Type", "Message")) {
            Object v = ev.get(k);
            if (!(v instanceof String s) || s.isBlank()) {
                errors.add(label + ": PreconditionEvent." + k + " is required and must be a non-empty string.");
            }
        }
        Object data = ev.get("Data");
        if (data != null && !(data instanceof DataMap)) {
            errors.add(label + ": PreconditionEvent.Data must be a hashtable.");
        }
    }

    private static void checkResolvers(Object value, List<String> errors) {
        if (!(value instanceof List<?> resolvers)) {
            errors.add("'ContextResolvers' must be an array/list of resolver hashtables.");
            return;
        }
        for (int i = 0; i < resolvers.size(); i++) {
            String at = "ContextResolvers[" + i + "]";
            if (!(resolvers.get(i) instanceof DataMap r)) {
                errors.add(at + ": each resolver must be a hashtable.");
                continue;
            }
            for (String key : r.keySet()) {
                if (!containsIgnoreCase(List.of("Capability", "With"), key)) {
                    errors.add(at + ": Unknown key '" + key + "'. Allowed keys: Capability, With.");
                }
            }
            requireText(r, "Capability", at + ".Capability", errors);
            Object with = r.get("With");
            if (with != null && !(with instanceof DataMap)) {
                errors.add(at + ": 'With' must be a hashtable.");
            } else if (with instanceof DataMap w) {
                if (w.containsKey("Provider") && w.get("Provider") != null && w.getString("Provider").isBlank()) {
                    errors.add(at + ": With.Provider must not be blank.");
                }
                Object opts = w.get("AuthSessionOptions");
                if (opts != null && !(opts instanceof DataMap)) {
                    errors.add(at + ": With.AuthSessionOptions must be a hashtable.");
                }
            }
        }
    }

    /**
     * A text field given as a map or list is an error: it has no text form (a map was exported as
     * {@code System.Collections.Hashtable}). Numbers and booleans stay allowed, as their text is what was written.
     */
    private static void requireTextIfPresent(DataMap m, String key, String label, List<String> errors) {
        Object v = m.get(key);
        if (!Values.isScalar(v)) {
            errors.add(label + "'" + key + "' must be text, not a " + (v instanceof Map<?, ?> ? "hashtable" : "list")
                    + ".");
        }
    }

    private static void requireText(DataMap m, String key, String label, List<String> errors) {
        Object v = m.get(key);
        if (v == null || !Values.isScalar(v) || Values.ps(v).isBlank()) {
            errors.add("Missing or empty required key '" + label + "'.");
        }
    }

    static boolean containsIgnoreCase(List<String> list, String key) {
        return list.stream().anyMatch(key::equalsIgnoreCase);
    }

    /** Sorted, case-insensitive. */
    static String sortedList(List<String> keys) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(keys);
        return String.join(", ", s);
    }
}
