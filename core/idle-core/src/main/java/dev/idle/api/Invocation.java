package dev.idle.api;

import dev.idle.api.event.EventSink;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
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
    private StepCheckpoints checkpoints = StepCheckpoints.NONE;

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

    /**
     * Runs each step the run reaches through {@code value}, e.g. a durable engine's checkpointed step; without it
     * every step just runs ({@link StepCheckpoints#NONE}).
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public Invocation stepCheckpoints(StepCheckpoints value) {
        this.checkpoints = value == null ? StepCheckpoints.NONE : value;
        return this;
    }

    public ExecutionResult run() {
        return idle.invoke(plan, providers, sink, options, checkpoints);
    }
}
