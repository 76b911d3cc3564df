package dev.idle.internal.export;

import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanStep;
import dev.idle.api.PlanWarning;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.catalog.Capabilities;
import dev.idle.spi.StepMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an exported plan back for execution, after checking that it is exactly what was exported (its
 * {@code planHash} matches) and that nothing execution needs was redacted or truncated. Nothing is re-planned:
 * conditions, templates and NotApplicable decisions stay as exported.
 */
public final class PlanImporter {
    private final StepCatalog catalog;

    public PlanImporter(StepCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The loaded export, after checking that it is a JSON object whose {@code planHash} matches its content.
     *
     * @param use what is refused when it does not ("run", "review"), for the message
     * @throws IdleInputException naming {@code source} when it is not an object, has no hash, or was changed
     */
    public static DataMap verified(Object data, String source, String use) {
        if (!(data instanceof DataMap doc)) {
            throw new IdleInputException(source + ": an exported plan must be a JSON object");
        }
        String hash = doc.getString("planHash");
        if (hash == null) {
            throw new IdleInputException(source + ": the plan has no planHash; export it again with 'idle plan'");
        }
        DataMap withoutHash = new DataMap(doc);
        withoutHash.remove("planHash");
        String actual = PlanHash.ofJson(JsonText.compact(withoutHash));
        if (!actual.equalsIgnoreCase(hash)) {
            throw new IdleInputException(source + ": planHash does not match the plan's content (expected " + hash
                    + ", computed " + actual + "): the plan was changed after it was exported; refusing to " + use
                    + " it");
        }
        return doc;
    }

    /**
     * @param data   the loaded JSON tree
     * @param source names the file in messages
     * @throws IdleInputException when the hash does not match, the plan is not executable or its shape is wrong
     */
    public Plan read(Object data, String source) {
        DataMap doc = verified(data, source, "run");
        if (!Boolean.TRUE.equals(doc.get("executable"))) {
            throw new IdleInputException(source + ": the plan is not executable: "
                    + (doc.get("notExecutableReason") == null ? "it carries no 'executable: true'"
                    : doc.getString("notExecutableReason")));
        }
        List<String> problems = new ArrayList<>();
        if (!"1.0".equals(doc.getString("schemaVersion"))) {
            problems.add(source + ": schemaVersion must be \"1.0\"");
        }
        DataMap request = map(doc, "request", source, problems);
        DataMap input = request == null ? null : map(request, "input", source + ": request", problems);
        DataMap planNode = map(doc, "plan", source, problems);
        DataMap workflow = map(doc, "workflow", source, problems);
        if (!problems.isEmpty() || input == null) {
            throw new IdleInputException(source + ": not an executable plan export", problems);
        }
        LifecycleRequest req = LifecycleRequest.create(request.getString("type"), request.getString("correlationId"),
                request.getString("actor"), input.getMap("identityKeys"), input.getMap("intent"),
                input.getMap("context"));
        List<PlanStep> steps = steps(planNode.get("steps"), source + ": plan.steps", problems);
        List<PlanStep> onFailure = steps(planNode.get("onFailureSteps"), source + ": plan.onFailureSteps", problems);
        List<PlanWarning> warnings = new ArrayList<>();
        if (planNode.get("warnings") instanceof List<?> ws) {
            for (Object w : ws) {
                if (w instanceof DataMap wm) {
                    warnings.add(warning(wm));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IdleInputException(source + ": not an executable plan export", problems);
        }
        return new Plan(workflow.getString("name"), workflow.getString("lifecycleEvent"),
                workflow.getString("description"), req, steps, onFailure, warnings,
                Boolean.TRUE.equals(workflow.get("approvalRequired")));
    }

    private List<PlanStep> steps(Object raw, String at, List<String> problems) {
        List<PlanStep> out = new ArrayList<>();
        if (!(raw instanceof List<?> list)) {
            problems.add(at + " must be a list");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof DataMap s)) {
                problems.add(at + "[" + i + "] must be an object");
                continue;
            }
            String type = s.getString("stepType");
            StepMetadata meta = catalog.metadata(type);
            if (meta == null) {
                problems.add(at + "[" + i + "]: unknown step type '" + type + "'");
                continue;
            }
            StepStatus status;
            try {
                status = StepStatus.valueOf(s.getString("status"));
            } catch (RuntimeException e) {
                problems.add(at + "[" + i + "]: status must be Planned or NotApplicable");
                continue;
            }
            DataMap condition = s.getMap("condition");
            List<PlanWarning> warnings = new ArrayList<>();
            if (s.get("warnings") instanceof List<?> ws) {
                for (Object w : ws) {
                    if (w instanceof DataMap wm) {
                        warnings.add(warning(wm));
                    }
                }
            }
            out.add(new PlanStep(s.getString("name"), type, s.getString("description"),
                    condition == null ? null : condition.get("expression"), s.get("precondition"),
                    s.getString("onPreconditionFalse"), s.getMap("preconditionEvent"), warnings,
                    s.getMap("with") == null ? new DataMap() : s.getMap("with"), s.getString("provider"),
                    Capabilities.normalise(meta.requiredCapabilities()), status, s.getString("retryProfile")));
        }
        return out;
    }

    private static PlanWarning warning(DataMap w) {
        List<String> paths = new ArrayList<>();
        if (w.get("paths") instanceof List<?> ps) {
            ps.forEach(p -> paths.add(Values.ps(p)));
        }
        return new PlanWarning(w.getString("code"), w.getString("type"), w.getString("step"), w.getString("source"),
                paths, w.getString("message"));
    }

    private static DataMap map(DataMap m, String key, String at, List<String> problems) {
        DataMap v = m.getMap(key);
        if (v == null) {
            problems.add(at + ": '" + key + "' must be an object");
        }
        return v;
    }
}
