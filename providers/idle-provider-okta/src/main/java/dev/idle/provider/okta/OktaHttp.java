package dev.idle.provider.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.spi.ProviderException;
import dev.idle.spi.http.RestCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP layer: one request, Okta's error body turned into a {@link ProviderException} whose message carries
 * {@code errorCode}, {@code errorSummary}, {@code errorCauses} and {@code errorId} but never a credential; 429, 5xx,
 * 408 and network failures are transient, and a 429 carries the wait its {@code X-Rate-Limit-Reset} (epoch seconds)
 * or {@code Retry-After} asks for as the minimum delay.
 */
final class OktaHttp {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    OktaHttp(HttpClient client, URI base, Duration timeout, Clock clock, ObjectMapper json) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
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
                .header("Authorization", credentials.authorizationHeader())
                .header("User-Agent", "idle-provider-okta");
        RestCalls.method(rb, method, body, json, "Okta");
        String what = method + " " + uri.getRawPath();
        HttpResponse<byte[]> response = RestCalls.send(client, rb.build(), "Okta", what);
        int status = response.statusCode();
        JsonNode parsed = RestCalls.parseOrNull(json, response.body());
        if (status / 100 == 2 || contains(accepted, status)) {
            return new Answer(status, parsed, response.headers());
        }
        throw failure(what, status, parsed, response.headers());
    }

    private ProviderException failure(String what, int status, JsonNode body, HttpHeaders headers) {
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
        headers.firstValue("X-Okta-Request-Id").ifPresent(id -> msg.append(" | RequestId: ").append(id));
        boolean transientFailure = status == 429 || status == 408 || status >= 500;
        Duration wait = status == 429 ? rateLimitWait(headers) : RestCalls.retryAfter(headers, clock);
        if (wait != null) {
            msg.append(" | RetryAfter: ").append(wait.toMillis()).append(" ms");
        }
        return new ProviderException(msg.toString(), transientFailure, transientFailure ? wait : null, null);
    }

    /** The wait a 429 asks for: until {@code X-Rate-Limit-Reset}, or {@code Retry-After}, whichever is later. */
    Duration rateLimitWait(HttpHeaders headers) {
        Duration best = RestCalls.retryAfter(headers, clock);
        Optional<String> reset = headers.firstValue("X-Rate-Limit-Reset");
        if (reset.isPresent()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().trim()));
                Duration d = Duration.between(clock.instant(), at);
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
        if (!sameOrigin(uri, base)) {
            throw new ProviderException("Okta returned a link to another origin (" + uri.getScheme() + "://"
                    + uri.getHost() + "); refusing to follow it with the API credential.");
        }
        return uri;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
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
