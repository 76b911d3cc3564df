package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityCreator;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code IdLE.Step.CreateIdentity}: creates the identity with {@code With.Attributes}; an existing identity reports
 * no change (its attributes are not converged: use EnsureAttributes). Provider output such as generated passwords is
 * never copied into the result.
 */
public final class CreateIdentityStep implements Step, StepPreviewer {
    public static final String TYPE = "IdLE.Step.CreateIdentity";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "CreateIdentity", "IdentityKey");
        DataMap attributes = StepInputs.requireMap(ctx, "CreateIdentity", "Attributes");
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        ProviderResult r = ProviderCalls.invoke(ctx, alias, IdentityCreator.class,
                (p, session) -> p.createIdentity(identityKey, attributes, session));
        return StepResult.of(r);
    }

    /**
     * Preview: {@code identity: absent → created} and each attribute it is created with ({@code Department: (none)
     * → Sales}; secrets redacted by the engine) when the provider says the identity does not exist; no change when
     * it exists, as the step then reports. A provider that signals absence only as a failed read shows
     * {@code CannotRead} with its message.
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String identityKey = StepInputs.requireString(ctx.with(), "CreateIdentity", "IdentityKey");
        DataMap attributes = StepInputs.requireMap(ctx.with(), "CreateIdentity", "Attributes");
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        Identity identity = StepPreviews.identityOrAbsent(ctx, alias, identityKey);
        if (identity == null) {
            return StepPreviews.lacking("identity", alias, IdentityReader.class,
                    "the step will create it unless it exists.");
        }
        if (identity != StepPreviews.ABSENT) {
            return StepPreview.noChange();
        }
        List<PreviewChange> changes = new ArrayList<>();
        changes.add(PreviewChange.value("identity", "identity", "absent", "created"));
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            changes.add(PreviewChange.value(a.getKey(), a.getKey(), null, a.getValue()));
        }
        return StepPreview.of(changes);
    }
}
