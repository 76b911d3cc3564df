package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;

/**
 * {@code IdLE.Step.RevokeIdentitySessions}: ends every active sign-in session (refresh tokens) of an identity so
 * that nobody keeps access until tokens expire. It does not disable the identity; pair it with DisableIdentity.
 */
public final class RevokeIdentitySessionsStep extends IdentityKeyStep<SessionRevoker> {
    public static final String TYPE = "IdLE.Step.RevokeIdentitySessions";

    public RevokeIdentitySessionsStep() {
        super(TYPE, SessionRevoker.class);
    }

    @Override
    ProviderResult call(SessionRevoker provider, String identityKey, AuthSession session) {
        return provider.revokeSessions(identityKey, session);
    }
}
