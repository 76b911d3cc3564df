package dev.idle.steps;

import dev.idle.spi.AuthSession;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityDeleter;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;

/** {@code IdLE.Step.DeleteIdentity}: deletes the identity; an absent one reports no change. Providers that can delete advertise IdLE.Identity.Delete only when configured to allow it. */
public final class DeleteIdentityStep extends IdentityKeyStep<IdentityDeleter> implements StepPreviewer {
    public static final String TYPE = "IdLE.Step.DeleteIdentity";

    public DeleteIdentityStep() {
        super(TYPE, IdentityDeleter.class);
    }

    /**
     * Preview: {@code identity: exists → deleted} when {@code GetIdentity} finds it; no change when the provider
     * says it does not exist ({@link dev.idle.spi.IdentityNotFoundException}), as the delete itself then reports. A
     * provider that signals absence only as a failed read shows {@code CannotRead} with its message.
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        Identity identity = StepPreviews.identityOrAbsent(ctx, alias,
                StepPreviews.identityKey(ctx, "DeleteIdentity"));
        if (identity == null) {
            return StepPreviews.lacking("identity", alias, IdentityReader.class,
                    "the step will delete it if it exists.");
        }
        if (identity == StepPreviews.ABSENT) {
            return StepPreview.noChange();
        }
        return StepPreview.of(PreviewChange.value("identity", "identity", "exists", "deleted"));
    }

    @Override
    ProviderResult call(IdentityDeleter provider, String identityKey, AuthSession session) {
        return provider.deleteIdentity(identityKey, session);
    }
}
