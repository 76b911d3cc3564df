package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.RetryPolicy;
import dev.idle.provider.support.retry.InCallRetry;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Sleeper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin-API calls ({@code /admin/realms/{realm}/...}) with one set of credentials, for the calls of one provider
 * method. A cached client-credentials token Keycloak rejects (401) is renewed once, at once, under
 * {@link #RENEW_ONCE}; a fixed (OAuth) token is not, and its 401 fails the call.
 *
 * <p>Failures: {@link #check} and {@link #failure} turn a reply that is not a success into the
 * {@link ProviderException} of {@link KeycloakHttp#failure}, with a fixed token masked in its message. Safe to share
 * between threads as far as the token cache is (it is).
 */
final class AdminCall {
    /** A 401 answer to a cached token is sent again once, at once, with a renewed token. */
    private static final RetryPolicy<KeycloakHttp.Reply> RENEW_ONCE = RetryPolicy.<KeycloakHttp.Reply>builder()
            .handleResultIf(reply -> reply.status() == 401).withMaxRetries(1).build();
    /** Renewal never waits, so it needs no sleeper a test would replace. */
    private static final InCallRetry RENEWAL = new InCallRetry(Sleeper.SYSTEM);

    private final KeycloakHttp http;
    private final URI adminBase;
    private final String realm;
    private final ClientCredentialsTokens tokens;
    private final String fixedToken;

    /** Exactly one of {@code tokens} (renewable) and {@code fixedToken} (used as is) is given. */
    AdminCall(KeycloakHttp http, URI adminBase, String realm, ClientCredentialsTokens tokens, String fixedToken) {
        this.http = http;
        this.adminBase = adminBase;
        this.realm = realm;
        this.tokens = tokens;
        this.fixedToken = fixedToken;
    }

    private String token() {
        return fixedToken != null ? fixedToken : tokens.token();
    }

    String where(String what) {
        return what + " in realm '" + realm + "'";
    }

    KeycloakHttp.Reply send(String method, String path, JsonNode body, String what) {
        if (tokens == null) {
            return sendOnce(method, path, body, what);
        }
        return RENEWAL.run(RENEW_ONCE, where(what), attempt -> {
            if (attempt > 1) {
                tokens.invalidate();
            }
            return sendOnce(method, path, body, what);
        });
    }

    private KeycloakHttp.Reply sendOnce(String method, String path, JsonNode body, String what) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token());
        HttpRequest.BodyPublisher publisher = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            publisher = KeycloakHttp.json(body);
        }
        return http.send(method, adminBase.resolve(path), headers, publisher, where(what));
    }

    JsonNode get(String path, String what) {
        KeycloakHttp.Reply r = send("GET", path, null, what);
        check(r, what);
        return r.body();
    }

    void check(KeycloakHttp.Reply r, String what) {
        if (!r.ok()) {
            throw failure(r, what);
        }
    }

    ProviderException failure(KeycloakHttp.Reply r, String what) {
        return http.failure(r, where(what), fixedToken == null ? List.of() : List.of(fixedToken));
    }
}
