package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.ProviderResult;

/** {@code IdLE.Step.EnableIdentity}: enables the identity; an already enabled one reports no change. */
public final class EnableIdentityStep extends IdentityKeyStep<IdentityEnabler> {
    public static final String TYPE = "IdLE.Step.EnableIdentity";

    public EnableIdentityStep() {
        super(TYPE, IdentityEnabler.class);
    }

    @Override
    ProviderResult call(IdentityEnabler provider, String identityKey, AuthSession session) {
        return provider.enableIdentity(identityKey, session);
    }
}
