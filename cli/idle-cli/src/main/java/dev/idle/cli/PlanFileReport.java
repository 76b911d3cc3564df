package dev.idle.cli;

import dev.idle.api.Idle;
import dev.idle.report.html.PlanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code idle report --plan <plan.json> [--preview <preview.json>] --html <file>}: the HTML plan report of an exported
 * plan file, for the reviewer who received the file rather than the workflow. The plan's {@code planHash} is checked
 * against its content first ({@link Idle#readPlanForReview}): a plan changed after export would show one thing and
 * approve another, so it is refused (exit 2). The preview must be a preview document
 * ({@link Idle#readPreviewForReview}); one of another plan is named as such in the report. The output is opened
 * before anything is read.
 */
final class PlanFileReport {
    private PlanFileReport() {
    }

    /** Writes the report; {@link IdleCli#OK}, or {@link IdleCli#OUTPUT_FAILED} after saying why on {@code err}. */
    static int write(Path plan, Path preview, Path html, PrintWriter err) {
        try (HtmlReportFile report = HtmlReportFile.open(html)) {
            Idle idle = Idle.create();
            String export = idle.readPlanForReview(plan);
            String previewJson = preview == null ? null : idle.readPreviewForReview(preview);
            String failure = report.write(PlanReport.render(HtmlReportFile.tree(export),
                    previewJson == null ? null : HtmlReportFile.tree(previewJson), Instant.now()));
            if (failure != null) {
                err.println("idle: " + failure);
                return IdleCli.OUTPUT_FAILED;
            }
            err.println("idle report: " + html + ": the plan " + plan.getFileName() + " (planHash verified)"
                    + (preview == null ? "" : " with its preview"));
            return IdleCli.OK;
        }
    }
}
