package dev.idle.steps;

import dev.idle.spi.PreviewContext;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.PruneEntitlements}: remove-only convergence of one entitlement kind. Every entitlement of
 * {@code With.Kind} the identity holds is revoked unless its id is listed in {@code With.Keep} or matches a
 * {@code With.KeepPattern} wildcard. Refused revocations are reported under {@code Skipped}; the step never grants.
 */
public final class PruneEntitlementsStep implements Step, StepPreviewer {
    public static final String TYPE = "IdLE.Step.PruneEntitlements";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        return EntitlementPruner.run(ctx, false);
    }

    /** Preview: {@code groups: −3 (A, B, C)}, the entitlements of the kind that are neither kept nor matched. */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        return EntitlementPruner.preview(ctx, false);
    }
}
