package dev.idle.provider.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write window of a paced target: the write a window's worth after another is sent only a window after that
 * other one was answered, however late the answer came, and a call without an answer frees its place. Bounds are
 * checked on {@link System#nanoTime()} instants (never "took less than").
 */
class WriteWindowTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aWriteAWindowLaterWaitsAWindowAfterTheAnswerToTheFirstNotAfterItsPermit() throws Exception {
        // 2 writes per second: the third write may leave one second after the first was answered
        TargetLimiter limiter = RateLimits.forTarget("test " + UUID.randomUUID(), RateLimit.writesPerSecond(2));
        TargetLimiter.Ticket first = limiter.beforeSend(true);
        TargetLimiter.Ticket second = limiter.beforeSend(true);
        AtomicLong thirdSent = new AtomicLong();
        Thread third = new Thread(() -> {
            try {
                limiter.afterAnswer(limiter.beforeSend(true), 200, null);
                thirdSent.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        Thread.sleep(700); // a slow answer: pacing alone would send the third write 0.5 s from now
        long firstAnsweredNoEarlierThan = System.nanoTime();
        limiter.afterAnswer(first, 200, null);
        limiter.afterAnswer(second, 200, null);
        third.join();

        assertThat(thirdSent.get() - (firstAnsweredNoEarlierThan + SECOND)).isNotNegative();
    }

    @Test
    @Timeout(30) // without the release the next write would wait WriteWindow.GIVE_UP (2 minutes)
    void aCallThatGotNoAnswerFreesItsPlace() throws Exception {
        TargetLimiter limiter = RateLimits.forTarget("test " + UUID.randomUUID(), RateLimit.writesPerSecond(1));
        TargetLimiter.Ticket lost = limiter.beforeSend(true);
        long failedNoEarlierThan = System.nanoTime();
        limiter.noAnswer(lost);

        limiter.beforeSend(true);

        assertThat(System.nanoTime() - (failedNoEarlierThan + SECOND)).isNotNegative();
        assertThat(limiter.stats().writes()).isEqualTo(2);
    }

    @Test
    void theWindowOfARateHoldsTheWholeWritesOfASecondOrOneWriteForSlowRates() {
        assertThat(windowOf(20)).isEqualTo("20 per 1000 ms");
        assertThat(windowOf(7.5)).isEqualTo("7 per 933 ms");
        assertThat(windowOf(0.5)).isEqualTo("1 per 2000 ms");
    }

    private static String windowOf(double rate) {
        WriteWindow w = WriteWindow.forRate(rate);
        return w.size() + " per " + w.span().toMillis() + " ms";
    }
}
