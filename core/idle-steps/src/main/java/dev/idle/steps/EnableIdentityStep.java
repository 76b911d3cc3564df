package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityEnabler;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;

/** {@code IdLE.Step.EnableIdentity}: enables the identity; an already enabled one reports no change. */
public final class EnableIdentityStep extends IdentityKeyStep<IdentityEnabler> implements StepPreviewer {
    public static final String TYPE = "IdLE.Step.EnableIdentity";

    public EnableIdentityStep() {
        super(TYPE, IdentityEnabler.class);
    }

    /** Preview: {@code enabled: false → true} from {@code GetIdentity}, or no change. */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        return StepPreviews.enabled(ctx, "EnableIdentity", true);
    }

    @Override
    ProviderResult call(IdentityEnabler provider, String identityKey, AuthSession session) {
        return provider.enableIdentity(identityKey, session);
    }
}
