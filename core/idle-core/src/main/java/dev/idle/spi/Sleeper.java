package dev.idle.spi;

import java.time.Duration;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Waits for a while: the one waiting seam of the engine and of providers (the step retry loop, directory-sync polling,
 * a provider's in-call retries), so that tests can replace real sleeping by a recording fake and pin time together with
 * a {@link java.time.Clock}.
 *
 * <p>Fails with {@link InterruptedException} when the waiting thread is interrupted; callers restore the interrupt
 * flag and stop. Implementations are called from whichever thread runs the step and must be thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread with {@link Thread#sleep}; zero or negative durations return at once. */
    Sleeper SYSTEM = duration -> {
        if (duration != null && !duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
