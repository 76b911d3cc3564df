package dev.idle.cli;

import dev.idle.api.BatchRecord;
import dev.idle.api.Idle;
import dev.idle.report.html.BatchPlanReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Collects the records of {@code idle batch --dry-run --html FILE} and writes the batch plan report at the end
 * ({@link BatchPlanReport}: a row per request, each plan one click away). Every request gets a row; to bound memory
 * and the file's size, only the plans of the {@value #MAX_PLANS} lowest indexes are kept (records arrive in the
 * order requests finish), and the report says how many it left out. Called by one thread at a time (the batch
 * hands records over under its lock).
 */
final class BatchPlanHtml implements AutoCloseable {
    static final int MAX_PLANS = 1000;

    private final HtmlReportFile file;
    private final String requestsName;
    private final int maxPlans;
    private final Idle idle = Idle.create();
    private final List<BatchPlanReport.Entry> rows = new ArrayList<>();
    /** index → position in {@link #rows} of the entries that hold a plan. */
    private final TreeMap<Long, Integer> withPlan = new TreeMap<>();

    BatchPlanHtml(HtmlReportFile file, String requestsName, int maxPlans) {
        this.file = file;
        this.requestsName = requestsName;
        this.maxPlans = maxPlans;
    }

    /** Opens the report file (checked now, written at the end), or null when {@code path} is null. */
    static BatchPlanHtml open(Path path, String requestsName) {
        HtmlReportFile file = HtmlReportFile.open(path);
        return file == null ? null : new BatchPlanHtml(file, requestsName, MAX_PLANS);
    }

    /** Takes the record of one request. */
    void add(BatchRecord record) {
        boolean keepPlan = record.plan() != null
                && (withPlan.size() < maxPlans || record.index() < withPlan.lastKey());
        rows.add(new BatchPlanReport.Entry(record.index(), record.line(), record.status().name(),
                record.correlationId(), record.error(),
                keepPlan ? HtmlReportFile.tree(idle.export(record.plan())) : null));
        if (keepPlan) {
            withPlan.put(record.index(), rows.size() - 1);
            if (withPlan.size() > maxPlans) {
                int dropped = withPlan.pollLastEntry().getValue();
                BatchPlanReport.Entry e = rows.get(dropped);
                rows.set(dropped, new BatchPlanReport.Entry(e.index(), e.line(), e.status(), e.correlationId(),
                        e.error(), null));
            }
        }
    }

    /** Renders and writes the report; returns null, or why it could not be written. */
    String write() {
        return file.write(BatchPlanReport.render(requestsName, rows, Instant.now()));
    }

    @Override
    public void close() {
        file.close();
    }
}
