package dev.idle.provider.googleworkspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.http.RestCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The HTTP layer for the Directory API. Errors become a {@link ProviderException} whose message carries the status,
 * Google's {@code error.message} and the {@code reasons}, never a token. Transient: 429, 408, 5xx, and 403 with reason
 * {@code rateLimitExceeded}, {@code userRateLimitExceeded} or {@code quotaExceeded}; rate-limit answers carry their
 * {@code Retry-After} (or, without one, one second) as the minimum delay before the next attempt.
 */
final class GoogleHttp {
    static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "quotaExceeded");
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    private final HttpClient client;
    private final String base;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    GoogleHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json) {
        this.client = client;
        this.base = base.toString().replaceAll("/+$", "") + "/admin/directory/v1";
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    record Answer(int status, JsonNode body) {
    }

    /** Sends to {@code path} below {@code /admin/directory/v1}; 2xx and {@code accepted} statuses are answers. */
    Answer send(String method, String path, Object body, Secret token, int... accepted) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal())
                .header("User-Agent", "idle-provider-googleworkspace");
        RestCalls.method(rb, method, body, json, "Directory API");
        String what = method + " " + uri.getRawPath();
        HttpResponse<byte[]> response = RestCalls.send(client, rb.build(), "Directory API", what);
        int status = response.statusCode();
        JsonNode parsed = RestCalls.parseOrNull(json, response.body());
        for (int a : accepted) {
            if (a == status) {
                return new Answer(status, parsed);
            }
        }
        if (status / 100 == 2) {
            return new Answer(status, parsed);
        }
        throw failure(what, status, parsed, response.headers());
    }

    private ProviderException failure(String what, int status, JsonNode body, HttpHeaders headers) {
        StringBuilder msg = new StringBuilder("Directory API request failed | ").append(what).append(" | Status: ")
                .append(status);
        List<String> reasons = new ArrayList<>();
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isObject()) {
            msg.append(" | ").append(error.path("message").asText());
            error.path("errors").forEach(e -> reasons.add(e.path("reason").asText()));
            if (!reasons.isEmpty()) {
                msg.append(" | reason: ").append(String.join(", ", reasons));
            }
        }
        boolean rateLimited = status == 429 || (status == 403 && reasons.stream().anyMatch(RATE_LIMIT_REASONS::contains));
        boolean transientFailure = rateLimited || status == 408 || status >= 500;
        Duration wait = RestCalls.retryAfter(headers, clock);
        if (wait == null && rateLimited) {
            wait = DEFAULT_RATE_LIMIT_WAIT;
        }
        if (wait != null && transientFailure) {
            msg.append(" | RetryAfter: ").append(wait.toMillis()).append(" ms");
        }
        return new ProviderException(msg.toString(), transientFailure, transientFailure ? wait : null, null);
    }
}
