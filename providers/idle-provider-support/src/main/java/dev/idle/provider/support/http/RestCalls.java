package dev.idle.provider.support.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON side of a REST call that does not depend on the API: the request body, the lenient body parse and form
 * bodies for token requests. Sending, failure classification and {@code Retry-After} belong to {@link HttpCaller}.
 *
 * <p>{@code api} names the API in messages (e.g. {@code "Okta"}, {@code "Directory API"}).
 */
public final class RestCalls {
    private RestCalls() {
    }

    /**
     * Sets {@code method} on {@code request} with {@code body} as JSON; without a body, POST, PUT and PATCH send an
     * empty one (some servers refuse them without a length) and other methods none.
     *
     * @throws ProviderException (permanent) when {@code body} cannot be written as JSON
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
        return request.method(method, method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
    }

    /** The body as JSON, or an empty object when it is not JSON, so token answers can be read with {@code path}. */
    public static JsonNode parseOrEmptyObject(ObjectMapper json, byte[] body) {
        JsonNode node = parseOrNull(json, body);
        return node == null ? json.createObjectNode() : node;
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

    /** The body as JSON, or {@link MissingNode} when it is empty or not JSON, so it can be read with {@code path}. */
    public static JsonNode parseOrMissing(ObjectMapper json, byte[] body) {
        JsonNode node = parseOrNull(json, body);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** An {@code application/x-www-form-urlencoded} body of the non-null {@code fields}, in their order. */
    public static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        String body = fields.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /** Percent-encodes a form field ({@code +} for a space, as forms do). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
