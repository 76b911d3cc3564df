package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The HTTP layer shared by the admin calls and the token endpoint: JSON in and out, and one place that turns a
 * failed exchange into a {@link ProviderException}.
 *
 * <p>Transient (the engine re-runs the step): HTTP 429, 502, 503, 504, timeouts and connection failures; a
 * {@code Retry-After} header becomes the exception's minimum delay. Everything else fails with Keycloak's own error
 * text ({@code errorMessage}, {@code error}/{@code error_description}). Messages never carry a token or a secret:
 * they are built from the method, the path, the status and Keycloak's error fields only, and anything in
 * {@link #scrub} is masked in addition.
 */
final class KeycloakHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpClient client;
    private final Duration requestTimeout;

    KeycloakHttp(HttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** The answer to one request: status, parsed body (missing node when empty or not JSON), headers. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * Sends a request and returns the reply whatever its status, except for transport failures, which throw.
     *
     * @param what names the call in messages, e.g. {@code GET users/{id}/sessions in realm 'acme'}
     */
    Reply send(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, String what,
               Collection<String> scrub) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("Accept", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ProviderException("Keycloak " + what + " timed out after " + requestTimeout.toSeconds() + " s.",
                    true, null, null);
        } catch (SSLException e) {
            throw new ProviderException("Keycloak " + what + " failed: TLS error (" + scrub(e.getMessage(), scrub)
                    + "). For a server with a private CA, set the provider option 'trustStore'.", false, null, null);
        } catch (ConnectException e) {
            throw new ProviderException("Keycloak " + what + " failed: cannot connect to " + uri.getScheme() + "://"
                    + uri.getAuthority() + ".", true, null, null);
        } catch (IOException e) {
            throw new ProviderException("Keycloak " + what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + scrub(e.getMessage(), scrub) + ")") + ".", true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("Keycloak " + what + " was interrupted.");
        }
        return new Reply(response.statusCode(), parse(response.body()), response);
    }

    /** The exception for a reply that is not a success. */
    static ProviderException failure(Reply reply, String what, Collection<String> scrub) {
        int status = reply.status();
        boolean transientStatus = status == 429 || status == 502 || status == 503 || status == 504;
        Duration retryAfter = retryAfter(reply.header("Retry-After"));
        StringBuilder msg = new StringBuilder("Keycloak ").append(what).append(" failed: HTTP ").append(status);
        String text = errorText(reply);
        if (text != null) {
            msg.append(": ").append(scrub(text, scrub));
        }
        if (retryAfter != null) {
            msg.append(" (Retry-After ").append(retryAfter.toSeconds()).append(" s)");
        }
        return new ProviderException(msg.toString(), transientStatus, transientStatus ? retryAfter : null, null);
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
        String raw = reply.raw().body();
        if (raw != null && !raw.isBlank() && !raw.trim().startsWith("<")) {
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

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                out = out.replace(s, "[REDACTED]");
            }
        }
        return out.replaceAll("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+", "$1[REDACTED]");
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static HttpRequest.BodyPublisher json(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        String body = fields.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /** Percent-encodes one path segment or query value. */
    static String enc(String s) {
        return URLEncoder.encode(Objects.requireNonNull(s), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
