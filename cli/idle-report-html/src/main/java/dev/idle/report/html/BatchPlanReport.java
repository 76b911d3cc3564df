package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The HTML report of a dry-run batch ({@code idle batch --dry-run --html FILE}): one self-contained file with a row
 * per request (index, input line, status, correlation id, identity, steps planned, or why the request is invalid)
 * and each request's plan one click away (an anchor to its section further down, which is the same view as
 * {@link PlanReport}). Same rules as {@link PlanReport}: built from the exported plans, every value escaped, no
 * script. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BatchPlanReport {
    private BatchPlanReport() {
    }

    /**
     * One request of the batch.
     *
     * @param index         0-based position among the requests
     * @param line          the 1-based input line the request starts on
     * @param status        {@code Planned} or {@code Invalid} (any other status is shown as it is)
     * @param correlationId the request's correlation id, or null
     * @param error         why the request is invalid, or null
     * @param planExport    the request's plan export, or null (an invalid request; or a plan left out to bound the
     *                      report's size, which the report then says)
     */
    public record Entry(long index, long line, String status, String correlationId, String error,
                        JsonNode planExport) {
        public Entry {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The report of {@code entries} (any order: rows are shown by index), read from {@code requestsName}. */
    public static String render(String requestsName, List<Entry> entries, Instant renderedAt) {
        return render(requestsName, entries, renderedAt, StepCapabilities.discover());
    }

    /** As {@link #render(String, List, Instant)}, with the capabilities each step type needs given. */
    public static String render(String requestsName, List<Entry> entries, Instant renderedAt,
                                Function<String, List<String>> capabilitiesOfStepType) {
        PlanViews views = new PlanViews(capabilitiesOfStepType);
        String at = PlanReport.time(renderedAt);
        List<BatchPlanView.Row> rows = new ArrayList<>();
        String workflow = null;
        for (Entry e : entries.stream().sorted(Comparator.comparingLong(Entry::index)).toList()) {
            PlanView plan = e.planExport() == null ? null : views.of(e.planExport(), null, at);
            if (workflow == null && plan != null) {
                workflow = plan.workflowName();
            }
            rows.add(new BatchPlanView.Row(e.index(), e.line(), e.status(), e.correlationId(), e.error(),
                    plan == null ? null : identity(plan), plan));
        }
        Map<String, Long> totals = rows.stream().collect(
                Collectors.groupingBy(BatchPlanView.Row::status, LinkedHashMap::new, Collectors.counting()));
        BatchPlanView view = new BatchPlanView(workflow, requestsName, at, List.copyOf(rows), totals);
        String title = "Batch plan: " + (workflow == null ? requestsName : workflow);
        return Templates.render("batchPlan.jte", Map.of("page", PlanReport.page(title), "batch", view));
    }

    private static String identity(PlanView plan) {
        return plan.identityKeys().stream().map(l -> l.key() + "=" + l.value()).collect(Collectors.joining(", "));
    }
}
