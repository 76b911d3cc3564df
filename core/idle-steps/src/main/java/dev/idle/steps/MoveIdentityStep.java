package dev.idle.steps;

import dev.idle.spi.IdentityMover;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/** {@code IdLE.Step.MoveIdentity}: moves the identity to {@code With.TargetContainer} (an OU for directories). */
public final class MoveIdentityStep implements Step {
    public static final String TYPE = "IdLE.Step.MoveIdentity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "MoveIdentity", "IdentityKey");
        String target = StepInputs.requireString(ctx, "MoveIdentity", "TargetContainer");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        return StepResult.of(ProviderCalls.invoke(ctx, alias, IdentityMover.class,
                (p, session) -> p.moveIdentity(identityKey, target, session)));
    }
}
