package dev.idle.internal.exec;

import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.api.PlanStep;
import dev.idle.api.Providers;
import dev.idle.api.StepStatus;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.export.PlanExporter;
import dev.idle.internal.redact.Redactor;
import dev.idle.internal.redact.RevealedSecrets;
import dev.idle.internal.redact.SecretScrubber;
import dev.idle.spi.CredentialMasking;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.RootCause;
import dev.idle.spi.Step;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link PlanPreview}: each primary step of a plan, in order, through its handler's {@link StepPreviewer}
 * with a read-only {@link EnginePreviewContext}. A step not applicable at plan time is not read; a handler without a
 * previewer is {@code NotPreviewed}; a previewer that throws makes its step {@code CannotRead} with the root cause,
 * and the other steps are still previewed. Every value and note is redacted before it leaves: a secret-named
 * attribute's values, the values the plan knows to be secret, text that looks like a credential.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
public final class PlanPreviewer {
    private final StepCatalog catalog;

    public PlanPreviewer(StepCatalog catalog) {
        this.catalog = catalog;
    }

    public PlanPreview preview(Plan plan, Providers providers, Instant previewedAt) {
        SecretScrubber scrubber = Executor.scrubberFor(plan);
        List<PlanPreview.Step> steps = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            StepPreview preview = redacted(previewOf(plan, step, providers), scrubber);
            steps.add(new PlanPreview.Step(step.name(), step.type(), step.provider(), preview));
        }
        return new PlanPreview(previewedAt, PlanExporter.hash(plan), plan.correlationId(), plan.workflowName(),
                plan.lifecycleEvent(), steps);
    }

    private StepPreview previewOf(Plan plan, PlanStep step, Providers providers) {
        if (step.status() == StepStatus.NotApplicable) {
            return StepPreview.notApplicable("Its condition is not met: the step will not run.");
        }
        Step handler = catalog.handler(step.type());
        if (!(handler instanceof StepPreviewer previewer)) {
            return StepPreview.notPreviewed(null);
        }
        // the inputs exactly as a run hands them to the step (secrets as their text, read-only); no events
        EngineStepContext context = new EngineStepContext(step.name(), step.type(),
                (DataMap) Values.readOnlyCopy(RevealedSecrets.of(step.with())), providers, null,
                plan.correlationId(), plan.actor());
        try {
            StepPreview preview = previewer.preview(new EnginePreviewContext(context));
            return preview == null ? StepPreview.notPreviewed("The step's previewer returned nothing.") : preview;
        } catch (RuntimeException e) {
            return StepPreview.cannotRead("Cannot read: " + RootCause.describe(e));
        }
    }

    private static StepPreview redacted(StepPreview preview, SecretScrubber scrubber) {
        List<PreviewChange> changes = new ArrayList<>();
        for (PreviewChange change : preview.changes()) {
            PreviewChange c = CredentialMasking.isSecretNamedKey(change.attribute())
                    ? change.mapValues(v -> v == null ? null : CredentialMasking.MARKER) : change;
            changes.add(c.mapValues(v -> scrubber.scrubTree(Redactor.redact(v))));
        }
        return new StepPreview(preview.status(), changes, scrubber.scrub(preview.note()));
    }
}
