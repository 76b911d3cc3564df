package dev.idle.provider.support.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The last {@code size} writes to one target and when each was answered: a write may be sent only once the write
 * {@code size} places before it was answered at least {@code span} ago. A request reaches the server before its
 * answer leaves it, so however the network or the scheduler delays single calls, no window of {@code span} at the
 * server holds more than {@code size} writes of this client. Pacing alone cannot promise that against a server that
 * counts in a sliding window: a write that leaves late, followed by one that leaves on time, arrive closer together
 * than the pacing interval, and at a pace equal to the server's limit the window then overflows (a {@code 429}).
 * The price is the answer time of one call per window: at 20 writes per second and answers within 5 ms, the
 * window's 20 writes take 1.005 s.
 *
 * <p>A write not answered yet holds its place; a place whose write was never settled (a caller that lost its ticket)
 * counts as answered {@link #GIVE_UP} after it was sent, so a lost ticket slows a target but never stops it.
 *
 * <p>Thread-safe: every method holds this object's monitor; waiting releases it.
 */
final class WriteWindow {
    /** How long an unsettled write holds its place at most. */
    static final Duration GIVE_UP = Duration.ofMinutes(2);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    private final int size;
    private final long spanNanos;
    private final long[] sentAt;
    private final long[] answeredAt;
    private final long[] owner;
    private long sequence;

    /** A window of {@code size} writes per {@code span}. */
    WriteWindow(int size, Duration span) {
        if (size < 1 || span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("a write window needs size >= 1 and a positive span");
        }
        this.size = size;
        this.spanNanos = span.toNanos();
        this.sentAt = new long[size];
        this.answeredAt = new long[size];
        this.owner = new long[size];
        Arrays.fill(owner, -1);
    }

    /** The window a rate allows: {@code max(1, floor(rate))} writes per {@code size / rate} seconds. */
    static WriteWindow forRate(double writesPerSecond) {
        int size = (int) Math.max(1, Math.floor(writesPerSecond));
        return new WriteWindow(size, Duration.ofNanos(Math.round(size * 1e9 / writesPerSecond)));
    }

    /** Writes per window. */
    int size() {
        return size;
    }

    /** The window's length. */
    Duration span() {
        return Duration.ofNanos(spanNanos);
    }

    /**
     * Waits until {@code writes} writes may be sent (at most {@code size}: a batch envelope larger than the window
     * waits for the whole window) and takes their places.
     *
     * @return the places taken, for {@link #settle}
     */
    synchronized long[] enter(int writes) throws InterruptedException {
        long[] places = new long[Math.min(writes, size)];
        for (int i = 0; i < places.length; i++) {
            int slot = (int) (sequence % size);
            long wait;
            while ((wait = waitNanos(slot, System.nanoTime())) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
                slot = (int) (sequence % size); // another thread may have taken the place meanwhile
            }
            places[i] = sequence;
            owner[slot] = sequence++;
            sentAt[slot] = System.nanoTime();
            answeredAt[slot] = IN_FLIGHT;
        }
        return places;
    }

    /** Marks the writes of {@code places} answered now (or failed without an answer: the same bound). */
    synchronized void settle(long[] places) {
        long now = System.nanoTime();
        for (long place : places) {
            int slot = (int) (place % size);
            if (owner[slot] == place && answeredAt[slot] == IN_FLIGHT) {
                answeredAt[slot] = now;
            }
        }
        notifyAll();
    }

    private long waitNanos(int slot, long now) {
        if (owner[slot] < 0) {
            return 0;
        }
        long answered = answeredAt[slot] != IN_FLIGHT ? answeredAt[slot] : sentAt[slot] + GIVE_UP.toNanos();
        return answered + spanNanos - now;
    }
}
