package dev.idle.provider.support.ratelimit;

import java.time.Duration;

/**
 * A pace for writes shared by several processes (worker JVMs over one database), installed JVM-wide with
 * {@link RateLimits#useSharedPace}: while one is installed, every {@link TargetLimiter} asks it, and not its own
 * in-JVM limiter and write window, when a write may go, so N processes together keep one target's rate instead of
 * each adding its own share. A {@code Retry-After} one process meets pauses the target for all of them.
 *
 * <p>The in-JVM limiter stays the default; this module has no implementation that crosses processes (the
 * distributed runner provides one over PostgreSQL).
 *
 * <p>How it fails: {@link #acquire} throws {@link InterruptedException} when the waiting thread is interrupted, and
 * a transient {@link dev.idle.spi.ProviderException} when the shared state cannot be reached (the engine retries the
 * step under its retry profile); {@link #answered} and {@link #pause} never throw
 * (a lost answer slows the target, a lost pause may meet one more throttled answer). Implementations must be
 * thread-safe.
 */
public interface SharedPace {
    /**
     * Waits until {@code writes} writes to {@code target} may be sent, paced at {@code writesPerSecond} across every
     * process sharing this pace, and out any pause set for the target; with {@code writes} 0 (a read, or an unpaced
     * target) it only waits out a pause.
     *
     * @param target          the target key (holds no secret)
     * @param limit           the target's configured limit (the first process to use a target sets its window)
     * @param writesPerSecond the rate to space these writes at now (at most the configured one: lower after throttling)
     * @param writes          the writes the call counts as
     * @return the permit to hand to {@link #answered} once the call was answered or failed without an answer
     */
    Permit acquire(String target, RateLimit limit, double writesPerSecond, int writes) throws InterruptedException;

    /** Records that the call sent under {@code permit} was answered, or failed without an answer. */
    void answered(Permit permit);

    /** Pauses every call to {@code target}, in every process sharing this pace, for {@code wait} from now. */
    void pause(String target, Duration wait);

    /**
     * What {@link #acquire} hands out: the target and the places its writes took in the shared pace (empty for a
     * read).
     */
    record Permit(String target, long[] places) {
        /** A permit that holds no place. */
        public static Permit none(String target) {
            return new Permit(target, new long[0]);
        }
    }
}
