package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.provider.support.http.FailureClassifier;
import dev.idle.provider.support.http.FailureVerdict;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.http.Redaction;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What is Keycloak's own on top of the toolkit's {@link HttpCaller}, shared by the admin calls and the token
 * endpoint: JSON in and out, and how Keycloak's error body ({@code errorMessage}, {@code error}/{@code
 * error_description}, or a short plain text) becomes a {@link ProviderException}.
 *
 * <p>Transient (the engine re-runs the step): the toolkit's gateway-only classification, HTTP 429, 502, 503, 504,
 * timeouts and connection failures (a Keycloak 500 is a failed admin operation a retry would repeat); a
 * {@code Retry-After} header becomes the exception's minimum delay. Messages never carry a token or a secret: they are
 * built from the method, the path, the status and Keycloak's error fields only, and anything in {@code scrub} is
 * masked in addition.
 */
final class KeycloakHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpCaller http;
    private final Duration requestTimeout;

    KeycloakHttp(HttpClient client, Duration requestTimeout, String rateTarget, RateLimit rateLimit) {
        this.http = HttpCaller.builder(client, "Keycloak").classifier(FailureClassifier.GATEWAY_ONLY)
                .target(rateTarget).rateLimit(rateLimit)
                .tlsAdvice("For a server with a private CA, set the provider option 'trustStore'.").build();
        this.requestTimeout = requestTimeout;
    }

    /** The answer to one request: status, parsed body (missing node when empty or not JSON), the raw answer. */
    record Reply(int status, JsonNode body, HttpAnswer answer) {
        boolean ok() {
            return answer.ok();
        }

        String header(String name) {
            return answer.header(name);
        }
    }

    /**
     * Sends a request and returns the reply whatever its status, except for transport failures, which throw.
     *
     * @param what names the call in messages, e.g. {@code GET users/{id}/sessions in realm 'acme'}
     */
    Reply send(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("Accept", "application/json");
        headers.forEach(b::header);
        HttpAnswer answer = http.send(b.build(), "Keycloak " + what);
        return new Reply(answer.status(), RestCalls.parseOrMissing(JSON, answer.body()), answer);
    }

    /** The exception for a reply that is not a success. */
    ProviderException failure(Reply reply, String what, Collection<String> scrub) {
        FailureVerdict verdict = http.verdict(reply.answer());
        Duration retryAfter = http.retryAfter(reply.answer());
        StringBuilder msg = new StringBuilder("Keycloak ").append(what).append(" failed: HTTP ").append(reply.status());
        String text = errorText(reply);
        if (text != null) {
            msg.append(": ").append(Redaction.scrub(text, scrub));
        }
        if (retryAfter != null) {
            msg.append(" (Retry-After ").append(retryAfter.toSeconds()).append(" s)");
        }
        return verdict.toException(msg.toString());
    }

    /** Keycloak's error fields, or a short plain-text body; null when there is nothing readable. */
    static String errorText(Reply reply) {
        JsonNode b = reply.body();
        if (b.isObject()) {
            String message = text(b, "errorMessage");
            String error = text(b, "error");
            String description = text(b, "error_description");
            String joined = List.of(message == null ? "" : message, error == null ? "" : error,
                            description == null ? "" : description).stream().filter(s -> !s.isBlank()).distinct()
                    .collect(Collectors.joining(" - "));
            if (!joined.isBlank()) {
                return cut(joined);
            }
        }
        String raw = reply.answer().text();
        if (!raw.isBlank() && !raw.trim().startsWith("<")) {
            return cut(raw.strip().replaceAll("\\s+", " "));
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String cut(String s) {
        return s.length() <= MAX_ERROR_TEXT ? s : s.substring(0, MAX_ERROR_TEXT) + "…";
    }

    static HttpRequest.BodyPublisher json(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    /** Percent-encodes one path segment or query value. */
    static String enc(String s) {
        return URLEncoder.encode(Objects.requireNonNull(s), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
