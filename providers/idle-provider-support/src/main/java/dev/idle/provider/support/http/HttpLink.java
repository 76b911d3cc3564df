package dev.idle.provider.support.http;

import java.net.http.HttpRequest;

/**
 * One link of the call chain, as OkHttp's {@code Interceptor}: it sees the request on its way out and the answer on
 * its way back, and may change either, or stop the call by throwing. The chain {@link HttpCaller} builds is: the
 * provider's own links in the order added, then the {@link CallGate} (rate-limit hook), then the call log, then the
 * JDK {@code HttpClient}.
 *
 * <p>How it fails: a link that cannot go on throws a {@link dev.idle.spi.ProviderException} (transient when a later
 * attempt may succeed); a transport failure reaches it as such an exception from {@link Chain#proceed}. A link never
 * retries: step calls are retried only by the engine, so that every attempt shows in the run's events.
 *
 * <p>Links are shared by every thread that calls through the same {@link HttpCaller} and must be thread-safe.
 *
 * <pre>{@code
 * HttpLink userAgent = chain -> chain.proceed(
 *         HttpRequest.newBuilder(chain.request(), (n, v) -> true).header("User-Agent", "idle").build());
 * }</pre>
 */
@FunctionalInterface
public interface HttpLink {
    HttpAnswer intercept(Chain chain);

    /** The rest of the chain, seen from one link. */
    interface Chain {
        /** The request as the previous links left it. */
        HttpRequest request();

        /** The rate-limit key of this call (see {@link CallGate}). */
        String target();

        /** How messages name this call, e.g. {@code Okta request GET /api/v1/users/00u1}. */
        String subject();

        /** Passes {@code request} to the next link and returns its answer. */
        HttpAnswer proceed(HttpRequest request);
    }
}
