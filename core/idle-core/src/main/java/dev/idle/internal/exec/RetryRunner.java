package dev.idle.internal.exec;

import dev.idle.api.RetryProfile;
import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Sleeper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a step handler under a retry profile. Only transient failures are retried; the delay grows exponentially
 * with a jitter derived from a SHA-256 of a deterministic seed, so two runs of the same plan wait the same way.
 * A backend's minimum delay (Retry-After) is honoured even past MaxDelay.
 */
final class RetryRunner {
    /** Announces a retry: attempt, max attempts, delay, the failure. */
    interface RetryListener {
        void retrying(int attempt, int maxAttempts, long delayMs, Throwable failure);
    }

    /** A successful run and how many attempts it took. */
    record Attempted<T>(T value, int attempts) {
    }

    /** A failure after {@code attempts} attempts. */
    static final class AttemptsFailed extends RuntimeException {
        final int attempts;

        AttemptsFailed(Throwable cause, int attempts) {
            super(cause.getMessage(), cause);
            this.attempts = attempts;
        }
    }

    private final Sleeper sleeper;

    RetryRunner(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    <T> Attempted<T> run(RetryProfile p, String seed, Supplier<T> body, RetryListener listener) {
        int max = Math.max(1, p.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return new Attempted<>(body.get(), attempt);
            } catch (RuntimeException e) {
                if (!ProviderException.isTransient(e) || attempt >= max) {
                    throw new AttemptsFailed(e, attempt);
                }
                long delay = delayMs(p, seed, attempt);
                Duration minimum = ProviderException.minimumDelayOf(e);
                if (minimum != null) {
                    delay = Math.max(delay, minimum.toMillis());
                }
                listener.retrying(attempt, max, delay, e);
                if (delay > 0) {
                    try {
                        sleeper.sleep(Duration.ofMillis(delay));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new AttemptsFailed(e, attempt);
                    }
                }
            }
        }
    }

    /** IdLE's back-off: {@code min(max, initial * factor^(n-1))}, scaled by a jitter in [-ratio, +ratio]. */
    static long delayMs(RetryProfile p, String seed, int attempt) {
        double base = Math.min(p.maxDelayMs(), Math.rint(p.initialDelayMs() * Math.pow(p.backoffFactor(), attempt - 1)));
        double jitter = 0;
        if (p.jitterRatio() > 0) {
            double u = unitFromSeed(seed + "|" + attempt);
            jitter = ((u * 2) - 1) * p.jitterRatio();
        }
        return (long) Math.max(0, Math.rint(base * (1 + jitter)));
    }

    /** The first 8 bytes of SHA-256(seed) read little-endian as an unsigned 64-bit number, divided by 2^64. */
    static double unitFromSeed(String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            double unsigned = (v >>> 1) * 2.0 + (v & 1);
            return unsigned / 18446744073709551615.0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static DataMap retryData(int attempt, int max, long delay, Throwable failure) {
        Throwable root = failure;
        return DataMap.of("attempt", attempt, "maxAttempts", max, "delayMs", delay,
                "errorType", root.getClass().getName(), "message", root.getMessage());
    }
}
