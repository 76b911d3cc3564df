package dev.idle.provider.keycloak.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pass-through proxy in front of the real Keycloak that can fail the next admin API request the way an overloaded
 * server (HTTP 503 with {@code Retry-After}) or a rejecting one (HTTP 400 with Keycloak's error shape) does. Used
 * by the contract suite's error-marking tests; everything else reaches Keycloak unchanged.
 */
final class FaultProxy implements AutoCloseable {
    record Fault(int status, String body, String retryAfter) {
    }

    static final Fault UNAVAILABLE = new Fault(503, "", "2");
    static final Fault REJECTED = new Fault(400, "{\"errorMessage\":\"injected rejection\"}", null);

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Fault> next = new AtomicReference<>();

    FaultProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request under {@code /admin/} is answered with {@code fault}. */
    void failNextAdminRequest(Fault fault) {
        next.set(fault);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Fault fault = path.startsWith("/admin/") ? next.getAndSet(null) : null;
            if (fault != null) {
                byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
                if (fault.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(fault.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    ex.getResponseBody().write(body);
                }
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(60))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            for (String h : List.of("Authorization", "Content-Type", "Accept")) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String h : List.of("Content-Type", "Location", "Retry-After")) {
                r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().add(h, v));
            }
            byte[] body = r.body();
            ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
