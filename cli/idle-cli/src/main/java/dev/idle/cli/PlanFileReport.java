package dev.idle.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.InputLimits;
import dev.idle.report.html.PlanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code idle report --plan <plan.json> [--preview <preview.json>] --html <file>}: the HTML plan report of an exported
 * plan file, for the reviewer who received the file rather than the workflow. The plan's {@code planHash} is checked
 * against its content first ({@link Idle#readPlanForReview}): a plan changed after export would show one thing and
 * approve another, so it is refused (exit 2). The preview must be a preview document ({@code IdLE.PlanPreview});
 * one of another plan is named as such in the report. The output is opened before anything is read.
 */
final class PlanFileReport {
    private static final String PREVIEW_KIND = "IdLE.PlanPreview";

    private PlanFileReport() {
    }

    /** Writes the report; {@link IdleCli#OK}, or {@link IdleCli#OUTPUT_FAILED} after saying why on {@code err}. */
    static int write(Path plan, Path preview, Path html, PrintWriter err) {
        try (HtmlReportFile report = HtmlReportFile.open(html)) {
            String export = Idle.create().readPlanForReview(plan);
            JsonNode previewTree = preview == null ? null : readPreview(preview);
            String failure = report.write(PlanReport.render(HtmlReportFile.tree(export), previewTree, Instant.now()));
            if (failure != null) {
                err.println("idle: " + failure);
                return IdleCli.OUTPUT_FAILED;
            }
            err.println("idle report: " + html + ": the plan " + plan.getFileName() + " (planHash verified)"
                    + (preview == null ? "" : " with its preview"));
            return IdleCli.OK;
        }
    }

    /** A preview document, bounded by the input limits; exit 2 (naming the file) for anything else. */
    private static JsonNode readPreview(Path file) {
        InputLimits limits = InputLimits.current();
        try {
            if (Files.size(file) > limits.maxFileBytes()) {
                throw new IdleInputException(file + ": the preview is larger than maxFileBytes ("
                        + limits.maxFileBytes() + " bytes)");
            }
            ObjectMapper json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth())
                            .maxStringLength(limits.maxStringLength()).maxNameLength(limits.maxStringLength())
                            .maxNumberLength(limits.maxNumberDigits()).build()).build());
            JsonNode tree = json.readTree(file.toFile());
            if (tree == null || !PREVIEW_KIND.equals(tree.path("kind").asText())) {
                throw new IdleInputException(file + ": not a plan preview (its kind is not " + PREVIEW_KIND
                        + "): write one with idle plan --preview");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IdleInputException(file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": the preview is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IdleInputException(file + ": cannot read the preview: " + e.getMessage());
        }
    }
}
