package dev.idle.steps;

import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/** {@code IdLE.Step.DisableIdentity}: disables the identity; an already disabled one reports no change. */
public final class DisableIdentityStep implements Step {
    public static final String TYPE = "IdLE.Step.DisableIdentity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "DisableIdentity", "IdentityKey");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        return StepResult.changed(ProviderCalls.changed(ProviderCalls.invoke(ctx, alias, IdentityDisabler.class,
                ProviderMethods.DISABLE_IDENTITY, (p, session) -> p.disableIdentity(identityKey, session))));
    }
}
