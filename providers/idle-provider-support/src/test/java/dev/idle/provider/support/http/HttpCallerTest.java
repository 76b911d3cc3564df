package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.RateLimits;
import dev.idle.spi.ProviderException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call layer against a scripted local server. */
class HttpCallerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> reply(ex, 200, Map.of("request-id", "req-42"), "{\"a\":1}"));
        server.createContext("/throttled", ex -> reply(ex, 429, Map.of("Retry-After", "7"), ""));
        server.createContext("/dated", ex -> reply(ex, 503, Map.of("Retry-After", "Thu, 01 Jan 2026 00:00:09 GMT"), ""));
        server.createContext("/missing", ex -> reply(ex, 404, Map.of("Retry-After", "7"), "{}"));
        server.createContext("/slow", ex -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, Map.of(), "");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void reply(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        received.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " ua=" + ex.getRequestHeaders()
                .getFirst("User-Agent") + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private HttpCaller.Builder caller() {
        return HttpCaller.builder(client, "Test API").clock(CLOCK);
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    }

    @Test
    void anyStatusIsAnAnswerNotAnException() {
        HttpCaller http = caller().build();

        HttpAnswer ok = http.send(get(uri("/ok")));
        HttpAnswer missing = http.send(get(uri("/missing")));

        assertThat(ok.ok()).isTrue();
        assertThat(ok.text()).isEqualTo("{\"a\":1}");
        assertThat(ok.header("REQUEST-ID")).isEqualTo("req-42");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.ok()).isFalse();
    }

    @Test
    void a429IsTransientWithItsRetryAfterSecondsAsMinimumDelay() {
        HttpCaller http = caller().build();
        FailureVerdict v = http.verdict(http.send(get(uri("/throttled"))));

        assertThat(v.transientFailure()).isTrue();
        assertThat(v.minimumDelay()).isEqualTo(Duration.ofSeconds(7));
        ProviderException e = v.toException("throttled");
        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterInHttpDateFormIsHonouredFromTheCallersClock() {
        HttpCaller http = caller().build();
        FailureVerdict v = http.verdict(http.send(get(uri("/dated"))));

        assertThat(v.transientFailure()).isTrue();
        assertThat(v.minimumDelay()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aPermanentFailureCarriesNoMinimumDelayEvenWithRetryAfter() {
        HttpCaller http = caller().build();
        HttpAnswer a = http.send(get(uri("/missing")));

        assertThat(http.verdict(a)).isEqualTo(new FailureVerdict(false, null));
        assertThat(http.retryAfter(a)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aRefusedConnectionIsTransientAndNamesTheCall() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpCaller http = caller().build();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> http.send(
                get(URI.create("http://127.0.0.1:" + closedPort + "/users?secret=abc"))));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).startsWith("Test API request GET /users failed").doesNotContain("secret=abc");
    }

    @Test
    void aTimeoutIsTransient() {
        HttpCaller http = caller().build();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> http.send(
                HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(200)).GET().build(), "Slow call"));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Slow call timed out after 200 ms.");
    }

    @Test
    void aProvidersNoAnswerWordingWordsTheMessageWhileTheClassifierDecidesTransience() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        HttpCaller http = caller().classifier(FailureClassifier.UNREACHABLE_ONLY)
                .noAnswerWording((subject, request, failure, detail) -> {
                    failures.add(failure.getClass().getSimpleName());
                    return "Cannot reach the service at " + request.uri() + " (" + subject + ").";
                }).build();
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/wsman");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> http.send(get(uri), "WinRM Create"));

        assertThat(e.getMessage()).isEqualTo("Cannot reach the service at " + uri + " (WinRM Create).");
        assertThat(e.isTransient()).isTrue();
        assertThat(failures).containsExactly("ConnectException");
    }

    @Test
    void theNoAnswerWordingAlsoWordsAnInterruptAtTheGate() {
        HttpCaller http = caller().gate(t -> {
            throw new InterruptedException();
        }).noAnswerWording((subject, request, failure, detail) -> failure instanceof InterruptedException
                ? "Interrupted while talking to " + request.uri().getPath() + "." : "other").build();
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> http.send(get(uri("/ok"))));

            assertThat(e.getMessage()).isEqualTo("Interrupted while talking to /ok.");
            assertThat(e.isTransient()).isFalse();
        } finally {
            Thread.interrupted();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aDroppedConnectionIsPermanentUnderUnreachableOnly() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dropper = new Thread(() -> {
                try {
                    while (true) {
                        s.accept().close();
                    }
                } catch (IOException ended) {
                    // the server socket was closed at the end of the test
                }
            });
            dropper.start();
            HttpCaller http = caller().classifier(FailureClassifier.UNREACHABLE_ONLY).build();

            ProviderException e = catchThrowableOfType(ProviderException.class, () -> http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/wsman"))
                            .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("<x/>"))
                            .build(), "Dropped call"));

            assertThat(e.getMessage()).startsWith("Dropped call failed: ");
            assertThat(e.isTransient()).isFalse();
        }
    }

    @Test
    void theLayerNeverRetriesAFailedCall() {
        HttpCaller http = caller().build();
        http.send(get(uri("/throttled")));

        assertThat(received).hasSize(1);
    }

    @Test
    void theCallGateIsEnteredOncePerCallKeyedByTheRequestsOrigin() {
        List<String> entered = Collections.synchronizedList(new ArrayList<>());
        HttpCaller http = caller().gate(entered::add).build();

        http.send(get(uri("/ok")));
        http.send(get(uri("/throttled")));
        http.send(get(uri("/missing?x=1")));

        assertThat(entered).hasSize(3).containsOnly("http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(received).hasSize(3);
    }

    @Test
    void aRateLimitedCallerCountsWritesReadsAndThrottledAnswersUnderItsTarget() {
        String target = "test-api " + java.util.UUID.randomUUID();
        HttpCaller http = caller().target(target).rateLimit(RateLimit.writesPerSecond(1000)).build();

        http.send(HttpRequest.newBuilder(uri("/ok")).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        http.send(get(uri("/ok")));
        http.send(get(uri("/throttled"))); // 429, Retry-After: 7 pauses the target; nothing is sent after it

        RateLimits.TargetStats stats = RateLimits.snapshot().stream().filter(s -> s.target().equals(target))
                .findFirst().orElseThrow();
        assertThat(stats.writes()).isEqualTo(1);
        assertThat(stats.reads()).isEqualTo(2);
        assertThat(stats.throttled()).isEqualTo(1);
        assertThat(stats.pauses()).isEqualTo(1);
    }

    @Test
    void theCallGateIsKeyedByTheTargetTheProviderSets() {
        Map<String, Integer> entered = new ConcurrentHashMap<>();
        HttpCaller http = caller().target("okta:acme").gate(t -> entered.merge(t, 1, Integer::sum)).build();

        http.send(get(uri("/ok")));
        http.send(get(uri("/ok")));

        assertThat(entered).containsExactly(Map.entry("okta:acme", 2));
    }

    @Test
    void aGateThatRefusesStopsTheCallBeforeItIsSent() {
        HttpCaller http = caller().gate(t -> {
            throw ProviderException.transientFailure("limit reached for " + t);
        }).build();

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> http.send(get(uri("/ok"))));

        assertThat(e.isTransient()).isTrue();
        assertThat(received).isEmpty();
    }

    @Test
    void anInterruptWhileWaitingAtTheGateIsPermanentAndKeepsTheFlag() {
        HttpCaller http = caller().gate(t -> {
            throw new InterruptedException();
        }).build();
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> http.send(get(uri("/ok")), "Gated call"));

            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Gated call was interrupted.");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void linksRunInTheOrderAddedAndBeforeTheGate() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        HttpCaller http = caller()
                .link(chain -> {
                    order.add("first");
                    return chain.proceed(chain.request());
                })
                .link(HttpLinks.header("User-Agent", "idle-test"))
                .link(chain -> {
                    order.add("third saw " + chain.request().headers().firstValue("User-Agent").orElse("none"));
                    return chain.proceed(chain.request());
                })
                .gate(t -> order.add("gate"))
                .build();

        http.send(get(uri("/ok")));

        assertThat(order).containsExactly("first", "third saw idle-test", "gate");
        assertThat(received).singleElement().asString().contains("ua=idle-test");
    }

    @Test
    void eachCallIsLoggedAtDebugWithMethodPathStatusLatencyAndRequestId() {
        RecordingLogger log = new RecordingLogger(true);
        HttpCaller http = caller().logger(log).build();

        http.send(get(uri("/ok")));

        assertThat(log.lines).singleElement().asString()
                .matches("DEBUG Test API GET /ok -> 200 in \\d+ ms \\[request-id req-42]");
    }

    @Test
    void querySecretsTokensAndBodiesAreNeverLogged() {
        RecordingLogger log = new RecordingLogger(true);
        HttpCaller http = caller().logger(log).build();

        http.send(HttpRequest.newBuilder(uri("/ok?$filter=mail%20eq%20'jane@example.com'&sig=s3cr3tSig&flag"))
                .header("Authorization", "Bearer eyJtoken.value.here")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"hunter2\"}")).build());

        assertThat(log.lines).singleElement().asString()
                .contains("POST /ok?$filter=***&sig=***&flag=*** -> 200")
                .doesNotContain("jane", "s3cr3tSig", "eyJtoken", "Bearer", "hunter2", "{\"a\":1}");
    }

    @Test
    void aCallWithoutAnswerIsLoggedToo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RecordingLogger log = new RecordingLogger(true);
        HttpCaller http = caller().logger(log).build();

        catchThrowableOfType(ProviderException.class, () -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + closedPort + "/x?token=abc")).header("client-request-id", "c-1")
                .GET().build()));

        assertThat(log.lines).singleElement().asString()
                .matches("DEBUG Test API GET /x\\?token=\\*\\*\\* -> no answer \\(transient\\) in \\d+ ms "
                        + "\\[client-request-id c-1]");
    }

    @Test
    void aFreshRequestIdLinkGivesEveryRequestItsOwnIdAndTheLogShowsIt() {
        RecordingLogger log = new RecordingLogger(true);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        HttpCaller http = caller().logger(log).link(HttpLinks.freshRequestId("client-request-id")).link(chain -> {
            ids.add(chain.request().headers().firstValue("client-request-id").orElseThrow());
            return chain.proceed(chain.request());
        }).build();

        http.send(get(uri("/missing")));
        http.send(get(uri("/missing")));

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(log.lines.get(0)).endsWith("[client-request-id " + ids.get(0) + "]");
    }

    @Test
    void nothingIsLoggedWhenDebugIsOff() {
        RecordingLogger log = new RecordingLogger(false);
        caller().logger(log).build().send(get(uri("/ok")));

        assertThat(log.lines).isEmpty();
    }
}
