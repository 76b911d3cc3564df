package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The HTML plan report that a person reviews before approving a plan: one self-contained file (no external asset,
 * no script, a strict Content-Security-Policy) with the plan's header (workflow, lifecycle event, actor, correlation
 * id, planHash, the time the report was rendered), the request, one row per step (status — planned, or skipped by
 * its condition with the condition and the values it saw —, provider alias and capabilities, inputs with secrets as
 * the export redacted them, retry profile, precondition), the OnFailure steps and the warnings; and, given a
 * preview document of the same plan, what each step will change.
 *
 * <p>It renders the exported documents, never the engine's objects, so the report shows exactly what is approved.
 * Every value is escaped by the templates; none reaches a script or a style. A document that is not a plan export
 * fails with {@link IllegalArgumentException}. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlanReport {
    private PlanReport() {
    }

    /**
     * The report of {@code planExport} (plan export 1.0), with the "what will change" column when
     * {@code previewOrNull} is a preview of the same plan (same planHash); a preview of another plan is named and
     * not shown. Capabilities are those of the step packs on the class path.
     */
    public static String render(JsonNode planExport, JsonNode previewOrNull, Instant renderedAt) {
        return render(planExport, previewOrNull, renderedAt, StepCapabilities.discover());
    }

    /** As {@link #render(JsonNode, JsonNode, Instant)}, with the capabilities each step type needs given. */
    public static String render(JsonNode planExport, JsonNode previewOrNull, Instant renderedAt,
                                Function<String, List<String>> capabilitiesOfStepType) {
        PlanView plan = new PlanViews(capabilitiesOfStepType).of(planExport, previewOrNull, time(renderedAt));
        String title = "Plan: " + (plan.workflowName() == null ? "(unnamed workflow)" : plan.workflowName());
        return Templates.render("plan.jte", Map.of("page", page(title), "plan", plan));
    }

    /** The page frame of plan reports: the shared style plus the plan report's own, no script. */
    static Page page(String title) {
        return new Page(title, Page.resource("report.css") + Page.resource("plan-report.css"), "");
    }

    /** An instant as a reviewer reads it: ISO-8601 UTC to the second. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
