package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.ProviderResult;

/** {@code IdLE.Step.DisableIdentity}: disables the identity; an already disabled one reports no change. */
public final class DisableIdentityStep extends IdentityKeyStep<IdentityDisabler> {
    public static final String TYPE = "IdLE.Step.DisableIdentity";

    public DisableIdentityStep() {
        super(TYPE, IdentityDisabler.class);
    }

    @Override
    ProviderResult call(IdentityDisabler provider, String identityKey, AuthSession session) {
        return provider.disableIdentity(identityKey, session);
    }
}
