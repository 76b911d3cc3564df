package dev.idle.provider.support.ratelimit;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pacing of one target (a Graph app in a tenant, a Keycloak realm, an Okta org, ...), shared by every thread and
 * every provider instance that writes to it (see {@link RateLimits}).
 *
 * <ul>
 *   <li><b>Pacing</b>: writes are spaced evenly by a Failsafe smooth {@link RateLimiter}, never in a burst. The
 *       limiter hands out {@value #UNITS} units per write at the configured rate; to run slower, a write takes more
 *       units, so one limiter serves every rate and the spacing of threads already waiting stays coherent.</li>
 *   <li><b>Window</b>: a write also waits until the write a second's worth of writes before it (20 at 20 per second)
 *       was answered at least a second ago ({@link WriteWindow}), so a server counting writes in a sliding window
 *       never sees more than the configured rate in one, even when the network or the scheduler bunches calls
 *       that were paced evenly. It costs one answer time per window (about 0.5 % against a server 5 ms away, 10 %
 *       against one 100 ms away).</li>
 *   <li><b>Pause</b>: a {@code 429}, or a {@code 503} with {@code Retry-After}, holds back every call to the target
 *       (reads too) until the instant the server named; a thread that got its permit while a pause began waits it
 *       out and takes a fresh permit, so the threads do not rush in together when it ends.</li>
 *   <li><b>Adaptive rate</b>: a throttled answer lowers the rate to 80 % (once per throttling episode: answers to
 *       writes sent before the last lowering do not lower it again), down to a tenth of the configured rate; every
 *       {@link #recoveryWrites()} successful writes raise it by one step (about 5 %) back up to the configured
 *       rate.</li>
 *   <li><b>Shared</b>: while a {@link SharedPace} is installed ({@link RateLimits#useSharedPace}), it decides when
 *       a write may go (at the current rate, across every process that shares it) instead of the in-JVM limiter and
 *       window, and every pause is set there too; the adaptive rate and the counters stay in this JVM.</li>
 * </ul>
 *
 * <p>How it fails: {@link #beforeSend} throws {@link InterruptedException} when the waiting thread is interrupted;
 * nothing else throws. Thread-safe and lock-free apart from Failsafe's own limiter.
 */
public final class TargetLimiter {
    /** Units of the Failsafe limiter one write takes at the configured rate. */
    static final int UNITS = 20;
    private static final int MAX_UNITS = UNITS * 10;
    private static final long NO_PAUSE = Long.MIN_VALUE;
    private static final long[] NO_PLACES = {};

    private final String target;
    private final RateLimit configured;
    private final RateLimiter<Object> limiter;
    private final WriteWindow window;
    private final AtomicInteger unitsPerWrite = new AtomicInteger(UNITS);
    private final AtomicInteger successesSinceChange = new AtomicInteger();
    private final AtomicLong episode = new AtomicLong();
    private final AtomicLong pausedUntilNanos = new AtomicLong(NO_PAUSE);
    private final LongAdder writes = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder pauses = new LongAdder();

    TargetLimiter(String target, RateLimit configured) {
        this.target = target;
        this.configured = configured;
        this.limiter = configured.limited()
                ? RateLimiter.smoothBuilder(Duration.ofNanos(Math.max(1,
                        Math.round(1e9 / (configured.writesPerSecond() * UNITS))))).build()
                : null;
        this.window = configured.limited() ? WriteWindow.forRate(configured.writesPerSecond()) : null;
    }

    /** The key this limiter paces. */
    public String target() {
        return target;
    }

    /** The rate it was configured with. */
    public RateLimit configured() {
        return configured;
    }

    /**
     * Waits until a call may be sent: out any pause, then, for a write, for the write's permit.
     *
     * @return the ticket to hand to {@link #afterAnswer}
     */
    public Ticket beforeSend(boolean write) throws InterruptedException {
        return beforeSend(write ? 1 : 0);
    }

    /**
     * Waits as {@link #beforeSend(boolean)} for a call that counts as {@code writeCount} writes (a batch envelope;
     * 0 for a read).
     */
    public Ticket beforeSend(int writeCount) throws InterruptedException {
        awaitPause();
        SharedPace shared = RateLimits.sharedPace();
        if (shared != null) {
            return beforeSendShared(shared, writeCount);
        }
        long[] places = NO_PLACES;
        if (writeCount > 0 && limiter != null) {
            do {
                limiter.acquirePermits(unitsPerWrite.get() * writeCount);
            } while (awaitPause());
            places = window.enter(writeCount);
            awaitPause(); // a pause that began while this write waited for its place; the place is kept
        }
        count(writeCount);
        return new Ticket(writeCount > 0, episode.get(), places, null);
    }

    /** The shared pace decides; this JVM's limiter and window are not entered, so they add no share of their own. */
    private Ticket beforeSendShared(SharedPace shared, int writeCount) throws InterruptedException {
        int paced = configured.limited() ? writeCount : 0;
        SharedPace.Permit permit = shared.acquire(target, configured, currentWritesPerSecond(), paced);
        awaitPause(); // a pause met in this JVM while the permit was on its way
        count(writeCount);
        return new Ticket(writeCount > 0, episode.get(), NO_PLACES, permit);
    }

    private void count(int writeCount) {
        if (writeCount > 0) {
            writes.add(writeCount);
        } else {
            reads.increment();
        }
    }

    /** Records that the call sent with {@code ticket} got no answer (a transport failure or a timeout). */
    public void noAnswer(Ticket ticket) {
        settle(ticket);
    }

    private void settle(Ticket ticket) {
        SharedPace shared = RateLimits.sharedPace();
        if (shared != null && ticket.permit() != null) {
            shared.answered(ticket.permit());
        }
        if (window != null && ticket.places().length > 0) {
            window.settle(ticket.places());
        }
    }

    /**
     * Records the answer to a call sent with {@code ticket}: a {@code 429}, or a {@code 503} with a
     * {@code Retry-After}, pauses the target for {@code retryAfter} (when given) and lowers the rate; a success of a
     * write counts towards recovery.
     */
    public void afterAnswer(Ticket ticket, int status, Duration retryAfter) {
        settle(ticket);
        boolean throttledAnswer = status == 429 || (status == 503 && retryAfter != null);
        if (!throttledAnswer) {
            if (ticket.write() && status >= 200 && status < 300) {
                recover();
            }
            return;
        }
        throttled.increment();
        if (retryAfter != null && !retryAfter.isZero() && !retryAfter.isNegative()) {
            pauseFor(retryAfter);
        }
        lower(ticket);
    }

    /** A ticket of a write sent now, for a throttled answer that came outside {@link #beforeSend} (a batch item). */
    public Ticket currentEpisode() {
        return new Ticket(true, episode.get(), NO_PLACES, null);
    }

    /**
     * Pauses every call to the target for {@code wait} from now (a later pause already set is kept), in every process
     * when a {@link SharedPace} is installed.
     */
    public void pauseFor(Duration wait) {
        SharedPace shared = RateLimits.sharedPace();
        if (shared != null) {
            shared.pause(target, wait);
        }
        long until = System.nanoTime() + wait.toNanos();
        long previous = pausedUntilNanos.getAndAccumulate(until,
                (current, next) -> current == NO_PAUSE || next - current > 0 ? next : current);
        if (previous == NO_PAUSE || until - previous > 0) {
            pauses.increment();
        }
    }

    /** The counters and current rate of this target. */
    public RateLimits.TargetStats stats() {
        return new RateLimits.TargetStats(target, configured.writesPerSecond(), currentWritesPerSecond(),
                writes.sum(), reads.sum(), throttled.sum(), pauses.sum());
    }

    /** The rate writes are paced at now; 0 when unlimited. */
    public double currentWritesPerSecond() {
        return configured.writesPerSecond() * UNITS / unitsPerWrite.get();
    }

    /** How many successful writes raise the rate by one step: about two seconds' worth, at least 20. */
    int recoveryWrites() {
        return (int) Math.max(20, Math.ceil(configured.writesPerSecond() * 2));
    }

    private void lower(Ticket ticket) {
        if (limiter == null || !episode.compareAndSet(ticket.episode(), ticket.episode() + 1)) {
            return; // unlimited, or this episode already lowered the rate
        }
        unitsPerWrite.updateAndGet(u -> Math.min(MAX_UNITS, (int) Math.ceil(u / 0.8)));
        successesSinceChange.set(0);
    }

    private void recover() {
        if (limiter == null || unitsPerWrite.get() == UNITS) {
            return;
        }
        if (successesSinceChange.incrementAndGet() >= recoveryWrites()) {
            successesSinceChange.set(0);
            unitsPerWrite.updateAndGet(u -> Math.max(UNITS, u - 1));
        }
    }

    /** Sleeps until no pause is set; true when it had to wait. */
    private boolean awaitPause() throws InterruptedException {
        boolean waited = false;
        while (true) {
            long until = pausedUntilNanos.get();
            long left = until == NO_PAUSE ? 0 : until - System.nanoTime();
            if (left <= 0) {
                return waited;
            }
            TimeUnit.NANOSECONDS.sleep(left);
            waited = true;
        }
    }

    /**
     * What {@link #beforeSend} hands out: whether the call is a write, the throttling episode it was sent in, and the
     * places in the write window it holds until {@link #afterAnswer} or {@link #noAnswer} (in this JVM's window, or
     * the {@code permit} of the {@link SharedPace}; null when none was installed).
     */
    public record Ticket(boolean write, long episode, long[] places, SharedPace.Permit permit) {
    }
}
