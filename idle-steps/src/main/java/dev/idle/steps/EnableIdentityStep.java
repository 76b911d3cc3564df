package dev.idle.steps;

import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/** {@code IdLE.Step.EnableIdentity}: enables the identity; an already enabled one reports no change. */
public final class EnableIdentityStep implements Step {
    public static final String TYPE = "IdLE.Step.EnableIdentity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "EnableIdentity", "IdentityKey");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        return StepResult.changed(ProviderCalls.changed(ProviderCalls.invoke(ctx, alias, IdentityEnabler.class,
                ProviderMethods.ENABLE_IDENTITY, (p, session) -> p.enableIdentity(identityKey, session))));
    }
}
