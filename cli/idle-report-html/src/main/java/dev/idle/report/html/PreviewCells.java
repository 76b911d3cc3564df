package dev.idle.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.report.html.PlanView.Change;
import dev.idle.report.html.PlanView.PreviewCell;
import dev.idle.report.html.PlanView.PreviewInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "what will change" cells of a plan report, from a preview document (kind {@code IdLE.PlanPreview}, schema
 * 1.x, see docs/plan-review.md). A preview is shown only beside the plan it was made for: one whose {@code planHash}
 * differs, or of another kind or major schema version, is not shown and the report says why. Steps are matched by
 * name (unique in a workflow); a step the preview does not list gets a cell saying so.
 */
final class PreviewCells {
    static final String KIND = "IdLE.PlanPreview";

    private final PreviewInfo info;
    private final Map<String, JsonNode> byStepName = new HashMap<>();

    private PreviewCells(PreviewInfo info) {
        this.info = info;
    }

    /** The cells of {@code preview} for the plan with {@code planHash}; none (null info) when {@code preview} is null. */
    static PreviewCells of(JsonNode preview, String planHash) {
        if (preview == null || preview.isNull() || preview.isMissingNode()) {
            return new PreviewCells(null);
        }
        String at = JsonValues.field(preview, "previewedAt");
        String problem = problem(preview, planHash);
        PreviewCells cells = new PreviewCells(new PreviewInfo(at, problem));
        if (problem == null) {
            for (JsonNode step : preview.path("steps")) {
                String name = JsonValues.field(step, "name");
                if (name != null) {
                    cells.byStepName.putIfAbsent(name, step);
                }
            }
        }
        return cells;
    }

    private static String problem(JsonNode preview, String planHash) {
        String kind = JsonValues.field(preview, "kind");
        String version = JsonValues.field(preview, "schemaVersion");
        if (!KIND.equals(kind) || version == null || !version.startsWith("1.")) {
            return "The preview is not an " + KIND + " document of schema 1.x (kind " + kind + ", schemaVersion "
                    + version + "): it is not shown.";
        }
        String previewHash = JsonValues.field(preview, "planHash");
        if (planHash == null || !planHash.equals(previewHash)) {
            return "The preview was made for another plan (planHash " + previewHash + "), not for this one ("
                    + planHash + "): it is not shown. Preview this plan again.";
        }
        return null;
    }

    PreviewInfo info() {
        return info;
    }

    /** The cell of the step named {@code name}, or null when no preview is shown. */
    PreviewCell cell(String name) {
        if (info == null || info.problem() != null) {
            return null;
        }
        JsonNode step = byStepName.get(name);
        if (step == null) {
            return new PreviewCell("Missing", "Not in the preview", List.of(), null);
        }
        String status = String.valueOf(JsonValues.field(step, "status"));
        String note = JsonValues.field(step, "note");
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : step.path("changes")) {
            String summary = JsonValues.field(change, "summary");
            changes.add(new Change(summary != null ? summary : change.toString(),
                    texts(change.path("removed")), texts(change.path("added"))));
        }
        return new PreviewCell(status, label(status), List.copyOf(changes), note);
    }

    private static String label(String status) {
        return switch (status) {
            case "Changes" -> "Will change";
            case "NoChange" -> "No change: already as intended";
            case "CannotRead" -> "Cannot read the current state";
            case "NotPreviewed" -> "Not previewed for this step type";
            case "NotApplicable" -> "Skipped: not read";
            default -> status;
        };
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(JsonValues.text(item)));
        return List.copyOf(out);
    }
}
