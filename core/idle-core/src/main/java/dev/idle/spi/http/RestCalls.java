package dev.idle.spi.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The parts of a JSON REST call that do not depend on the API, for providers built on {@link HttpClient}: the JSON
 * request body, the send whose network failures are transient {@link ProviderException}s, the lenient body parse and
 * the {@code Retry-After} header. Each provider keeps what differs: its headers, its error body and which statuses
 * are transient.
 *
 * <p>{@code api} names the API in messages (e.g. {@code "Okta"}, {@code "Directory API"}); no message carries a
 * header, so no credential.
 */
public final class RestCalls {
    private RestCalls() {
    }

    /**
     * Sets {@code method} on {@code request} with {@code body} as JSON; without a body, POST and PUT send an empty
     * one (some servers refuse them without a length) and other methods none.
     */
    public static HttpRequest.Builder method(HttpRequest.Builder request, String method, Object body,
                                             ObjectMapper json, String api) {
        if (body != null) {
            try {
                return request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new ProviderException(api + " request body could not be serialised: " + e.getMessage());
            }
        }
        return request.method(method, method.equals("POST") || method.equals("PUT")
                ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
    }

    /**
     * Sends {@code request}; a timeout or network failure is a transient {@link ProviderException} (the engine may
     * retry), an interrupt a permanent one with the thread's interrupt flag restored.
     *
     * @param what the method and path, for the message
     */
    public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, String api, String what) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProviderException(api + " request " + what + " timed out", true, null, null);
        } catch (IOException e) {
            throw new ProviderException(api + " request " + what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(api + " request " + what + " was interrupted");
        }
    }

    /**
     * Sends an OAuth token request; a network failure is a transient {@link ProviderException} naming only the
     * exception type, since the request carries a client assertion or secret.
     *
     * @param what e.g. {@code "Okta token request"}, for the message
     */
    public static HttpResponse<byte[]> sendTokenRequest(HttpClient client, HttpRequest request, String what) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderException(what + " failed: " + e.getClass().getSimpleName(), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(what + " was interrupted");
        }
    }

    /** The body as JSON, or an empty object when it is not JSON, so token answers can be read with {@code path}. */
    public static JsonNode parseOrEmptyObject(ObjectMapper json, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** The body as JSON, or null when it is empty or not JSON (an error page from a proxy, say). */
    public static JsonNode parseOrNull(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The wait a {@code Retry-After} header asks for, in seconds or as an HTTP date (never negative); null without
     * the header or when it cannot be read.
     */
    public static Duration retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(clock.instant(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
