package dev.idle.provider.okta;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is Okta's own on top of the toolkit's {@link HttpCaller}: the {@code SSWS}/{@code Bearer} header, Okta's error
 * body turned into a {@link ProviderException} whose message carries {@code errorCode}, {@code errorSummary},
 * {@code errorCauses} and {@code errorId} but never a credential, {@code Link: rel="next"} paging, and the wait of a
 * 429: until {@code X-Rate-Limit-Reset} (epoch seconds) or {@code Retry-After}, whichever is later. Which statuses are
 * transient is the toolkit's standard classification (429, 408, 5xx and network failures).
 */
final class OktaHttp {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final HttpCaller http;
    private final URI base;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    OktaHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json) {
        this(client, base, timeout, clock, json, RateLimit.NONE);
    }

    OktaHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json, RateLimit rateLimit) {
        this(HttpCaller.builder(client, "Okta").clock(clock).target(rateTarget(base)).rateLimit(rateLimit)
                .link(HttpLinks.header("User-Agent", "idle-provider-okta")).build(), base, timeout, clock, json);
    }

    /** The JVM-wide rate-limit target: the org (its origin). */
    static String rateTarget(URI base) {
        return "okta " + Origins.of(base);
    }

    OktaHttp(HttpCaller http, URI base, Duration timeout, Clock clock, ObjectMapper json) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    /** The call layer, shared with the token request of {@link OktaPrivateKeyJwt}. */
    HttpCaller caller() {
        return http;
    }

    /** A response: status, parsed body (null when empty) and headers. */
    record Answer(int status, JsonNode body, HttpHeaders headers) {
        Optional<String> nextLink() {
            for (String link : headers.allValues("Link")) {
                Matcher m = NEXT_LINK.matcher(link);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Sends a request and returns the answer for 2xx and for the statuses in {@code accepted}; throws otherwise.
     *
     * @param pathOrUrl a path below the base URL ({@code /api/v1/...}) or an absolute URL of the same origin
     *                  (paging links)
     */
    Answer send(String method, String pathOrUrl, Object body, OktaCredentials credentials, int... accepted) {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", credentials.authorizationHeader());
        RestCalls.method(rb, method, body, json, "Okta");
        String what = method + " " + Redaction.path(uri);
        HttpAnswer a = http.send(rb.build(), "Okta request " + what);
        JsonNode parsed = RestCalls.parseOrNull(json, a.body());
        if (a.ok() || contains(accepted, a.status())) {
            return new Answer(a.status(), parsed, a.headers());
        }
        throw failure(what, a, parsed);
    }

    private ProviderException failure(String what, HttpAnswer a, JsonNode body) {
        int status = a.status();
        StringBuilder msg = new StringBuilder("Okta API request failed | ").append(what).append(" | Status: ")
                .append(status);
        if (body != null && body.hasNonNull("errorCode")) {
            msg.append(" | ").append(body.path("errorCode").asText()).append(": ")
                    .append(body.path("errorSummary").asText());
            List<String> causes = new ArrayList<>();
            body.path("errorCauses").forEach(c -> causes.add(c.path("errorSummary").asText()));
            if (!causes.isEmpty()) {
                msg.append(" (").append(String.join("; ", causes)).append(")");
            }
            msg.append(" | errorId: ").append(body.path("errorId").asText());
        }
        String requestId = a.header("X-Okta-Request-Id");
        if (requestId != null) {
            msg.append(" | RequestId: ").append(requestId);
        }
        boolean transientFailure = http.classifier().isTransient(status);
        Duration wait = status == 429 ? rateLimitWait(a) : http.retryAfter(a);
        if (status == 429) {
            http.pauseTarget(rateTarget(base), wait); // every thread waits for the reset, not only this one
        }
        if (wait != null) {
            msg.append(" | RetryAfter: ").append(wait.toMillis()).append(" ms");
        }
        return new ProviderException(msg.toString(), transientFailure, transientFailure ? wait : null, null);
    }

    /** The wait a 429 asks for: until {@code X-Rate-Limit-Reset}, or {@code Retry-After}, whichever is later. */
    Duration rateLimitWait(HttpAnswer a) {
        Duration best = http.retryAfter(a);
        String reset = a.header("X-Rate-Limit-Reset");
        if (reset != null) {
            try {
                Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                if (d.isNegative()) {
                    d = Duration.ZERO;
                }
                if (best == null || d.compareTo(best) > 0) {
                    best = d;
                }
            } catch (NumberFormatException e) {
                // an unreadable header gives no hint
            }
        }
        return best;
    }

    private URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("/")) {
            return URI.create(base.toString().replaceAll("/+$", "") + pathOrUrl);
        }
        URI uri = URI.create(pathOrUrl);
        // A paging link must stay on the configured origin: the credential goes nowhere else.
        if (!Origins.same(uri, base)) {
            throw new ProviderException("Okta returned a link to another origin (" + uri.getScheme() + "://"
                    + uri.getHost() + "); refusing to follow it with the API credential.");
        }
        return uri;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
