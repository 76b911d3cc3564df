package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.StepContext;
import java.util.function.BiFunction;

/**
 * How every mailbox step calls its provider: the alias defaults to {@code ExchangeOnline}, and
 * {@code With.AuthSessionName} defaults to that alias <b>only when the host defines a session of that name</b>
 * (otherwise no session is acquired and no broker is needed). The default is applied to a copy of {@code With}; the
 * plan's {@code With} is never changed. Everything else is {@link ProviderCalls#invoke}.
 */
final class MailboxCalls {
    private MailboxCalls() {
    }

    static <P, R> R invoke(StepContext ctx, Class<P> contract, BiFunction<P, AuthSession, R> call) {
        String alias = ProviderCalls.alias(ctx, MailboxSteps.DEFAULT_ALIAS);
        ctx.provider(alias); // "Provider '<alias>' was not supplied by the host." comes before any auth problem
        return ProviderCalls.invoke(withDefaultSessionName(ctx, alias), alias, contract, call);
    }

    /**
     * {@code ctx} itself when {@code With.AuthSessionName} is present or the host defines no session named
     * {@code alias}; otherwise a view of {@code ctx} whose {@code With} is a shallow copy with
     * {@code AuthSessionName = alias}.
     */
    static StepContext withDefaultSessionName(StepContext ctx, String alias) {
        if (ctx.with().containsKey("AuthSessionName") || !ctx.definesAuthSession(alias)) {
            return ctx;
        }
        DataMap with = new DataMap(ctx.with());
        with.put("AuthSessionName", alias);
        return new WithOverride(ctx, with);
    }

    /** Check shared by the steps: executable values are not data. */
    static void rejectExecutable(Object value, String path) {
        String found = Values.findExecutable(value, path);
        if (found != null) {
            throw new IllegalArgumentException("ScriptBlocks are not allowed in request data. Found at: " + found);
        }
    }

    /** A step context that differs from another only in its {@code With}. */
    private record WithOverride(StepContext inner, DataMap with) implements StepContext {
        @Override
        public String stepName() {
            return inner.stepName();
        }

        @Override
        public String stepType() {
            return inner.stepType();
        }

        @Override
        public Provider provider(String alias) {
            return inner.provider(alias);
        }

        @Override
        public AuthSession acquireAuthSession(String name, DataMap options) {
            return inner.acquireAuthSession(name, options);
        }

        @Override
        public boolean definesAuthSession(String name) {
            return inner.definesAuthSession(name);
        }

        @Override
        public EventWriter events() {
            return inner.events();
        }

        @Override
        public String correlationId() {
            return inner.correlationId();
        }

        @Override
        public String actor() {
            return inner.actor();
        }
    }
}
