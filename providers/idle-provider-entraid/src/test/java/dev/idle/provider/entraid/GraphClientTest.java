package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.idle.spi.ProviderException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer against a canned local server (plain HTTP is fine below the factory's https rule). */
class GraphClientTest {
    private HttpServer server;
    private GraphClient client;
    private final List<String> authHeaders = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1.0/forbidden", ex -> reply(ex, 403, null,
                "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}"));
        server.createContext("/v1.0/throttled", ex -> reply(ex, 429, "7",
                "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down\"}}"));
        server.createContext("/v1.0/echo-token", ex -> reply(ex, 401, null,
                "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"bad token "
                        + ex.getRequestHeaders().getFirst("Authorization").substring(7) + "\"}}"));
        server.createContext("/v1.0/paged", ex -> {
            String q = ex.getRequestURI().getQuery();
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0/paged";
            reply(ex, 200, null, q != null && q.contains("page=2") ? "{\"value\":[{\"id\":\"c\"}]}"
                    : "{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"@odata.nextLink\":\"" + base + "?page=2\"}");
        });
        server.start();
        client = new GraphClient(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1.0/", Duration.ofSeconds(5), Clock.systemUTC(), new ObjectMapper());
    }

    private void reply(com.sun.net.httpserver.HttpExchange ex, int status, String retryAfter, String body)
            throws java.io.IOException {
        authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("request-id", "req-123");
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a403IsPermanentAndCarriesGraphsCodeMessageAndRequestId() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> client.call("GET", "/forbidden", null, "tok"));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("Status: 403", "Code: Authorization_RequestDenied",
                "Insufficient privileges", "RequestId: req-123", "GET /forbidden");
    }

    @Test
    void a429IsTransientWithRetryAfterAsMinimumDelay() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> client.call("POST", "/throttled", null, "tok"));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("Status: 429", "RetryAfter: 7");
    }

    @Test
    void aTokenEchoedByTheServerIsScrubbedFromTheMessage() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> client.call("GET", "/echo-token", null, "eyJsecret.token.value"));

        assertThat(e.getMessage()).doesNotContain("eyJsecret.token.value").contains("[REDACTED]");
    }

    @Test
    void pagingFollowsNextLinkAndSendsTheTokenEveryTime() {
        assertThat(client.getAllPages("/paged", "tok")).extracting(n -> n.path("id").asText())
                .containsExactly("a", "b", "c");
        assertThat(authHeaders).containsOnly("Bearer tok").hasSize(2);
    }

    @Test
    void noResponseIsTransient() {
        server.stop(0);
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> client.call("GET", "/paged", null, "tok"));

        assertThat(e.isTransient()).isTrue();
    }
}
