package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.CreateIdentity}: creates the identity with {@code With.Attributes}; an existing identity reports
 * no change (its attributes are not converged: use EnsureAttributes). Provider output such as generated passwords is
 * never copied into the result.
 */
public final class CreateIdentityStep implements Step {
    public static final String TYPE = "IdLE.Step.CreateIdentity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "CreateIdentity", "IdentityKey");
        DataMap attributes = StepInputs.requireMap(ctx, "CreateIdentity", "Attributes");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        ProviderResult r = ProviderCalls.invoke(ctx, alias, IdentityCreator.class,
                (p, session) -> p.createIdentity(identityKey, attributes, session));
        return StepResult.of(r);
    }
}
