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
        checkOptions(ctx);
        P provider = require(ctx, alias, contract, method);
        return call(ctx, alias, provider, method, acquireIfNamed(ctx), call);
    }

    /**
     * The provider under {@code alias}, which must implement {@code contract}.
     *
     * @throws UnsupportedOperationException "Provider '&lt;alias&gt;' does not implement &lt;method&gt; method."
     */
    public static <P> P require(StepContext ctx, String alias, Class<P> contract, String method) {
        Provider provider = ctx.provider(alias);
        if (!contract.isInstance(provider)) {
            throw new UnsupportedOperationException("Provider '" + alias + "' does not implement " + method + " method.");
        }
        return contract.cast(provider);
    }

    /** The session named by {@code With.AuthSessionName}, or null when the step names none. */
    public static AuthSession acquireIfNamed(StepContext ctx) {
        DataMap with = ctx.with();
        if (!with.containsKey("AuthSessionName")) {
            return null;
        }
        checkOptions(ctx);
        return ctx.acquireAuthSession(Values.ps(with.get("AuthSessionName")), (DataMap) with.get("AuthSessionOptions"));
    }

    /** Calls {@code method} on {@code provider}, passing {@code session} only if the method accepts one. */
    public static <P, R> R call(StepContext ctx, String alias, P provider, String method, AuthSession session,
                                BiFunction<P, AuthSession, R> call) {
        boolean accepts = ((Provider) provider).acceptsAuthSession(method);
        return call.apply(provider, accepts ? session : null);
    }

    private static void checkOptions(StepContext ctx) {
        Object options = ctx.with().get("AuthSessionOptions");
        if (options != null && !(options instanceof DataMap)) {
            throw new IllegalArgumentException("With.AuthSessionOptions must be a hashtable or null.");
        }
    }

    /** {@code Changed} of a provider result; a provider that returned nothing reports no change. */
    public static boolean changed(ProviderResult result) {
        return result != null && result.changed();
    }
}
