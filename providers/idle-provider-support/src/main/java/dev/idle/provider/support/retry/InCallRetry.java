package dev.idle.provider.support.retry;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Runs the few retries that happen inside one provider call (Graph {@code $batch} items the service throttled, one
 * renewed token after a 401) under a Failsafe {@link RetryPolicy}, waiting with an injectable {@link Sleeper} rather
 * than Failsafe's own sleeping, so tests can drive time. The server's {@code Retry-After} enters through the policy's
 * delay function ({@code withDelayFn}), the attempt limit and any abort condition through the policy, as usual.
 *
 * <p>Only <em>results</em> are retried: the policy decides on what an attempt returned (a batch answer with throttled
 * items, a 401 answer). An exception thrown by an attempt ends the loop at once and goes to the caller unchanged, so
 * that transient failures of the call itself are retried by the engine, where every attempt shows in the run's events.
 *
 * <p>Each attempt gets its number (1 for the first): an attempt that must prepare a retry (forget a rejected token)
 * checks it, because Failsafe's {@code onRetry} listeners do not fire in such a standalone execution. A zero delay
 * does not call the sleeper.
 *
 * <p>How it ends: with the last attempt's result, whether the policy was satisfied, its retries ran out or it
 * aborted; the caller inspects the result. Waiting is interrupted → a permanent
 * {@link ProviderException} naming {@code what}, with the interrupt flag restored.
 *
 * <p>Thread-safe: each {@link #run} has its own execution; the policy is immutable.
 *
 * <pre>{@code
 * RetryPolicy<Reply> renewOnce = RetryPolicy.<Reply>builder()
 *         .handleResultIf(r -> r.status() == 401).withMaxRetries(1).build();
 * Reply r = new InCallRetry(Sleeper.SYSTEM).run(renewOnce, "Keycloak admin call", attempt -> {
 *     if (attempt > 1) {
 *         tokens.invalidate();
 *     }
 *     return send(tokens.token());
 * });
 * }</pre>
 */
public final class InCallRetry {
    private final Sleeper sleeper;

    public InCallRetry(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Calls {@code attempt} until {@code policy} is satisfied or gives up, sleeping the policy's delay between
     * attempts, and returns the last result.
     *
     * @param what names the call in the message of an interrupted wait
     */
    public <R> R run(RetryPolicy<R> policy, String what, IntFunction<R> attempt) {
        Execution<R> execution = Execution.of(policy);
        for (int number = 1; ; number++) {
            R result = attempt.apply(number);
            execution.recordResult(result);
            if (execution.isComplete()) {
                return result;
            }
            Duration delay = execution.getDelay();
            if (delay.isZero() || delay.isNegative()) {
                continue;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("Interrupted while waiting to retry " + what + ".");
            }
        }
    }
}
