package dev.idle.provider.support.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JVM-wide registry of {@link TargetLimiter}s, keyed by target: two provider instances (or two batches, or two
 * threads) that write to the same target share one limiter, so together they stay under the target's ceiling;
 * different targets never wait for each other. A provider defines its target key (e.g.
 * {@code "entraid https://graph.microsoft.com tenant=<id> app=<client id>"}); keys never hold a secret.
 *
 * <p>The first provider that asks for a target sets its rate; later ones with another setting share that limiter
 * (the setting a host file gives for one target is normally the same in every entry).
 *
 * <p>{@link #snapshot()} gives every target's counters (writes sent, reads sent, throttled answers met, pauses,
 * current and configured rate) for summaries: counters only grow, so a batch takes a snapshot at its start and one
 * at its end and reports the difference ({@link #throttledSince}).
 *
 * <p>Writes are paced inside this JVM unless a {@link SharedPace} is installed ({@link #useSharedPace}): a worker of
 * the distributed runner installs one so that every worker together keeps each target's rate.
 *
 * <p>Thread-safe.
 */
public final class RateLimits {
    private static final ConcurrentMap<String, TargetLimiter> LIMITERS = new ConcurrentHashMap<>();
    private static volatile SharedPace sharedPace;

    private RateLimits() {
    }

    /** The limiter of {@code target}, made with {@code limit} if it is the first to be asked for. */
    public static TargetLimiter forTarget(String target, RateLimit limit) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(limit, "limit");
        return LIMITERS.computeIfAbsent(target, t -> new TargetLimiter(t, limit));
    }

    /**
     * Paces every target's writes through {@code pace} from now on, for every limiter of this JVM (those made
     * before too), instead of in this JVM alone; {@code null} returns to the in-JVM pace.
     */
    public static void useSharedPace(SharedPace pace) {
        sharedPace = pace;
    }

    /** The shared pace installed, or null when writes are paced in this JVM. */
    public static SharedPace sharedPace() {
        return sharedPace;
    }

    /** Every target's counters now, ordered by target. */
    public static List<TargetStats> snapshot() {
        return LIMITERS.values().stream().map(TargetLimiter::stats)
                .sorted(Comparator.comparing(TargetStats::target)).toList();
    }

    /** The throttled answers ({@code 429}, {@code 503} with {@code Retry-After}) met since {@code before} was taken. */
    public static long throttledSince(List<TargetStats> before) {
        long then = before.stream().mapToLong(TargetStats::throttled).sum();
        return snapshot().stream().mapToLong(TargetStats::throttled).sum() - then;
    }

    /**
     * One target's counters.
     *
     * @param target                   the target key
     * @param configuredWritesPerSecond the configured rate; 0 when unlimited
     * @param currentWritesPerSecond   the rate writes are paced at now (lower after throttling); 0 when unlimited
     * @param writes                   writes sent (each attempt counts)
     * @param reads                    reads sent
     * @param throttled                {@code 429} answers, and {@code 503} answers with {@code Retry-After}, met
     * @param pauses                   times the whole target was paused for a {@code Retry-After}
     */
    public record TargetStats(String target, double configuredWritesPerSecond, double currentWritesPerSecond,
                              long writes, long reads, long throttled, long pauses) {
    }
}
