package dev.idle.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.RetryProfile;
import dev.idle.spi.ProviderException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryRunnerTest {
    private final List<Long> sleeps = new ArrayList<>();
    private final List<String> announced = new ArrayList<>();
    private final RetryRunner runner = new RetryRunner(d -> sleeps.add(d.toMillis()));

    private static RetryProfile noJitter(int attempts, int initial, double factor, int max) {
        return new RetryProfile(attempts, initial, factor, max, 0);
    }

    /** A body failing {@code failures} times with {@code failure}, then returning "ok". */
    private static java.util.function.Supplier<String> failing(int failures, RuntimeException failure,
                                                                AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return "ok";
        };
    }

    private RetryRunner.RetryListener listener() {
        return (attempt, max, delay, failure) -> announced.add(attempt + "/" + max + ":" + delay);
    }

    @Test
    void withoutJitterTheDelayIsInitialTimesFactorPowerCappedAtMaxDelay() {
        RetryProfile p = noJitter(10, 250, 2.0, 1500);
        assertThat(RetryRunner.delayMs(p, "seed", 1)).isEqualTo(250);
        assertThat(RetryRunner.delayMs(p, "seed", 2)).isEqualTo(500);
        assertThat(RetryRunner.delayMs(p, "seed", 3)).isEqualTo(1000);
        assertThat(RetryRunner.delayMs(p, "seed", 4)).isEqualTo(1500);
    }

    @Test
    void baseDelayIsRoundedHalfToEven() {
        // 5 * 1.5 = 7.5 -> 8; 5 * 1.5^2 = 11.25 -> 11; 1 * 2.5 = 2.5 -> 2
        assertThat(RetryRunner.delayMs(noJitter(5, 5, 1.5, 1000), "s", 2)).isEqualTo(8);
        assertThat(RetryRunner.delayMs(noJitter(5, 5, 1.5, 1000), "s", 3)).isEqualTo(11);
        assertThat(RetryRunner.delayMs(noJitter(5, 1, 2.5, 1000), "s", 2)).isEqualTo(2);
    }

    @Test
    void jitterIsDeterministicForTheSameSeed() {
        RetryProfile p = new RetryProfile(5, 1000, 2.0, 5000, 0.5);
        assertThat(RetryRunner.delayMs(p, "corr|step", 1)).isEqualTo(RetryRunner.delayMs(p, "corr|step", 1));
    }

    @Test
    void jitterFollowsTheSha256FormulaOfTheSpec() throws Exception {
        RetryProfile p = new RetryProfile(5, 1000, 2.0, 5000, 0.5);
        for (int attempt = 1; attempt <= 3; attempt++) {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("corr|step|" + attempt).getBytes(StandardCharsets.UTF_8));
            java.math.BigInteger v = java.math.BigInteger.ZERO;
            for (int i = 7; i >= 0; i--) {
                v = v.shiftLeft(8).or(java.math.BigInteger.valueOf(h[i] & 0xFF));
            }
            double u = new java.math.BigDecimal(v).divide(new java.math.BigDecimal(
                    java.math.BigInteger.ONE.shiftLeft(64)), java.math.MathContext.DECIMAL64).doubleValue();
            double base = Math.min(5000, Math.rint(1000 * Math.pow(2, attempt - 1)));
            long expected = (long) Math.max(0, Math.rint(base * (1 + ((u * 2) - 1) * 0.5)));
            assertThat(RetryRunner.delayMs(p, "corr|step", attempt)).as("attempt " + attempt).isEqualTo(expected);
        }
    }

    @Test
    void jitterStaysWithinTheRatioAndMayExceedMaxDelay() {
        RetryProfile p = new RetryProfile(5, 1000, 1.0, 1000, 0.2);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            delays.add(RetryRunner.delayMs(p, "seed-" + i, 1));
        }
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(800L, 1200L));
        assertThat(delays).anySatisfy(d -> assertThat(d).isGreaterThan(1000L));
        assertThat(new java.util.HashSet<>(delays)).hasSizeGreaterThan(10);
    }

    @Test
    void differentSeedsGiveDifferentJitter() {
        RetryProfile p = new RetryProfile(5, 10000, 1.0, 10000, 1.0);
        assertThat(RetryRunner.delayMs(p, "a", 1)).isNotEqualTo(RetryRunner.delayMs(p, "b", 1));
    }

    @Test
    void unitFromSeedIsInTheUnitInterval() {
        for (int i = 0; i < 20; i++) {
            assertThat(RetryRunner.unitFromSeed("x" + i)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void transientFailuresAreRetriedAndAttemptsCounted() {
        AtomicInteger calls = new AtomicInteger();
        RetryRunner.Attempted<String> r = runner.run(noJitter(3, 100, 2.0, 5000), "s",
                failing(2, ProviderException.transientFailure("throttled"), calls), listener());
        assertThat(r.value()).isEqualTo("ok");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(100L, 200L);
        assertThat(announced).containsExactly("1/3:100", "2/3:200");
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        RetryRunner.AttemptsFailed e = catchThrowableOfType(() -> runner.run(noJitter(5, 100, 2.0, 5000), "s",
                failing(9, new ProviderException("denied"), calls), listener()), RetryRunner.AttemptsFailed.class);
        assertThat(e.attempts).isEqualTo(1);
        assertThat(e.getCause()).hasMessage("denied");
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aTransientCauseAnywhereInTheChainIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException wrapped = new IllegalStateException("outer",
                new RuntimeException("mid", ProviderException.transientFailure("inner")));
        RetryRunner.Attempted<String> r = runner.run(noJitter(3, 0, 1.0, 0), "s", failing(1, wrapped, calls),
                listener());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(sleeps).isEmpty();
        assertThat(announced).containsExactly("1/3:0");
    }

    @Test
    void exhaustedRetriesReportTheRealNumberOfAttempts() {
        AtomicInteger calls = new AtomicInteger();
        RetryRunner.AttemptsFailed e = catchThrowableOfType(() -> runner.run(noJitter(4, 10, 1.0, 10), "s",
                failing(99, ProviderException.transientFailure("busy"), calls), listener()),
                RetryRunner.AttemptsFailed.class);
        assertThat(e.attempts).isEqualTo(4);
        assertThat(calls).hasValue(4);
        assertThat(sleeps).containsExactly(10L, 10L, 10L);
    }

    @Test
    void maxAttemptsZeroRunsOnceWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        RetryRunner.AttemptsFailed e = catchThrowableOfType(() -> runner.run(noJitter(0, 10, 1.0, 10), "s",
                failing(99, ProviderException.transientFailure("busy"), calls), listener()),
                RetryRunner.AttemptsFailed.class);
        assertThat(e.attempts).isEqualTo(1);
        assertThat(calls).hasValue(1);
        AtomicInteger ok = new AtomicInteger();
        assertThat(runner.run(noJitter(0, 10, 1.0, 10), "s", failing(0, null, ok), listener()).attempts())
                .isEqualTo(1);
    }

    @Test
    void minimumDelayFromTheProviderIsHonouredEvenPastMaxDelay() {
        AtomicInteger calls = new AtomicInteger();
        ProviderException throttled = new ProviderException("429", true, Duration.ofSeconds(30), null);
        RetryRunner.Attempted<String> r = runner.run(noJitter(3, 100, 2.0, 1000), "s",
                failing(1, new RuntimeException("wrap", throttled), calls), listener());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(30000L);
    }

    @Test
    void minimumDelayShorterThanTheBackoffDoesNotShortenIt() {
        AtomicInteger calls = new AtomicInteger();
        ProviderException throttled = new ProviderException("429", true, Duration.ofMillis(5), null);
        runner.run(noJitter(3, 100, 2.0, 1000), "s", failing(1, throttled, calls), listener());
        assertThat(sleeps).containsExactly(100L);
    }

    @Test
    void retryDataNamesAttemptDelayAndError() {
        assertThat(RetryRunner.retryData(1, 3, 250, new ProviderException("boom")))
                .containsEntry("attempt", 1).containsEntry("maxAttempts", 3).containsEntry("delayMs", 250L)
                .containsEntry("errorType", ProviderException.class.getName()).containsEntry("message", "boom");
    }
}
