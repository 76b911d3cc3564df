package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.IdentityDisabler;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;

/** {@code IdLE.Step.DisableIdentity}: disables the identity; an already disabled one reports no change. */
public final class DisableIdentityStep extends IdentityKeyStep<IdentityDisabler> implements StepPreviewer {
    public static final String TYPE = "IdLE.Step.DisableIdentity";

    public DisableIdentityStep() {
        super(TYPE, IdentityDisabler.class);
    }

    /** Preview: {@code enabled: true → false} from {@code GetIdentity}, or no change. */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        return StepPreviews.enabled(ctx, "DisableIdentity", false);
    }

    @Override
    ProviderResult call(IdentityDisabler provider, String identityKey, AuthSession session) {
        return provider.disableIdentity(identityKey, session);
    }
}
