package dev.idle.api;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * How a step whose provider fails transiently is retried: at most {@code maxAttempts} runs in all, waiting
 * {@code initialDelayMs * backoffFactor^(attempt-1)} (capped at {@code maxDelayMs}) with deterministic jitter.
 */
@API(status = STABLE, since = "0.1")
public record RetryProfile(int maxAttempts, int initialDelayMs, double backoffFactor, int maxDelayMs,
                           double jitterRatio) {
    /** IdLE's defaults: 3 attempts, 250 ms, factor 2.0, at most 5000 ms, jitter 0.2. */
    public static final RetryProfile DEFAULT = new RetryProfile(3, 250, 2.0, 5000, 0.2);
}
