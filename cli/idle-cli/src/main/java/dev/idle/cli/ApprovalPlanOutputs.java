package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.IdleInputException;
import dev.idle.report.html.PlanReport;
import dev.idle.runner.Approvals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code idle status ID --plan-out <plan.json> --html <file>}: the plan a distributed run waits for approval with
 * ({@link Approvals#plan}), as the plan export and as the HTML plan report, so the approver reviews exactly what the
 * hash in {@code idle approve --plan-hash} approves. Both files are opened before the database is asked (a bad path
 * exits 2 first) and replaced atomically. Used by one thread.
 */
final class ApprovalPlanOutputs implements AutoCloseable {
    private final Path planFile;
    private final AtomicFiles.Replacement plan;
    private final HtmlReportFile html;

    private ApprovalPlanOutputs(Path planFile, AtomicFiles.Replacement plan, HtmlReportFile html) {
        this.planFile = planFile;
        this.plan = plan;
        this.html = html;
    }

    /** The outputs asked for, or null when neither option was given. */
    static ApprovalPlanOutputs open(Path planFile, Path htmlFile) {
        if (planFile == null && htmlFile == null) {
            return null;
        }
        AtomicFiles.Replacement plan = planFile == null ? null : AtomicFiles.open(planFile);
        try {
            return new ApprovalPlanOutputs(planFile, plan, HtmlReportFile.open(htmlFile));
        } catch (RuntimeException e) {
            if (plan != null) {
                plan.close();
            }
            throw e;
        }
    }

    /**
     * Writes the plan of run {@code id}; {@link IdleCli#OK}, or {@link IdleCli#OUTPUT_FAILED} after saying why.
     *
     * @throws IdleInputException when the run published no plan (it needs no approval or is not planned yet)
     */
    int write(Approvals approvals, String id, PrintWriter err) {
        String export = approvals.plan(id).orElseThrow(() -> new IdleInputException(id + ": no plan to review: the"
                + " run needs no approval, is not planned yet, or the id names a submission (give a request's id)"));
        if (plan != null) {
            try {
                plan.commit((export + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("idle: " + planFile + ": cannot write the plan: " + e.getMessage());
                return IdleCli.OUTPUT_FAILED;
            }
        }
        if (html != null) {
            String failure = html.write(PlanReport.render(HtmlReportFile.tree(export), null, Instant.now()));
            if (failure != null) {
                err.println("idle: " + failure);
                return IdleCli.OUTPUT_FAILED;
            }
        }
        return IdleCli.OK;
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
        }
        if (html != null) {
            html.close();
        }
    }
}
