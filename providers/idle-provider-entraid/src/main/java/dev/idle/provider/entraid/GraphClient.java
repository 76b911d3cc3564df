package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Graph HTTP layer: one request, its failure mapped to a {@link ProviderException}, and paging over
 * {@code @odata.nextLink}. It never retries and never swallows a failure: every request either returns its response
 * or throws.
 *
 * <p>Failure messages carry the method and path, the HTTP status, Graph's error code and message, the request id and
 * the {@code Retry-After} value; never a header of the request, its body, or the token.
 */
final class GraphClient {
    /** Statuses worth retrying besides 5xx: request timeout and throttling. */
    private static final Set<Integer> TRANSIENT_4XX = Set.of(408, 429);
    private static final int MAX_MESSAGE = 400;

    private final HttpClient http;
    private final String baseUrl;
    private final URI origin;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json;

    /** A response of any status; {@code body} is {@link MissingNode} when there was none or it was not JSON. */
    record Response(int status, HttpHeaders headers, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }
    }

    GraphClient(HttpClient http, String baseUrl, Duration timeout, Clock clock, ObjectMapper json) {
        this.http = http;
        this.baseUrl = trimSlash(baseUrl);
        URI base = URI.create(this.baseUrl);
        this.origin = URI.create(base.getScheme() + "://" + base.getRawAuthority());
        this.timeout = timeout;
        this.clock = clock;
        this.json = json;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code https://host[:port]}: the resource whose {@code /.default} scope the token is requested for. */
    String resourceRoot() {
        return origin.toString();
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
        URI uri = resolve(target);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        try {
            if (body != null) {
                rb.header("Content-Type", "application/json");
                rb.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                rb.method(method, "POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method)
                        ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new ProviderException("Graph request body could not be written for " + describe(method, target)
                    + ": " + e.getClass().getSimpleName(), false, null, null);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProviderException("Graph API request timed out: " + describe(method, target) + " (after "
                    + timeout.toSeconds() + "s)", true, null, e);
        } catch (IOException e) {
            throw new ProviderException("Graph API request failed: " + describe(method, target)
                    + " | no response: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + scrub(e.getMessage(), token)), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("Interrupted while waiting for Graph: " + describe(method, target));
        }
        return new Response(response.statusCode(), response.headers(), parse(response.body()));
    }

    /** Sends one request and returns its body; a non-2xx status throws {@link #failure}. */
    JsonNode call(String method, String target, Object body, String token) {
        Response r = exchange(method, target, body, token);
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
        String retryAfterHeader = r.header("Retry-After");
        boolean transientStatus = isTransientStatus(r.status());
        java.time.Duration minimumDelay = transientStatus ? RetryAfter.parse(retryAfterHeader, clock) : null;
        StringBuilder sb = new StringBuilder("Graph API request failed: ").append(describe(method, target))
                .append(" | Status: ").append(r.status());
        if (code != null) {
            sb.append(" | Code: ").append(code);
        }
        if (message != null) {
            sb.append(" | Message: ").append(truncate(scrub(message, token)));
        }
        if (requestId != null) {
            sb.append(" | RequestId: ").append(requestId);
        }
        if (retryAfterHeader != null) {
            sb.append(" | RetryAfter: ").append(retryAfterHeader.trim());
        }
        return new GraphException(sb.toString(), r.status(), code, message, transientStatus, minimumDelay);
    }

    static boolean isTransientStatus(int status) {
        return TRANSIENT_4XX.contains(status) || (status >= 500 && status != 501 && status != 505);
    }

    /** {@code GET /users/...} without the query string (which may be long), for messages. */
    String describe(String method, String target) {
        String path = target.startsWith(baseUrl) ? target.substring(baseUrl.length()) : target;
        int q = path.indexOf('?');
        return method + " " + (q >= 0 ? path.substring(0, q) : path);
    }

    private URI resolve(String target) {
        if (target.startsWith("https://") || target.startsWith("http://")) {
            URI uri = URI.create(target);
            URI o = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
            if (!o.toString().toLowerCase(Locale.ROOT).equals(origin.toString().toLowerCase(Locale.ROOT))) {
                // A next link to another host would receive our token.
                throw new ProviderException("Graph returned a link to another origin (" + o + "); refusing to follow it.");
            }
            return uri;
        }
        return URI.create(baseUrl + (target.startsWith("/") ? "" : "/") + target);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    /** Removes the token, and anything shaped like a bearer header, from text that came back from a server. */
    static String scrub(String text, String token) {
        String s = text;
        if (token != null && !token.isEmpty()) {
            s = s.replace(token, "[REDACTED]");
        }
        return s.replaceAll("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+", "Bearer [REDACTED]");
    }

    /** A Graph error response: status and Graph's error code and message kept for callers that inspect them. */
    static final class GraphException extends ProviderException {
        private final int status;
        private final String code;
        private final String graphMessage;

        GraphException(String message, int status, String code, String graphMessage, boolean transientFailure,
                       java.time.Duration minimumDelay) {
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
