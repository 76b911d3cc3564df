package dev.idle.provider.support.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * The answer to one request, whatever its status: the layer never turns a status into an exception, the provider
 * does, because only it can read its service's error body.
 *
 * @param request the request as it was sent (after every link)
 * @param status  the HTTP status
 * @param headers the response headers
 * @param body    the response body, empty (never null) when there was none
 */
public record HttpAnswer(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
    public HttpAnswer {
        body = body == null ? new byte[0] : body;
    }

    /** True for a 2xx status. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The first value of response header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        return headers == null ? null : headers.firstValue(name).orElse(null);
    }

    /** The body decoded as UTF-8 ({@code ""} when empty). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
