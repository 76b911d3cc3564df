package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.idle.provider.support.http.FailureVerdict;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.http.Origins;
import dev.idle.provider.support.http.Redaction;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.provider.support.http.RetryAfter;
import dev.idle.spi.ProviderException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import dev.idle.provider.support.ratelimit.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is Graph's own on top of the toolkit's {@link HttpCaller}: the bearer header, how Graph's error body
 * ({@code error.code}, {@code error.message}, the request id) becomes a {@link GraphException}, and paging over
 * {@code @odata.nextLink} (which must stay on the configured origin). It never retries and never swallows a failure:
 * every request either returns its response or throws.
 *
 * <p>Failure messages carry the method and path, the HTTP status, Graph's error code and message, the request id and
 * the {@code Retry-After} value; never a header of the request, its body, or the token.
 *
 * <p>Writes are paced per target, the Graph origin plus the app and tenant of the call's token (Graph's throttling
 * unit), by the JVM-wide limiter of {@link dev.idle.provider.support.ratelimit.RateLimits}: the token's target is
 * told by {@link GraphAuth} when it hands the token out ({@link #rememberTarget}). Thread-safe.
 */
final class GraphClient {
    private static final int MAX_MESSAGE = 400;

    private final HttpCaller http;
    private final String baseUrl;
    private final URI origin;
    private final Duration timeout;
    private final ObjectMapper json;
    /** Token to rate-limit target; a handful of entries (one per credential and token lifetime), pruned when big. */
    private final Map<String, String> targets = new ConcurrentHashMap<>();

    /** A response of any status; {@code body} is {@link MissingNode} when there was none or it was not JSON. */
    record Response(HttpAnswer answer, JsonNode body) {
        int status() {
            return answer.status();
        }

        boolean ok() {
            return answer.ok();
        }

        String header(String name) {
            return answer.header(name);
        }
    }

    GraphClient(HttpClient client, String baseUrl, Duration timeout, Clock clock, ObjectMapper json) {
        this(client, baseUrl, timeout, clock, json, RateLimit.NONE);
    }

    GraphClient(HttpClient client, String baseUrl, Duration timeout, Clock clock, ObjectMapper json,
                RateLimit rateLimit) {
        this.http = HttpCaller.builder(client, "Graph API").clock(clock).rateLimit(rateLimit).build();
        this.baseUrl = trimSlash(baseUrl);
        this.origin = Origins.of(URI.create(this.baseUrl));
        this.timeout = timeout;
        this.json = json;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code https://host[:port]}: the resource whose {@code /.default} scope the token is requested for. */
    String resourceRoot() {
        return origin.toString();
    }

    /** Notes that calls made with {@code token} count against the app and tenant {@code appTenant}. */
    void rememberTarget(String token, String appTenant) {
        if (targets.size() > 256) {
            targets.clear(); // old tokens; the live ones are noted again on their next hand-out
        }
        if (targets.get(token) == null) { // the usual case, a token already noted, builds no string
            targets.putIfAbsent(token, "entraid " + origin + " " + appTenant);
        }
    }

    /** The rate-limit target of calls made with {@code token}. */
    String rateTarget(String token) {
        String t = token == null ? null : targets.get(token);
        return t != null ? t : "entraid " + origin;
    }

    /** Reports a throttled {@code $batch} item: its target pauses and slows down as for a throttled call. */
    void throttled(String token, Duration retryAfter) {
        http.throttled(rateTarget(token), retryAfter);
    }

    /** The {@code Retry-After} parser of this client's clock (for {@code $batch} item headers). */
    RetryAfter retryAfter() {
        return http.retryAfterParser();
    }

    /** True when a Graph answer (or {@code $batch} item) with {@code status} is worth retrying. */
    boolean isTransientStatus(int status) {
        return http.classifier().isTransient(status);
    }

    static String trimSlash(String s) {
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Sends one request; throws a transient {@link ProviderException} when no response arrived. */
    Response exchange(String method, String target, Object body, String token) {
        return exchange(method, target, body, token, HttpCaller.isWrite(method) ? 1 : 0);
    }

    /** Sends one request counting as {@code writes} writes against the app's pace (a {@code $batch} envelope). */
    Response exchange(String method, String target, Object body, String token, int writes) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(resolve(target))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        RestCalls.method(rb, method, body, json, "Graph");
        HttpAnswer a = http.send(rb.build(), "Graph API request " + describe(method, target), rateTarget(token),
                writes);
        return new Response(a, RestCalls.parseOrMissing(json, a.body()));
    }

    /** Sends one request and returns its body; a non-2xx status throws {@link #failure}. */
    JsonNode call(String method, String target, Object body, String token) {
        return call(method, target, body, token, HttpCaller.isWrite(method) ? 1 : 0);
    }

    /** As {@link #call(String, String, Object, String)}, counting as {@code writes} writes (a {@code $batch}). */
    JsonNode call(String method, String target, Object body, String token, int writes) {
        Response r = exchange(method, target, body, token, writes);
        if (!r.ok()) {
            throw failure(method, target, r, token);
        }
        return r.body();
    }

    /** Every {@code value} element of {@code target} and of the pages its {@code @odata.nextLink}s name. */
    List<JsonNode> getAllPages(String target, String token) {
        List<JsonNode> items = new ArrayList<>();
        String next = target;
        int pages = 0;
        while (next != null && !next.isBlank()) {
            if (++pages > 10_000) {
                throw new ProviderException("Graph paging did not end after 10000 pages: " + describe("GET", target));
            }
            JsonNode page = call("GET", next, null, token);
            JsonNode value = page.path("value");
            if (value.isArray()) {
                value.forEach(items::add);
            }
            JsonNode link = page.get("@odata.nextLink");
            next = link == null || link.isNull() ? null : link.asText();
        }
        return items;
    }

    /** The exception for a non-2xx response. */
    ProviderException failure(String method, String target, Response r, String token) {
        JsonNode error = r.body().path("error");
        String code = text(error.get("code"));
        String message = text(error.get("message"));
        String requestId = r.header("request-id");
        if (requestId == null) {
            requestId = text(error.path("innerError").get("request-id"));
        }
        String retryAfterHeader = r.header(RetryAfter.HEADER);
        FailureVerdict verdict = http.verdict(r.answer());
        StringBuilder sb = new StringBuilder("Graph API request failed: ").append(describe(method, target))
                .append(" | Status: ").append(r.status());
        if (code != null) {
            sb.append(" | Code: ").append(code);
        }
        if (message != null) {
            sb.append(" | Message: ").append(truncate(Redaction.scrub(message, token == null ? List.of() : List.of(token))));
        }
        if (requestId != null) {
            sb.append(" | RequestId: ").append(requestId);
        }
        if (retryAfterHeader != null) {
            sb.append(" | RetryAfter: ").append(retryAfterHeader.trim());
        }
        return new GraphException(sb.toString(), r.status(), code, message, verdict.transientFailure(),
                verdict.minimumDelay());
    }

    /** {@code GET /users/...} without the query string (which may be long and hold search terms), for messages. */
    String describe(String method, String target) {
        String path = target.startsWith(baseUrl) ? target.substring(baseUrl.length()) : target;
        int q = path.indexOf('?');
        return method + " " + (q >= 0 ? path.substring(0, q) : path);
    }

    private URI resolve(String target) {
        if (target.startsWith("https://") || target.startsWith("http://")) {
            URI uri = URI.create(target);
            if (!Origins.same(uri, origin)) {
                // A next link to another host would receive our token.
                throw new ProviderException("Graph returned a link to another origin (" + Origins.of(uri)
                        + "); refusing to follow it.");
            }
            return uri;
        }
        return URI.create(baseUrl + (target.startsWith("/") ? "" : "/") + target);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    /** A Graph error response: status and Graph's error code and message kept for callers that inspect them. */
    static final class GraphException extends ProviderException {
        private final int status;
        private final String code;
        private final String graphMessage;

        GraphException(String message, int status, String code, String graphMessage, boolean transientFailure,
                       Duration minimumDelay) {
            super(message, transientFailure, minimumDelay, null);
            this.status = status;
            this.code = code;
            this.graphMessage = graphMessage;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }

        String graphMessage() {
            return graphMessage;
        }
    }
}
