package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.PruneEntitlementsEnsureKeep}: {@link PruneEntitlementsStep} plus a guarantee that every explicit
 * {@code With.Keep} entry is held afterwards (granted when missing). Patterns cannot be ensured, so
 * {@code KeepPattern} is rejected. Messages and events say {@code PruneEntitlements}, as upstream's do.
 */
public final class PruneEntitlementsEnsureKeepStep implements Step, StepPreviewer {
    public static final String TYPE = "IdLE.Step.PruneEntitlementsEnsureKeep";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        rejectPatterns(ctx.with());
        return EntitlementPruner.run(ctx, true);
    }

    /** Preview: {@code groups: −2 (A, B), +1 (C)}: what is not kept leaves, keep entries not held join. */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        rejectPatterns(ctx.with());
        return EntitlementPruner.preview(ctx, true);
    }

    private static void rejectPatterns(DataMap with) {
        if (with.containsKey("KeepPattern")) {
            throw new IllegalArgumentException("PruneEntitlementsEnsureKeep does not support With.KeepPattern. Use"
                    + " With.Keep for explicit entitlements to retain and ensure.");
        }
    }
}
