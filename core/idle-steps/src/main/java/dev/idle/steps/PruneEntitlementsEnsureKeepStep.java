package dev.idle.steps;

import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.PruneEntitlementsEnsureKeep}: {@link PruneEntitlementsStep} plus a guarantee that every explicit
 * {@code With.Keep} entry is held afterwards (granted when missing). Patterns cannot be ensured, so
 * {@code KeepPattern} is rejected. Messages and events say {@code PruneEntitlements}, as upstream's do.
 */
public final class PruneEntitlementsEnsureKeepStep implements Step {
    public static final String TYPE = "IdLE.Step.PruneEntitlementsEnsureKeep";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        if (ctx.with().containsKey("KeepPattern")) {
            throw new IllegalArgumentException("PruneEntitlementsEnsureKeep does not support With.KeepPattern. Use"
                    + " With.Keep for explicit entitlements to retain and ensure.");
        }
        return EntitlementPruner.run(ctx, true);
    }
}
