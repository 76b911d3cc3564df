package dev.idle.steps;

import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * {@code IdLE.Step.RevokeIdentitySessions}: ends every active sign-in session (refresh tokens) of an identity so
 * that nobody keeps access until tokens expire. It does not disable the identity; pair it with DisableIdentity.
 */
public final class RevokeIdentitySessionsStep implements Step {
    public static final String TYPE = "IdLE.Step.RevokeIdentitySessions";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "RevokeIdentitySessions", "IdentityKey");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        ProviderResult result = ProviderCalls.invoke(ctx, alias, SessionRevoker.class,
                ProviderMethods.REVOKE_SESSIONS, (p, session) -> p.revokeSessions(identityKey, session));
        return StepResult.changed(ProviderCalls.changed(result));
    }
}
