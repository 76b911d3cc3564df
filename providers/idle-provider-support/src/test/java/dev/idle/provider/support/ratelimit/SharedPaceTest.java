package dev.idle.provider.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedPaceTest {
    private final RecordingPace pace = new RecordingPace();

    @AfterEach
    void backToTheInJvmPace() {
        RateLimits.useSharedPace(null);
    }

    @Test
    void withASharedPaceInstalledEveryWriteAsksItAndItsAnswerIsReported() throws Exception {
        String target = "shared " + UUID.randomUUID();
        TargetLimiter limiter = RateLimits.forTarget(target, RateLimit.writesPerSecond(1));
        RateLimits.useSharedPace(pace);

        for (int i = 0; i < 5; i++) {
            limiter.afterAnswer(limiter.beforeSend(true), 204, null);
        }
        limiter.afterAnswer(limiter.beforeSend(false), 200, null);

        assertThat(pace.acquired).as("five writes of one, then a read that only waits out a pause")
                .containsExactly(target + " 1", target + " 1", target + " 1", target + " 1", target + " 1",
                        target + " 0");
        assertThat(pace.answered).hasSize(6);
        assertThat(limiter.stats().writes()).isEqualTo(5);
    }

    @Test
    void theInJvmLimiterAddsNoWaitOfItsOwnWhenASharedPaceDecides() throws Exception {
        // at 1 write/s the in-JVM limiter and window would hold the 2nd to 30th writes back for many seconds
        TargetLimiter limiter = RateLimits.forTarget("shared " + UUID.randomUUID(), RateLimit.writesPerSecond(1));
        RateLimits.useSharedPace(pace);

        for (int i = 0; i < 30; i++) {
            limiter.afterAnswer(limiter.beforeSend(true), 204, null);
        }

        assertThat(pace.acquired).hasSize(30);
    }

    @Test
    void aRetryAfterPausesTheTargetInTheSharedPaceAndLowersTheRateItIsAskedFor() throws Exception {
        String target = "shared " + UUID.randomUUID();
        TargetLimiter limiter = RateLimits.forTarget(target, RateLimit.writesPerSecond(100));
        RateLimits.useSharedPace(pace);

        limiter.afterAnswer(limiter.beforeSend(true), 429, Duration.ofMillis(1));
        limiter.afterAnswer(limiter.beforeSend(true), 204, null);

        assertThat(pace.pauses).containsExactly(target + " PT0.001S");
        assertThat(pace.rates).containsExactly(100.0, 80.0);
    }

    @Test
    void anUnpacedTargetOnlyWaitsOutSharedPauses() throws Exception {
        String target = "shared " + UUID.randomUUID();
        TargetLimiter limiter = RateLimits.forTarget(target, RateLimit.NONE);
        RateLimits.useSharedPace(pace);

        limiter.afterAnswer(limiter.beforeSend(true), 204, null);

        assertThat(pace.acquired).containsExactly(target + " 0");
    }

    private static final class RecordingPace implements SharedPace {
        final List<String> acquired = new CopyOnWriteArrayList<>();
        final List<Double> rates = new CopyOnWriteArrayList<>();
        final List<Permit> answered = new CopyOnWriteArrayList<>();
        final List<String> pauses = new CopyOnWriteArrayList<>();

        @Override
        public Permit acquire(String target, RateLimit limit, double writesPerSecond, int writes) {
            acquired.add(target + " " + writes);
            if (writes > 0) {
                rates.add(writesPerSecond);
            }
            return Permit.none(target);
        }

        @Override
        public void answered(Permit permit) {
            answered.add(permit);
        }

        @Override
        public void pause(String target, Duration wait) {
            pauses.add(target + " " + wait);
        }
    }
}
