package dev.idle.spi;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.function.BiFunction;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProviderCalls {
    private ProviderCalls() {
    }

    /** {@code With.Provider} when present, else the step's default alias. */
    public static String alias(StepContext ctx, String defaultAlias) {
        DataMap with = ctx.with();
        return with.containsKey("Provider") ? Values.ps(with.get("Provider")) : defaultAlias;
    }

    /**
     * Calls {@code contract}'s operation on the provider under {@code alias} with the rules above. The method name
     * for messages and {@link Provider#acceptsAuthSession} is read from the interface's definition
     * ({@link Operation#of}).
     */
    public static <P, R> R invoke(StepContext ctx, String alias, Class<P> contract,
                                  BiFunction<P, AuthSession, R> call) {
        checkOptions(ctx);
        P provider = require(ctx, alias, contract);
        return call(ctx, contract, provider, acquireIfNamed(ctx), call);
    }

    /**
     * The provider under {@code alias}, which must implement {@code contract}.
     *
     * @throws UnsupportedOperationException "Provider '&lt;alias&gt;' does not implement &lt;method&gt; method."
     */
    public static <P> P require(StepContext ctx, String alias, Class<P> contract) {
        return requireNamed(ctx, alias, contract, Operation.of(contract).method());
    }

    /** Calls {@code contract}'s operation on {@code provider}, passing {@code session} only if it accepts one. */
    public static <P, R> R call(StepContext ctx, Class<P> contract, P provider, AuthSession session,
                                BiFunction<P, AuthSession, R> call) {
        boolean accepts = ((Provider) provider).acceptsAuthSession(Operation.of(contract).method());
        return call.apply(provider, accepts ? session : null);
    }

    /**
     * Like {@link #invoke(StepContext, String, Class, BiFunction)}, with the method name given.
     *
     * @deprecated the name is read from {@code contract}'s {@link CapabilityContract}; drop the argument
     */
    @Deprecated
    public static <P, R> R invoke(StepContext ctx, String alias, Class<P> contract, String method,
                                  BiFunction<P, AuthSession, R> call) {
        checkOptions(ctx);
        P provider = requireNamed(ctx, alias, contract, method);
        AuthSession session = acquireIfNamed(ctx);
        return call.apply(provider, ((Provider) provider).acceptsAuthSession(method) ? session : null);
    }

    /**
     * Like {@link #require(StepContext, String, Class)}, with the method name given.
     *
     * @deprecated the name is read from {@code contract}'s {@link CapabilityContract}; drop the argument
     */
    @Deprecated
    public static <P> P require(StepContext ctx, String alias, Class<P> contract, String method) {
        return requireNamed(ctx, alias, contract, method);
    }

    private static <P> P requireNamed(StepContext ctx, String alias, Class<P> contract, String method) {
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

    /**
     * Like {@link #call(StepContext, Class, Object, AuthSession, BiFunction)}, with the method name given.
     *
     * @deprecated the name is read from the interface's {@link CapabilityContract}; pass the interface instead
     */
    @Deprecated
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
