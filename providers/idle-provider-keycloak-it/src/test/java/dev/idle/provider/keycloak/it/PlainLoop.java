package dev.idle.provider.keycloak.it;

import dev.idle.provider.support.http.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The baseline of {@link BatchThroughputBench}: what a careful script does with the JDK's {@link HttpClient} alone —
 * one client (one connection pool, the providers' protocol choice) and one bearer token for every call,
 * {@code concurrency} threads taking the next identity, a {@code 429} (or a {@code 503} with {@code Retry-After})
 * answered by sleeping that thread for the {@code Retry-After} seconds and sending again. No pacing, no retries of other failures: an identity whose calls fail
 * counts as failed.
 *
 * <p>Thread-safe: one loop may {@link #run} once at a time; the per-identity work is given as {@link Work}.
 */
final class PlainLoop {
    /** The calls a script makes for one identity, through {@link PlainLoop#send}. */
    interface Work {
        void run(String identity) throws IOException, InterruptedException;
    }

    /** One run's outcome: completion instants of the identities that succeeded, failures, calls and 429s met. */
    record Outcome(Completions completions, int failed, int calls, int throttled) {
    }

    private final HttpClient http;
    private final String token;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    /**
     * A loop whose client is built with the JDK settings the providers use ({@link HttpClients#builder}): HTTP/2
     * through ALPN for {@code https}, HTTP/1.1 for plain {@code http} (no {@code h2c} upgrade), so both contenders
     * speak the same protocol to {@code server}.
     */
    PlainLoop(SSLContext ssl, URI server, String token) {
        this.http = HttpClients.builder(Duration.ofSeconds(10), ssl, server).build();
        this.token = token;
    }

    /**
     * Sends {@code method uri} with the token (an empty body for a POST), honouring {@code Retry-After}; returns the
     * final answer's body.
     *
     * @throws IOException for an answer other than 2xx after the throttling, or a transport failure
     */
    String send(String method, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        while (true) {
            calls.incrementAndGet();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            if (r.statusCode() == 429 || r.statusCode() == 503 && retryAfter != null) {
                throttled.incrementAndGet();
                Thread.sleep(Duration.ofSeconds(retryAfter == null ? 1 : Long.parseLong(retryAfter.trim())).toMillis());
                continue;
            }
            if (r.statusCode() / 100 != 2) {
                throw new IOException(method + " " + uri.getPath() + " -> HTTP " + r.statusCode());
            }
            return r.body();
        }
    }

    /** Runs {@code work} for every identity on {@code concurrency} threads; returns when all are done. */
    Outcome run(List<String> identities, int concurrency, Work work) throws InterruptedException {
        calls.set(0);
        throttled.set(0);
        Queue<Instant> finished = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = identities.stream().<Future<?>>map(id -> pool.submit(() -> {
                try {
                    work.run(id);
                    finished.add(Instant.now());
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.incrementAndGet();
                }
            })).toList();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(Completions.of(finished), failed.get(), calls.get(), throttled.get());
    }
}
