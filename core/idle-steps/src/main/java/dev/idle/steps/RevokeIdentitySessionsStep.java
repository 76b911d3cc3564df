package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.SessionCounter;
import dev.idle.spi.SessionRevoker;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;

/**
 * {@code IdLE.Step.RevokeIdentitySessions}: ends every active sign-in session (refresh tokens) of an identity so
 * that nobody keeps access until tokens expire. It does not disable the identity; pair it with DisableIdentity.
 */
public final class RevokeIdentitySessionsStep extends IdentityKeyStep<SessionRevoker> implements StepPreviewer {
    /** The note of a provider that cannot count sessions (Microsoft Graph v1.0 lists none). */
    static final String CANNOT_LIST = "sessions: cannot be listed; all will be revoked";

    public static final String TYPE = "IdLE.Step.RevokeIdentitySessions";

    public RevokeIdentitySessionsStep() {
        super(TYPE, SessionRevoker.class);
    }

    /**
     * Preview: {@code active sessions: 3 → 0} from the provider's {@code CountSessions}, no change for none, and
     * {@value #CANNOT_LIST} for a provider that cannot count them.
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        String identityKey = StepPreviews.identityKey(ctx, "RevokeIdentitySessions");
        if (!ctx.canRead(alias, SessionCounter.class)) {
            return StepPreview.cannotRead(CANNOT_LIST);
        }
        int sessions = ctx.read(alias, SessionCounter.class, (p, s) -> p.countSessions(identityKey, s));
        return sessions == 0 ? StepPreview.noChange()
                : StepPreview.of(PreviewChange.value("activeSessions", "active sessions", sessions, 0));
    }

    @Override
    ProviderResult call(SessionRevoker provider, String identityKey, AuthSession session) {
        return provider.revokeSessions(identityKey, session);
    }
}
