package dev.idle.provider.support.http;

import java.net.http.HttpRequest;
import java.util.UUID;

/** Small ready-made {@link HttpLink}s. */
public final class HttpLinks {
    private HttpLinks() {
    }

    /** Sets header {@code name} to {@code value} on every request (e.g. {@code User-Agent}). */
    public static HttpLink header(String name, String value) {
        return chain -> chain.proceed(copy(chain.request()).setHeader(name, value).build());
    }

    /**
     * Gives every request a fresh random UUID in header {@code name} (e.g. Microsoft's {@code client-request-id}),
     * so that a call can be found in the service's logs and in ours.
     */
    public static HttpLink freshRequestId(String name) {
        return chain -> chain.proceed(copy(chain.request()).setHeader(name, UUID.randomUUID().toString()).build());
    }

    private static HttpRequest.Builder copy(HttpRequest request) {
        return HttpRequest.newBuilder(request, (n, v) -> true);
    }
}
