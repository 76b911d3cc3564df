package dev.idle.cli;

import dev.idle.api.AtomicFiles;
import dev.idle.api.Host;
import dev.idle.api.Idle;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.report.html.PlanReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle plan --workflow <file> --request <file> [--host <file>] [--out <plan.json>] [--preview <file>]
 * [--html <file>]}: the plan export to {@code --out} (or stdout); with {@code --preview} what it would change, read
 * with read-only calls ({@link PlanPreviewOutput}); with {@code --html} the HTML plan report of that export
 * ({@link PlanReport}), the preview beside each step when one was read. Outputs are opened before planning; one that
 * cannot be written afterwards exits 5 (the others are still written).
 */
@Command(name = "plan", description = "Build a plan and write it as plan export JSON (schema 1.0).")
final class PlanCommand implements Callable<Integer> {
    @Option(names = "--workflow", required = true, paramLabel = "<file>", description = "The workflow file.")
    Path workflow;

    @Option(names = "--request", required = true, paramLabel = "<file>", description = "The request file.")
    Path request;

    @Option(names = "--host", paramLabel = "<file>", description = "Host file: providers to check capabilities against.")
    Path host;

    @Option(names = "--out", paramLabel = "<plan.json>", description = "Write the plan here instead of stdout.")
    Path out;

    @Option(names = "--preview", paramLabel = "<preview.json>", description = "Also write what the plan would change,"
            + " read now from the host's providers with read-only calls (needs --host).")
    Path preview;

    @Option(names = "--html", paramLabel = "<file>",
            description = "Also write the plan as an HTML report to review (one self-contained file).")
    Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // opened before planning, which may call providers (context resolvers): a bad --out stops it first
        try (AtomicFiles.Replacement target = out == null ? null : AtomicFiles.open(out);
             PlanPreviewOutput previewOut = PlanPreviewOutput.open(preview, host, spec.commandLine());
             HtmlReportFile report = HtmlReportFile.open(html)) {
            Idle idle = Idle.create();
            String json;
            try (Host h = Inputs.host(host)) {
                Plan plan = idle.plan(workflow, Inputs.request(request), h == null ? null : h.providers());
                json = idle.export(plan);
                if (previewOut != null) {
                    previewOut.read(idle, plan, h);
                }
            }
            if (target == null) {
                spec.commandLine().getOut().println(json);
            } else {
                try {
                    target.commit((json + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    spec.commandLine().getErr().println("idle: " + out + ": cannot write the plan: " + e.getMessage());
                    return IdleCli.OUTPUT_FAILED;
                }
            }
            int previewWritten = previewOut == null ? IdleCli.OK : previewOut.commit(spec.commandLine().getErr());
            int reportWritten = report == null ? IdleCli.OK
                    : writeReport(report, json, previewOut == null ? null : previewOut.preview());
            return previewWritten != IdleCli.OK ? previewWritten : reportWritten;
        }
    }

    /** The HTML report of the export just written, with the preview beside the steps when one was read. */
    private int writeReport(HtmlReportFile report, String json, PlanPreview preview) {
        String failure = report.write(PlanReport.render(HtmlReportFile.tree(json),
                preview == null ? null : HtmlReportFile.tree(preview.toJson()), Instant.now()));
        if (failure != null) {
            spec.commandLine().getErr().println("idle: " + failure);
            return IdleCli.OUTPUT_FAILED;
        }
        return IdleCli.OK;
    }
}
