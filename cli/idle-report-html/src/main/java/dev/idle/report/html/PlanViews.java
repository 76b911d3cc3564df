package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.report.html.PlanView.StepView;
import dev.idle.report.html.PlanView.ValueLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a {@link PlanView} from a plan export (schema 1.0, docs/plan-export.md) and an optional preview. Reads
 * only what the export holds, so the report shows exactly what is approved: inputs as exported (already redacted),
 * the planHash as exported. A document that is not a plan export is refused with an {@link IllegalArgumentException}.
 */
final class PlanViews {
    private final Function<String, List<String>> capabilities;

    PlanViews(Function<String, List<String>> capabilities) {
        this.capabilities = capabilities;
    }

    PlanView of(JsonNode export, JsonNode preview, String renderedAt) {
        if (export == null || !export.isObject() || !export.path("plan").isObject()) {
            throw new IllegalArgumentException("not a plan export: no 'plan' object");
        }
        String planHash = JsonValues.field(export, "planHash");
        PreviewCells cells = PreviewCells.of(preview, planHash);
        RequestPaths request = new RequestPaths(export);
        JsonNode plan = export.path("plan");
        JsonNode workflow = export.path("workflow");
        JsonNode input = export.path("request").path("input");
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : plan.path("warnings")) {
            String step = JsonValues.field(w, "step");
            warnings.add((step == null ? "" : step + ": ") + message(w));
        }
        return new PlanView(JsonValues.field(workflow, "name"), JsonValues.field(workflow, "lifecycleEvent"),
                JsonValues.field(workflow, "description"), JsonValues.field(export.path("request"), "actor"),
                JsonValues.field(export.path("request"), "correlationId"), planHash,
                export.path("executable").asBoolean(false), JsonValues.field(export, "notExecutableReason"),
                workflow.path("approvalRequired").asBoolean(false), renderedAt,
                JsonValues.flatten(input.path("identityKeys")), JsonValues.flatten(input.path("intent")),
                JsonValues.flatten(input.path("context")), steps(plan.path("steps"), request, cells),
                steps(plan.path("onFailureSteps"), request, null), List.copyOf(warnings), cells.info());
    }

    private List<StepView> steps(JsonNode steps, RequestPaths request, PreviewCells cells) {
        List<StepView> out = new ArrayList<>();
        for (JsonNode step : steps) {
            String name = JsonValues.field(step, "name");
            String type = JsonValues.field(step, "stepType");
            JsonNode expression = step.path("condition").path("expression");
            List<ValueLine> seen = new ArrayList<>();
            for (String path : ConditionText.paths(expression)) {
                seen.add(JsonValues.line(path, request.read(path)));
            }
            List<String> warnings = new ArrayList<>();
            step.path("warnings").forEach(w -> warnings.add(message(w)));
            out.add(new StepView(JsonValues.field(step, "id"), name, type, JsonValues.field(step, "provider"),
                    capabilities.apply(type), String.valueOf(JsonValues.field(step, "status")),
                    ConditionText.of(expression), List.copyOf(seen), JsonValues.flatten(step.path("inputs")),
                    JsonValues.field(step, "retryProfile"), ConditionText.of(step.path("precondition")),
                    precondition(step), JsonValues.field(step, "description"), List.copyOf(warnings),
                    cells == null ? null : cells.cell(name)));
        }
        return List.copyOf(out);
    }

    /** What a false precondition does; the engine's default when not written. */
    private static String precondition(JsonNode step) {
        if (step.path("precondition").isNull() || step.path("precondition").isMissingNode()) {
            return null;
        }
        String when = JsonValues.field(step, "onPreconditionFalse");
        return when == null ? "Blocked" : when;
    }

    private static String message(JsonNode warning) {
        String code = JsonValues.field(warning, "code");
        String message = JsonValues.field(warning, "message");
        return (code == null ? "" : code + ": ") + (message == null ? warning.toString() : message);
    }
}
