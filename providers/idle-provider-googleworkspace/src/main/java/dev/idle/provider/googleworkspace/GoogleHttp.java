package dev.idle.provider.googleworkspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.http.HttpLinks;
import dev.idle.provider.support.http.Origins;
import dev.idle.provider.support.http.Redaction;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What is the Directory API's own on top of the toolkit's {@link HttpCaller}: the bearer header, paths below
 * {@code /admin/directory/v1}, and Google's error body: the message carries the status, {@code error.message} and the
 * {@code reasons}, never a token. Transient: the toolkit's standard classification (429, 408, 5xx, network failures)
 * and also a 403 whose reason is {@code rateLimitExceeded}, {@code userRateLimitExceeded} or {@code quotaExceeded};
 * rate-limit answers carry their {@code Retry-After} (or, without one, one second) as the minimum delay.
 */
final class GoogleHttp {
    static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "quotaExceeded");
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    private final HttpCaller http;
    private final String rateTarget;
    private final String base;
    private final Duration timeout;
    private final ObjectMapper json;

    GoogleHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json) {
        this(client, base, timeout, clock, json, RateLimit.NONE);
    }

    GoogleHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json, RateLimit rateLimit) {
        this.rateTarget = "googleworkspace " + Origins.of(base);
        this.http = HttpCaller.builder(client, "Directory API").clock(clock).target(rateTarget).rateLimit(rateLimit)
                .link(HttpLinks.header("User-Agent", "idle-provider-googleworkspace")).build();
        this.base = base.toString().replaceAll("/+$", "") + "/admin/directory/v1";
        this.timeout = timeout;
        this.json = json;
    }

    record Answer(int status, JsonNode body) {
    }

    /** Sends to {@code path} below {@code /admin/directory/v1}; 2xx and {@code accepted} statuses are answers. */
    Answer send(String method, String path, Object body, Secret token, int... accepted) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal());
        RestCalls.method(rb, method, body, json, "Directory API");
        String what = method + " " + Redaction.path(uri);
        HttpAnswer a = http.send(rb.build(), "Directory API request " + what);
        JsonNode parsed = RestCalls.parseOrNull(json, a.body());
        for (int accept : accepted) {
            if (accept == a.status()) {
                return new Answer(a.status(), parsed);
            }
        }
        if (a.ok()) {
            return new Answer(a.status(), parsed);
        }
        throw failure(what, a, parsed);
    }

    private ProviderException failure(String what, HttpAnswer a, JsonNode body) {
        int status = a.status();
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
        boolean transientFailure = rateLimited || http.classifier().isTransient(status);
        Duration wait = http.retryAfter(a);
        if (wait == null && rateLimited) {
            wait = DEFAULT_RATE_LIMIT_WAIT;
        }
        if (rateLimited && status == 403) {
            http.throttled(rateTarget, wait); // Google's 403 throttling slows and pauses the target as a 429 does
        }
        if (wait != null && transientFailure) {
            msg.append(" | RetryAfter: ").append(wait.toMillis()).append(" ms");
        }
        return new ProviderException(msg.toString(), transientFailure, transientFailure ? wait : null, null);
    }
}
