package dev.idle.provider.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idle.api.data.DataMap;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderFactory;
import dev.idle.spi.SessionCounter;
import dev.idle.spi.SessionRevoker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.idle.testkit.TestEnvironment;

/**
 * HTTP behaviour that a healthy Keycloak rarely shows (throttling, outages, timeouts, expired tokens), against a
 * scripted stand-in server. Everything else is tested against a real Keycloak in idle-provider-keycloak-it.
 */
class KeycloakHttpBehaviourTest {
    private static final String SECRET = "s3cret-value-for-tests";
    /** A key in the form of a Keycloak user id. */
    private static final String ID_SHAPED_KEY = "5f0c2a8e-1b3d-4c5e-9f60-7a8b9c0d1e2f";
    private static final String USER = "{\"id\":\"u1\",\"username\":\"jdoe\",\"enabled\":true}";

    private HttpServer server;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Deque<Reply> adminReplies = new ArrayDeque<>();
    private final List<String> adminRequests = new ArrayList<>();
    private final List<String> authHeaders = new ArrayList<>();

    record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realms/acme/protocol/openid-connect/token", ex -> {
            int n = tokenCalls.incrementAndGet();
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("client_secret=" + SECRET)) {
                respond(ex, Reply.of(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"));
                return;
            }
            respond(ex, Reply.of(200, "{\"access_token\":\"token-" + n + "\",\"expires_in\":300}"));
        });
        server.createContext("/admin/realms/acme/", ex -> {
            synchronized (adminRequests) {
                adminRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
                authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
            }
            Reply r = adminReplies.isEmpty() ? Reply.of(500, "{\"error\":\"script exhausted\"}") : adminReplies.poll();
            respond(ex, r);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange ex, Reply r) throws IOException {
        try {
            if (r.delayMillis() > 0) {
                Thread.sleep(r.delayMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private KeycloakProvider provider(String secret, Map<String, Object> extra) {
        DataMap options = DataMap.of("baseUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "realm", "acme", "auth", DataMap.of("type", "ClientSecret", "clientId", "idle-engine", "env", "KC_SECRET"));
        options.putAll(extra);
        Map<String, Object> shared = new HashMap<>();
        return (KeycloakProvider) new KeycloakProviderFactory(name -> name.equals("KC_SECRET") ? secret : null)
                .create("Identity", options, new TestEnvironment(Path.of("."), shared));
    }

    @Test
    void throttlingIsTransientAndCarriesRetryAfter() {
        adminReplies.add(new Reply(429, "{\"error\":\"too many requests\"}", Map.of("Retry-After", "7"), 0));
        IdentityReader p = provider(SECRET, Map.of());

        assertThatThrownBy(() -> p.getIdentity("jdoe", null)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("HTTP 429").contains("Retry-After 7 s").doesNotContain("token-1");
        });
    }

    @Test
    void unavailableAndGatewayTimeoutAreTransientOtherErrorsAreNot() {
        IdentityReader p = provider(SECRET, Map.of());
        for (int status : List.of(502, 503, 504)) {
            adminReplies.add(Reply.of(status, ""));
            assertThatThrownBy(() -> p.getIdentity("jdoe", null))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue());
        }
        adminReplies.add(Reply.of(403, "{\"error\":\"HTTP 403 Forbidden\"}"));
        assertThatThrownBy(() -> p.getIdentity("jdoe", null)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Keycloak GET users?username=jdoe in realm 'acme' failed: HTTP 403:"
                    + " HTTP 403 Forbidden");
        });
    }

    @Test
    void aTimeoutIsTransient() {
        adminReplies.add(new Reply(200, "[]", Map.of(), 2500));
        IdentityReader p = provider(SECRET, Map.of("timeoutSeconds", 1));
        assertThatThrownBy(() -> p.getIdentity("jdoe", null)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
        });
    }

    @Test
    void theTokenIsCachedAndRenewedOnceWhenKeycloakRejectsIt() {
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(401, "{\"error\":\"HTTP 401 Unauthorized\"}"));
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        IdentityReader p = provider(SECRET, Map.of());

        p.getIdentity("jdoe", null);
        p.getIdentity("jdoe", null);
        assertThat(tokenCalls.get()).isEqualTo(1);
        p.getIdentity("jdoe", null);
        assertThat(tokenCalls.get()).isEqualTo(2);
        assertThat(authHeaders).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void aWrongSecretFailsWithoutShowingIt() {
        IdentityReader p = provider("wrong-" + SECRET, Map.of());
        assertThatThrownBy(() -> p.getIdentity("jdoe", null)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains("token request for client 'idle-engine' in realm 'acme' failed: HTTP 401")
                    .contains("unauthorized_client").doesNotContain(SECRET);
        });
    }

    @Test
    void aMissingSecretVariableIsReportedByName() {
        IdentityReader p = provider(null, Map.of());
        assertThatThrownBy(() -> p.getIdentity("jdoe", null))
                .hasMessage("Keycloak provider 'Identity': environment variable KC_SECRET (client secret) is not set.");
        assertThat(tokenCalls.get()).isZero();
    }

    @Test
    void revokeSessionsReportsAChangeOnlyWhenSessionsExisted() {
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(200, "[{\"id\":\"s1\"},{\"id\":\"s2\"}]"));
        adminReplies.add(Reply.of(204, ""));
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(200, "[]"));
        adminReplies.add(Reply.of(204, ""));
        SessionRevoker p = provider(SECRET, Map.of());

        assertThat(p.revokeSessions("jdoe", null).changed()).isTrue();
        assertThat(p.revokeSessions("jdoe", null).changed()).isFalse();
        assertThat(adminRequests).containsExactly(
                "GET /admin/realms/acme/users?exact=true&briefRepresentation=false&username=jdoe",
                "GET /admin/realms/acme/users/u1/sessions",
                "POST /admin/realms/acme/users/u1/logout",
                "GET /admin/realms/acme/users?exact=true&briefRepresentation=false&username=jdoe",
                "GET /admin/realms/acme/users/u1/sessions",
                "POST /admin/realms/acme/users/u1/logout");
    }

    @Test
    void revokingByUserIdListsTheSessionsAndLogsOutWithoutReadingTheUserFirst() {
        String id = ID_SHAPED_KEY;
        adminReplies.add(Reply.of(200, "[{\"id\":\"s1\"}]"));
        adminReplies.add(Reply.of(204, ""));
        SessionRevoker p = provider(SECRET, Map.of());

        assertThat(p.revokeSessions(id, null).changed()).isTrue();
        assertThat(adminRequests).containsExactly(
                "GET /admin/realms/acme/users/" + id + "/sessions",
                "POST /admin/realms/acme/users/" + id + "/logout");
    }

    @Test
    void aKeyShapedLikeAnIdThatIsNoUserIdIsLookedUpAsAUsernameAsBefore() {
        String key = ID_SHAPED_KEY;
        String user = "{\"id\":\"u1\",\"username\":\"" + key + "\",\"enabled\":true}";
        adminReplies.add(Reply.of(404, "{\"error\":\"User not found\"}"));
        adminReplies.add(Reply.of(404, "{\"error\":\"User not found\"}"));
        adminReplies.add(Reply.of(200, "[" + user + "]"));
        adminReplies.add(Reply.of(200, "[]"));
        adminReplies.add(Reply.of(204, ""));
        SessionRevoker p = provider(SECRET, Map.of());

        assertThat(p.revokeSessions(key, null).changed()).isFalse();
        assertThat(adminRequests).containsExactly(
                "GET /admin/realms/acme/users/" + key + "/sessions",
                "GET /admin/realms/acme/users/" + key,
                "GET /admin/realms/acme/users?exact=true&briefRepresentation=false&username=" + key,
                "GET /admin/realms/acme/users/u1/sessions",
                "POST /admin/realms/acme/users/u1/logout");
    }

    @Test
    void theDocumentedSessionsRevokedCountReachesTheStepsOutput() {
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(200, "[{\"id\":\"s1\"},{\"id\":\"s2\"}]"));
        adminReplies.add(Reply.of(204, ""));
        SessionRevoker p = provider(SECRET, Map.of());

        dev.idle.spi.StepResult step = dev.idle.spi.StepResult.of(p.revokeSessions("jdoe", null));

        assertThat(step.changed()).isTrue();
        assertThat(step.extras().getMap(dev.idle.spi.StepResult.OUTPUT)).containsEntry("SessionsRevoked", 2);
    }

    @Test
    void countingSessionsOnlyReadsAndCountsWhatRevokeWouldEnd() {
        adminReplies.add(Reply.of(200, "[" + USER + "]"));
        adminReplies.add(Reply.of(200, "[{\"id\":\"s1\"},{\"id\":\"s2\"},{\"id\":\"s3\"}]"));
        SessionCounter p = provider(SECRET, Map.of());

        assertThat(p.countSessions("jdoe", null)).isEqualTo(3);
        assertThat(adminRequests).as("no logout, no delete").containsExactly(
                "GET /admin/realms/acme/users?exact=true&briefRepresentation=false&username=jdoe",
                "GET /admin/realms/acme/users/u1/sessions");
    }

    @Test
    void withOfflineTokensRevokedTheCountIncludesTheClientsHoldingThem() {
        String id = ID_SHAPED_KEY;
        adminReplies.add(Reply.of(200, "[{\"id\":\"s1\"}]"));
        adminReplies.add(Reply.of(200, "[{\"clientId\":\"mobile\",\"additionalGrants\":[{\"key\":\"Offline Token\"}]},"
                + "{\"clientId\":\"web\",\"additionalGrants\":[]}]"));
        SessionCounter p = provider(SECRET, Map.of("revokeOfflineTokens", true));

        assertThat(p.countSessions(id, null)).isEqualTo(2);
        assertThat(adminRequests).containsExactly(
                "GET /admin/realms/acme/users/" + id + "/sessions",
                "GET /admin/realms/acme/users/" + id + "/consents");
    }
}
