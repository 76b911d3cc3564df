package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.ProviderResult;

/** {@code IdLE.Step.DeleteIdentity}: deletes the identity; an absent one reports no change. Providers that can delete advertise IdLE.Identity.Delete only when configured to allow it. */
public final class DeleteIdentityStep extends IdentityKeyStep<IdentityDeleter> {
    public static final String TYPE = "IdLE.Step.DeleteIdentity";

    public DeleteIdentityStep() {
        super(TYPE, IdentityDeleter.class);
    }

    @Override
    ProviderResult call(IdentityDeleter provider, String identityKey, AuthSession session) {
        return provider.deleteIdentity(identityKey, session);
    }
}
