package dev.idle.internal.exec;

import dev.idle.spi.ProviderException;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step handler whose behaviour a test scripts: complete, fail for good, fail transiently a number of times, or run
 * any lambda. It counts its calls, so a test can tell whether the engine ran it at all.
 */
final class StubStep implements Step {
    /** What one call does; {@code call} counts from 1. */
    @FunctionalInterface
    interface Behaviour {
        StepResult run(StepContext context, int call);
    }

    private final String type;
    private final Behaviour behaviour;
    private final AtomicInteger calls = new AtomicInteger();

    private StubStep(String type, Behaviour behaviour) {
        this.type = type;
        this.behaviour = behaviour;
    }

    static StubStep of(String type, Behaviour behaviour) {
        return new StubStep(type, behaviour);
    }

    /** Completes without a change. */
    static StubStep completing(String type) {
        return of(type, (ctx, call) -> StepResult.changed(false));
    }

    /** Completes with a change. */
    static StubStep changing(String type) {
        return of(type, (ctx, call) -> StepResult.changed(true));
    }

    /** Fails every call with a non-transient error. */
    static StubStep failing(String type, String message) {
        return of(type, (ctx, call) -> {
            throw new IllegalStateException(message);
        });
    }

    /** Fails the first {@code failures} calls transiently ("throttled (call n)"), then completes with a change. */
    static StubStep transientThenChanging(String type, int failures) {
        return throttledThenChanging(type, failures, null);
    }

    /** Like {@link #transientThenChanging}, each failure asking to wait at least {@code minimumDelay}. */
    static StubStep throttledThenChanging(String type, int failures, Duration minimumDelay) {
        return of(type, (ctx, call) -> {
            if (call <= failures) {
                throw new ProviderException("throttled (call " + call + ")", true, minimumDelay, null);
            }
            return StepResult.changed(true);
        });
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public StepResult execute(StepContext context) {
        return behaviour.run(context, calls.incrementAndGet());
    }
}
