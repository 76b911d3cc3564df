package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AttributeEnsurer;
import dev.idle.spi.Identity;
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
 * {@code IdLE.Step.EnsureAttributes}: sets each attribute of {@code With.Attributes} (a null value clears it), one
 * provider call per attribute in the order written. The first failure stops the step; earlier attributes stay set.
 */
public final class EnsureAttributesStep implements Step, StepPreviewer {
    public static final String TYPE = "IdLE.Step.EnsureAttributes";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, "EnsureAttributes", "IdentityKey");
        DataMap attributes = attributes(ctx.with());
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        boolean changed = false;
        List<Object> report = new ArrayList<>();
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            ProviderResult r = ProviderCalls.invoke(ctx, alias, AttributeEnsurer.class,
                    (p, session) -> p.ensureAttribute(identityKey, a.getKey(), a.getValue(), session));
            boolean c = ProviderCalls.changed(r);
            changed |= c;
            report.add(DataMap.of("Name", a.getKey(), "Changed", c, "Error", null));
        }
        return new StepResult(changed, DataMap.of("Data", DataMap.of("Attributes", report)));
    }

    /**
     * Preview: {@code Department: Sales → IT} for each attribute whose value {@code GetIdentity} reports differently
     * (compared as providers compare: text ignoring case); an attribute the read does not report counts as not set.
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String identityKey = StepInputs.requireString(ctx.with(), "EnsureAttributes", "IdentityKey");
        DataMap attributes = attributes(ctx.with());
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        Identity identity = StepPreviews.identity(ctx, alias, identityKey);
        if (identity == null) {
            return StepPreviews.lacking("attributes", alias, IdentityReader.class, "the step will set "
                    + String.join(", ", attributes.keySet()) + ".");
        }
        List<PreviewChange> changes = new ArrayList<>();
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            Object current = identity.attributes().get(a.getKey());
            if (!StepPreviews.sameValue(current, a.getValue())) {
                changes.add(PreviewChange.value(a.getKey(), a.getKey(), current, a.getValue()));
            }
        }
        return StepPreview.of(changes);
    }

    private static DataMap attributes(DataMap with) {
        DataMap attributes = StepInputs.requireMap(with, "EnsureAttributes", "Attributes");
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException(
                    "EnsureAttributes requires With.Attributes to contain at least one attribute.");
        }
        return attributes;
    }
}
