package dev.idle.api;

import dev.idle.api.event.EventSink;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A fluent run of one plan. Without {@link #providers} the plan runs against no providers (only steps that call none
 * can succeed); without {@link #executionOptions} IdLE's default retry profile applies.
 */
@API(status = STABLE, since = "0.1")
public final class Invocation {
    private final Idle idle;
    private final Plan plan;
    private Providers providers = Providers.none();
    private EventSink sink;
    private ExecutionOptions options = ExecutionOptions.defaults();

    Invocation(Idle idle, Plan plan) {
        this.idle = idle;
        this.plan = plan;
    }

    public Invocation providers(Providers value) {
        this.providers = value;
        return this;
    }

    /** Receives each (redacted) event as it happens. */
    public Invocation eventSink(EventSink value) {
        this.sink = value;
        return this;
    }

    public Invocation executionOptions(ExecutionOptions value) {
        this.options = value;
        return this;
    }

    public ExecutionResult run() {
        return idle.invoke(plan, providers, sink, options);
    }
}
