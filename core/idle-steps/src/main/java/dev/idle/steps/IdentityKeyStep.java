package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * A step whose only input is {@code IdentityKey}: one provider method of one contract, {@code changed} as the
 * provider reports it (Disable, Enable, Delete, RevokeSessions).
 */
abstract class IdentityKeyStep<P> implements Step {
    private final String type;
    private final String label;
    private final Class<P> contract;

    IdentityKeyStep(String type, Class<P> contract) {
        this.type = type;
        this.label = type.substring(type.lastIndexOf('.') + 1);
        this.contract = contract;
    }

    @Override
    public final String type() {
        return type;
    }

    /** Calls the provider method for {@code identityKey}. */
    abstract ProviderResult call(P provider, String identityKey, AuthSession session);

    @Override
    public final StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, label, "IdentityKey");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        return StepResult.of(ProviderCalls.invoke(ctx, alias, contract,
                (p, session) -> call(p, identityKey, session)));
    }
}
