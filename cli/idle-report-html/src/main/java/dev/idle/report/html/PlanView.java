package dev.idle.report.html;

import java.util.List;

/**
 * What the plan report shows, taken from a plan export (and its preview): plain text only, escaped by the templates.
 * Public because the compiled templates live in another package; not an API for callers (use {@link PlanReport}).
 *
 * @param workflowName        the workflow's name
 * @param lifecycleEvent      the workflow's lifecycle event
 * @param description         the workflow's description, or null
 * @param actor               the request's actor, or null
 * @param correlationId       the request's correlation id
 * @param planHash            the export's planHash, or null
 * @param executable          the export's {@code executable}
 * @param notExecutableReason why not, or null
 * @param approvalRequired    the workflow needs an approval of this planHash before it runs
 * @param renderedAt          when this report was rendered (plans carry no creation time)
 * @param identityKeys        the request's identity keys, flattened
 * @param intent              the request's intent, flattened
 * @param context             the request's context, flattened
 * @param steps               the primary steps, in plan order
 * @param onFailureSteps      the OnFailure steps
 * @param warnings            the plan's warnings
 * @param preview             the preview's header, or null when no preview was given
 */
public record PlanView(String workflowName, String lifecycleEvent, String description, String actor,
                       String correlationId, String planHash, boolean executable, String notExecutableReason,
                       boolean approvalRequired, String renderedAt, List<ValueLine> identityKeys,
                       List<ValueLine> intent, List<ValueLine> context, List<StepView> steps,
                       List<StepView> onFailureSteps, List<String> warnings, PreviewInfo preview) {

    /** A preview column is shown: a preview was given and it belongs to this plan. */
    public boolean showsPreview() {
        return preview != null && preview.problem() == null;
    }

    /** How many primary steps are planned (not skipped by their condition). */
    public long plannedSteps() {
        return steps.stream().filter(StepView::planned).count();
    }

    /**
     * One step row.
     *
     * @param id                 the export's step id ({@code step-01}, {@code onfailure-01})
     * @param name               the step's name
     * @param type               the step type
     * @param provider           the provider alias, or null for a step that calls none
     * @param capabilities       the capabilities the step type needs (from the step packs; empty when unknown)
     * @param status             {@code Planned} or {@code NotApplicable}
     * @param condition          the Condition as text, or null for a step without one
     * @param conditionValues    the values the condition's paths have in the exported request
     * @param inputs             the step's inputs (already redacted by the export), flattened
     * @param retryProfile       the RetryProfile name, or null (the host's default)
     * @param precondition       the Precondition as text, or null
     * @param onPreconditionFalse what happens when the precondition is false ({@code Blocked} when not written)
     * @param description        the step's description, or null
     * @param warnings           the step's warnings
     * @param preview            the preview cell, or null when the report has no preview
     */
    public record StepView(String id, String name, String type, String provider, List<String> capabilities,
                           String status, String condition, List<ValueLine> conditionValues, List<ValueLine> inputs,
                           String retryProfile, String precondition, String onPreconditionFalse,
                           String description, List<String> warnings, PreviewCell preview) {
        public boolean planned() {
            return "Planned".equals(status);
        }

        /** The status as a reviewer reads it. */
        public String statusLabel() {
            return switch (status) {
                case "Planned" -> "Planned";
                case "NotApplicable" -> "Skipped by its condition";
                default -> status;
            };
        }
    }

    /**
     * One key and its value as text; {@code secret} when the export redacted (or truncated) it.
     */
    public record ValueLine(String key, String value, boolean secret) {
    }

    /**
     * The "what will change" cell of a step.
     *
     * @param status  the preview's status ({@code Changes}, {@code NoChange}, {@code CannotRead}, {@code NotPreviewed},
     *                {@code NotApplicable}), or {@code Missing} when the preview has no entry for the step
     * @param label   the status as a reviewer reads it
     * @param changes the changes (for {@code Changes})
     * @param note    the preview's note, or null
     */
    public record PreviewCell(String status, String label, List<Change> changes, String note) {
    }

    /**
     * One intended change.
     *
     * @param summary the preview's one-line summary ({@code enabled: true → false})
     * @param removed for a set: the members that go
     * @param added   for a set: the members that come
     */
    public record Change(String summary, List<String> removed, List<String> added) {
        public boolean hasMembers() {
            return !removed.isEmpty() || !added.isEmpty();
        }
    }

    /**
     * The preview document's header.
     *
     * @param previewedAt when the current state was read
     * @param problem     why the preview is not shown (it belongs to another plan, or has an unknown schema), or null
     */
    public record PreviewInfo(String previewedAt, String problem) {
    }
}
