package dev.idle.report.html;

import java.util.List;
import java.util.Map;

/**
 * What the batch plan report shows. Public because the compiled templates live in another package; not an API for
 * callers (use {@link BatchPlanReport}).
 *
 * @param workflowName the workflow's name (from the first plan), or null when no request got a plan
 * @param requestsName where the requests were read from
 * @param renderedAt   when the report was rendered
 * @param rows         one row per request, by index
 * @param totals       how many requests have each status
 */
public record BatchPlanView(String workflowName, String requestsName, String renderedAt, List<Row> rows,
                            Map<String, Long> totals) {

    /** How many planned requests have no plan in this report (left out to bound its size). */
    public long plansLeftOut() {
        return rows.stream().filter(r -> r.plan() == null && "Planned".equals(r.status())).count();
    }

    /**
     * One request.
     *
     * @param index         0-based position among the requests
     * @param line          its input line
     * @param status        {@code Planned}, {@code Invalid}, …
     * @param correlationId the correlation id, or null
     * @param error         why it is invalid, or null
     * @param identity      its identity keys in one line, or null without a plan
     * @param plan          its plan, or null
     */
    public record Row(long index, long line, String status, String correlationId, String error, String identity,
                      PlanView plan) {
        /** The id of the request's section in the page. */
        public String anchor() {
            return "request-" + index;
        }
    }
}
