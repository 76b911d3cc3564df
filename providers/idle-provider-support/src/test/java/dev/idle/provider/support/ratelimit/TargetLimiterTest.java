package dev.idle.provider.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TargetLimiterTest {
    private static String uniqueTarget() {
        return "test " + UUID.randomUUID();
    }

    @Test
    void oneTargetHasOneLimiterWhoeverAsksAndTargetsDoNotShare() {
        String target = uniqueTarget();

        TargetLimiter first = RateLimits.forTarget(target, RateLimit.writesPerSecond(20));
        TargetLimiter second = RateLimits.forTarget(target, RateLimit.writesPerSecond(50));

        assertThat(second).isSameAs(first);
        assertThat(second.configured().writesPerSecond()).as("the first setting wins").isEqualTo(20.0);
        assertThat(RateLimits.forTarget(uniqueTarget(), RateLimit.writesPerSecond(20))).isNotSameAs(first);
    }

    @Test
    void writesAndReadsAreCountedButOnlyWritesArePaced() throws Exception {
        TargetLimiter limiter = RateLimits.forTarget(uniqueTarget(), RateLimit.writesPerSecond(1000));

        limiter.afterAnswer(limiter.beforeSend(true), 204, null);
        limiter.afterAnswer(limiter.beforeSend(false), 200, null);
        limiter.afterAnswer(limiter.beforeSend(false), 200, null);

        assertThat(limiter.stats().writes()).isEqualTo(1);
        assertThat(limiter.stats().reads()).isEqualTo(2);
        assertThat(limiter.stats().throttled()).isZero();
    }

    @Test
    void manyThrottledAnswersOfOneEpisodeLowerTheRateOnceAndSuccessesRestoreItSlowly() throws Exception {
        TargetLimiter limiter = RateLimits.forTarget(uniqueTarget(), RateLimit.writesPerSecond(1000));
        TargetLimiter.Ticket[] inFlight = new TargetLimiter.Ticket[8];
        for (int i = 0; i < inFlight.length; i++) {
            inFlight[i] = limiter.beforeSend(true);
        }

        for (TargetLimiter.Ticket t : inFlight) {
            limiter.afterAnswer(t, 429, null);
        }
        double lowered = limiter.currentWritesPerSecond();
        limiter.afterAnswer(limiter.beforeSend(true), 429, null);

        assertThat(lowered).isEqualTo(1000.0 * 20 / 25);
        assertThat(limiter.currentWritesPerSecond()).as("a write sent after the lowering lowers again")
                .isLessThan(lowered);
        assertThat(limiter.stats().throttled()).isEqualTo(9);
        for (int i = 0; i < limiter.recoveryWrites() - 1; i++) {
            limiter.afterAnswer(limiter.beforeSend(true), 200, null);
        }
        double beforeStep = limiter.currentWritesPerSecond();
        limiter.afterAnswer(limiter.beforeSend(true), 200, null);
        assertThat(limiter.currentWritesPerSecond()).isGreaterThan(beforeStep).isLessThan(1000.0);
        for (int i = 0; i < limiter.recoveryWrites() * 20; i++) {
            limiter.afterAnswer(limiter.beforeSend(true), 200, null);
        }
        assertThat(limiter.currentWritesPerSecond()).as("never above the configured rate").isEqualTo(1000.0);
    }

    @Test
    void aRetryAfterHoldsBackEveryThreadUntilItsInstantReadsToo() throws Exception {
        TargetLimiter limiter = RateLimits.forTarget(uniqueTarget(), RateLimit.writesPerSecond(1000));
        TargetLimiter.Ticket ticket = limiter.beforeSend(true);
        long before = System.nanoTime(); // the pause is set after this line, so it ends at least 300 ms later
        limiter.afterAnswer(ticket, 429, Duration.ofMillis(300));
        AtomicLong writerSent = new AtomicLong();
        AtomicLong readerSent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(2);

        Thread writer = new Thread(() -> sendAndNote(limiter, true, writerSent, done));
        Thread reader = new Thread(() -> sendAndNote(limiter, false, readerSent, done));
        writer.start();
        reader.start();
        done.await();

        long pausedUntilAtLeast = before + Duration.ofMillis(300).toNanos();
        assertThat(writerSent.get() - pausedUntilAtLeast).isNotNegative();
        assertThat(readerSent.get() - pausedUntilAtLeast).isNotNegative();
        assertThat(limiter.stats().pauses()).isEqualTo(1);
    }

    @Test
    void unlimitedTargetsAreNotPacedButStillPauseOnRetryAfter() throws Exception {
        TargetLimiter limiter = RateLimits.forTarget(uniqueTarget(), RateLimit.NONE);

        TargetLimiter.Ticket ticket = limiter.beforeSend(true);
        long before = System.nanoTime();
        limiter.afterAnswer(ticket, 503, Duration.ofMillis(50));
        limiter.beforeSend(true);

        assertThat(System.nanoTime() - (before + Duration.ofMillis(50).toNanos())).isNotNegative();
        assertThat(limiter.stats().pauses()).isEqualTo(1);
        assertThat(limiter.stats().throttled()).isEqualTo(1);
        assertThat(limiter.currentWritesPerSecond()).isZero();
    }

    private static void sendAndNote(TargetLimiter limiter, boolean write, AtomicLong sentAt, CountDownLatch done) {
        try {
            limiter.beforeSend(write);
            sentAt.set(System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }
}
