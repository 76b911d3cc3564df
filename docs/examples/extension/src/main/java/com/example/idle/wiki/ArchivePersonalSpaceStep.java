package com.example.idle.wiki;

import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/**
 * {@code AcmeWiki.Step.ArchivePersonalSpace}: archives the identity's personal space on the provider under
 * {@code With.Provider} (default alias {@code Wiki}). Changed when the space was not archived yet.
 */
public final class ArchivePersonalSpaceStep implements Step {
    public static final String TYPE = "AcmeWiki.Step.ArchivePersonalSpace";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        Object key = ctx.with().get("IdentityKey");
        if (!(key instanceof String identityKey) || identityKey.isBlank()) {
            throw new IllegalArgumentException("ArchivePersonalSpace requires With.IdentityKey to be a non-empty string.");
        }
        String alias = ProviderCalls.alias(ctx, WikiSteps.DEFAULT_ALIAS);
        // ProviderCalls applies IdLE's rules: alias lookup, the method check (naming the method from the interface's
        // @CapabilityContract), and auth sessions by name.
        ProviderResult result = ProviderCalls.invoke(ctx, alias, SpaceArchiver.class,
                (wiki, session) -> wiki.archivePersonalSpace(identityKey, session));
        ctx.events().write("AcmeWiki.SpaceArchived", "Personal space of " + identityKey + " archived.",
                DataMap.of("IdentityKey", identityKey, "Changed", ProviderCalls.changed(result)));
        return StepResult.changed(ProviderCalls.changed(result));
    }
}
