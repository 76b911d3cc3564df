package dev.idle.provider.support.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.failsafe.RetryPolicy;
import dev.idle.provider.support.http.RetryAfter;
import dev.idle.spi.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * In-call retries on Failsafe with a fake sleeper, shaped like Graph's {@code $batch}: each round sends the items
 * still pending and gets back which are throttled and the {@code Retry-After} of their answers.
 */
class InCallRetryTest {
    private final List<Duration> slept = new ArrayList<>();
    private final InCallRetry retry = new InCallRetry(slept::add);
    private final RetryAfter retryAfter = new RetryAfter(Clock.systemUTC());

    /** One round of a batch: items still throttled, and the largest Retry-After among their answers (raw header). */
    record Round(List<String> throttled, String retryAfterHeader) {
        boolean done() {
            return throttled.isEmpty();
        }
    }

    private RetryPolicy<Round> batchPolicy(int maxRetries) {
        return RetryPolicy.<Round>builder()
                .handleResultIf(r -> !r.done())
                .withMaxRetries(maxRetries)
                .withDelayFn(ctx -> {
                    Duration wait = retryAfter.parse(ctx.getLastResult().retryAfterHeader());
                    return wait != null ? wait : Duration.ofSeconds(1);
                })
                .build();
    }

    @Test
    void batchRetryHonoursEachRoundsRetryAfterWithAFakeSleeper() {
        Deque<Round> rounds = new ArrayDeque<>(List.of(new Round(List.of("g1", "g2"), "3"),
                new Round(List.of("g2"), "0.5"), new Round(List.of(), null)));
        List<Integer> sent = new ArrayList<>();

        Round last = retry.run(batchPolicy(5), "$batch", attempt -> {
            sent.add(rounds.size());
            return rounds.poll();
        });

        assertThat(last.done()).isTrue();
        assertThat(sent).hasSize(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(500));
    }

    @Test
    void withoutRetryAfterTheDelayFunctionsFallbackIsUsed() {
        Deque<Round> rounds = new ArrayDeque<>(List.of(new Round(List.of("g1"), "soon"), new Round(List.of(), null)));

        retry.run(batchPolicy(5), "$batch", attempt -> rounds.poll());

        assertThat(slept).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void whenRetriesRunOutTheLastResultIsReturnedForTheCallerToJudge() {
        AtomicInteger calls = new AtomicInteger();

        Round last = retry.run(batchPolicy(2), "$batch", attempt -> {
            calls.incrementAndGet();
            return new Round(List.of("g1"), "2");
        });

        assertThat(last.done()).isFalse();
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void anExceptionFromAnAttemptIsNeverRetriedHere() {
        AtomicInteger calls = new AtomicInteger();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> retry.run(batchPolicy(5), "$batch",
                attempt -> {
                    calls.incrementAndGet();
                    throw ProviderException.transientFailure("the whole $batch was throttled");
                }));

        assertThat(e).hasMessage("the whole $batch was throttled");
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void aRenewalAfter401IsPreparedOnceAndSentWithoutWaiting() {
        AtomicInteger invalidated = new AtomicInteger();
        RetryPolicy<Integer> renewOnce = RetryPolicy.<Integer>builder().handleResultIf(status -> status == 401)
                .withMaxRetries(1).build();
        Deque<Integer> statuses = new ArrayDeque<>(List.of(401, 401, 200));

        Integer last = retry.run(renewOnce, "admin call", attempt -> {
            if (attempt > 1) {
                invalidated.incrementAndGet();
            }
            return statuses.poll();
        });

        assertThat(last).isEqualTo(401);
        assertThat(invalidated).hasValue(1);
        assertThat(statuses).containsExactly(200);
        assertThat(slept).isEmpty();
    }

    @Test
    void anInterruptedWaitFailsPermanentlyAndKeepsTheFlag() {
        InCallRetry interrupted = new InCallRetry(d -> {
            throw new InterruptedException();
        });
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> interrupted.run(batchPolicy(5),
                    "throttled $batch items", attempt -> new Round(List.of("g1"), "1")));

            assertThat(e.isTransient()).isFalse();
            assertThat(e).hasMessage("Interrupted while waiting to retry throttled $batch items.");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
