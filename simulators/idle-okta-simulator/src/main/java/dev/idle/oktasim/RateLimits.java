package dev.idle.oktasim;

import com.sun.net.httpserver.Headers;
import dev.idle.simsupport.PlannedAnswers;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Okta's rate limiting as a client sees it: the {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset}
 * (epoch seconds) headers on every answer, and the 429s and other failures a test planned ({@link #throttle},
 * {@link #failNext}). Not thread-safe on its own: callers synchronise on the tenant.
 */
final class RateLimits {
    static final int LIMIT = 600;

    /** A planned answer: a 429 from {@link #throttle} (its reset follows {@link #resetSeconds}) or a failure. */
    private record Planned(boolean throttled, int status) {
    }

    private final PlannedAnswers<Planned> planned = new PlannedAnswers<>();
    private int resetSeconds = 1;
    private int remaining = LIMIT;
    /** Epoch second at which the current rate-limit window ends. */
    private long windowReset;

    void resetSeconds(int seconds) {
        this.resetSeconds = seconds;
    }

    void throttle(String method, Pattern path, int count) {
        planned.forMatching(method, path, count, new Planned(true, 429));
    }

    void failNext(int status) {
        planned.forNext(new Planned(false, status));
    }

    /** The planned answer for this authenticated request (a throttle first, then a failure), or null. */
    OktaAnswer planned(String method, String path, Instant at) {
        Planned p = planned.take(method, path);
        if (p == null) {
            return null;
        }
        if (p.throttled()) {
            return OktaAnswer.rateLimited(
                    Instant.ofEpochSecond(at.plusSeconds(resetSeconds).plusMillis(999).getEpochSecond()));
        }
        return switch (p.status()) {
            case 429 -> OktaAnswer.rateLimited(Instant.ofEpochSecond(at.getEpochSecond() + 1));
            case 403 -> OktaAnswer.error(403, "E0000006", "You do not have permission to perform the requested action",
                    List.of());
            case 400 -> OktaAnswer.error(400, "E0000001", "Api validation failed", List.of());
            case 503 -> OktaAnswer.error(503, "E0000010", "Service is in read only mode", List.of());
            default -> OktaAnswer.error(p.status(), "E0000009", "Internal Server Error", List.of());
        };
    }

    /**
     * Counts the request against the current one-minute window (a new window starts, full, once the last one's
     * reset has passed) and adds the three rate-limit headers for its answer. The count is informational: reaching
     * 0 does not refuse requests (plan 429s with {@link #throttle}).
     */
    void addHeaders(Headers headers, OktaAnswer r, Instant at) {
        if (at.getEpochSecond() >= windowReset) {
            windowReset = at.getEpochSecond() + 60;
            remaining = LIMIT;
        }
        remaining = Math.max(0, remaining - 1);
        long reset = r.rateLimitReset != null ? r.rateLimitReset.getEpochSecond() : windowReset;
        headers.add("X-Rate-Limit-Limit", String.valueOf(LIMIT));
        headers.add("X-Rate-Limit-Remaining", r.status == 429 ? "0" : String.valueOf(remaining));
        headers.add("X-Rate-Limit-Reset", String.valueOf(reset));
    }
}
