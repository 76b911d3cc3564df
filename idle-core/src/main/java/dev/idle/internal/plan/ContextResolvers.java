package dev.idle.internal.plan;

import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import java.util.List;

/** Plan-time context resolvers (read-only provider lookups written into {@code Request.Context}). */
final class ContextResolvers {
    private final Providers providers;

    ContextResolvers(Providers providers) {
        this.providers = providers;
    }

    void run(List<?> resolvers, LifecycleRequest request, List<String> errors) {
        errors.add("ContextResolvers are not supported by this version yet (" + resolvers.size()
                + " declared; " + providers.aliases().size() + " provider(s) supplied).");
    }
}
