package dev.idle.spi;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.function.BiFunction;

/**
 * The one way steps call providers, so that every step treats aliases and auth sessions alike:
 * <ol>
 *   <li>{@code With.AuthSessionOptions}, when present and not null, must be a map;</li>
 *   <li>the alias must be supplied by the host, and its provider must implement the method;</li>
 *   <li>a session is acquired only when {@code With.AuthSessionName} is present (otherwise the provider uses its own
 *       configured default credentials and no broker is needed);</li>
 *   <li>the session is passed only to a method that accepts one; a method that does not is called without it.</li>
 * </ol>
 */
public final class ProviderCalls {
    private ProviderCalls() {
    }

    /** {@code With.Provider} when present, else the step's default alias. */
    public static String alias(StepContext ctx, String defaultAlias) {
        DataMap with = ctx.with();
        return with.containsKey("Provider") ? Values.ps(with.get("Provider")) : defaultAlias;
    }

    /**
     * @param method IdLE's method name, for messages and {@link Provider#acceptsAuthSession}
     */
    public static <P, R> R invoke(StepContext ctx, String alias, Class<P> contract, String method,
                                  BiFunction<P, AuthSession, R> call) {
        DataMap with = ctx.with();
        Object options = with.get("AuthSessionOptions");
        if (options != null && !(options instanceof DataMap)) {
            throw new IllegalArgumentException("With.AuthSessionOptions must be a hashtable or null.");
        }
        Provider provider = ctx.provider(alias);
        if (!contract.isInstance(provider)) {
            throw new UnsupportedOperationException("Provider '" + alias + "' does not implement " + method + " method.");
        }
        AuthSession session = null;
        if (with.containsKey("AuthSessionName")) {
            session = ctx.acquireAuthSession(Values.ps(with.get("AuthSessionName")), (DataMap) options);
        }
        return call.apply(contract.cast(provider), provider.acceptsAuthSession(method) ? session : null);
    }

    /** {@code Changed} of a provider result; a provider that returned nothing reports no change. */
    public static boolean changed(ProviderResult result) {
        return result != null && result.changed();
    }
}
