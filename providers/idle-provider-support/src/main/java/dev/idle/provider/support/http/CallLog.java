package dev.idle.provider.support.http;

import dev.idle.spi.ProviderException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The one place a call is logged: at SLF4J debug level, one line per request with the API, method, path (query values
 * replaced, see {@link Redaction#pathAndQueryNames}), status or failure, latency and the service's request id. Bodies,
 * headers other than the request id, and tokens are never logged. The line's format is for people and is not a
 * stable contract.
 *
 * <pre>{@code Graph API GET /v1.0/users?$filter=*** -> 200 in 41 ms [request-id 5f0c...]}</pre>
 *
 * <p>Thread-safe (stateless but for the logger).
 */
final class CallLog implements HttpLink {
    /** Headers that carry a service's request id, in the order they are looked for (response first, then request). */
    static final List<String> REQUEST_ID_HEADERS = List.of("request-id", "x-ms-request-id", "client-request-id",
            "X-Okta-Request-Id", "x-request-id");

    private final Logger log;
    private final String api;

    CallLog(Logger log, String api) {
        this.log = log;
        this.api = api;
    }

    @Override
    public HttpAnswer intercept(Chain chain) {
        if (!log.isDebugEnabled()) {
            return chain.proceed(chain.request());
        }
        HttpRequest request = chain.request();
        long start = System.nanoTime();
        try {
            HttpAnswer answer = chain.proceed(request);
            String id = requestId(answer);
            log.debug("{} {} {} -> {} in {} ms{}", api, request.method(), Redaction.pathAndQueryNames(request.uri()),
                    answer.status(), millisSince(start), id == null ? "" : " [" + id + "]");
            return answer;
        } catch (ProviderException e) {
            String id = requestId(request);
            log.debug("{} {} {} -> no answer ({}) in {} ms{}", api, request.method(),
                    Redaction.pathAndQueryNames(request.uri()), e.isTransient() ? "transient" : "permanent",
                    millisSince(start), id == null ? "" : " [" + id + "]");
            throw e;
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String requestId(HttpAnswer answer) {
        for (String name : REQUEST_ID_HEADERS) {
            String v = answer.header(name);
            if (v != null) {
                return name + " " + v;
            }
        }
        return requestId(answer.request());
    }

    private static String requestId(HttpRequest request) {
        for (String name : REQUEST_ID_HEADERS) {
            String v = request.headers().firstValue(name).orElse(null);
            if (v != null) {
                return name + " " + v;
            }
        }
        return null;
    }
}
