package dev.idle.googlesim;

import java.time.Instant;

/**
 * One request the simulator answered. Never holds a secret: of the {@code Authorization} header only the scheme
 * ({@code Bearer}) is kept, and request bodies are not recorded.
 *
 * @param rateLimitReset for a rate-limit answer: now plus its {@code Retry-After}, before which a retry is too early; else null
 */
public record RequestRecord(Instant at, String method, String path, String query, int status, String authScheme,
                            Instant rateLimitReset) {
    @Override
    public String toString() {
        return at + " " + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
                + (authScheme == null ? "" : " [" + authScheme + "]")
                + (rateLimitReset == null ? "" : " reset=" + rateLimitReset);
    }
}
