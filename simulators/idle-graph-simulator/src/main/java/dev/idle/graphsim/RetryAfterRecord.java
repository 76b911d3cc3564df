package dev.idle.graphsim;

import java.time.Duration;
import java.time.Instant;

/**
 * A 429 the throttle issued, and when the same client came back.
 *
 * @param clientId      the application that was throttled
 * @param method        method of the throttled request (or batch item)
 * @param target        path of the throttled request (or batch item)
 * @param issuedAt      when the 429 was sent
 * @param retryAfter    the Retry-After told to the client (whole seconds, as in the header)
 * @param nextRequestAt arrival of the next request from the same client, {@code null} if none yet
 */
public record RetryAfterRecord(String clientId, String method, String target, Instant issuedAt, Duration retryAfter,
                               Instant nextRequestAt) {

    /** True when the client has not come back yet, or came back no earlier than it was told. */
    public boolean honoured() {
        return nextRequestAt == null || !nextRequestAt.isBefore(issuedAt.plus(retryAfter));
    }

    /** How long the client actually waited; {@code null} if it has not come back. */
    public Duration waited() {
        return nextRequestAt == null ? null : Duration.between(issuedAt, nextRequestAt);
    }
}
