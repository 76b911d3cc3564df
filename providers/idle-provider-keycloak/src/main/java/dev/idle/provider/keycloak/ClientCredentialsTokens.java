package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Access tokens of one confidential client by the client-credentials grant, cached until shortly before they expire
 * (a tenth of their lifetime, at least 5 and at most 60 seconds, early). The client secret is fetched from its
 * supplier (environment variable or file) only when a token is needed.
 */
final class ClientCredentialsTokens {
    private final KeycloakHttp http;
    private final URI tokenEndpoint;
    private final String realm;
    private final String clientId;
    private final Supplier<Secret> secret;
    private final Clock clock;

    private String token;
    private Instant refreshAt = Instant.MIN;

    ClientCredentialsTokens(KeycloakHttp http, URI baseUrl, String realm, String clientId, Supplier<Secret> secret,
                            Clock clock) {
        this.http = http;
        this.realm = realm;
        this.clientId = clientId;
        this.secret = secret;
        this.clock = clock;
        this.tokenEndpoint = URI.create(baseUrl + "/realms/" + KeycloakHttp.enc(realm) + "/protocol/openid-connect/token");
    }

    String clientId() {
        return clientId;
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    synchronized String token() {
        if (token != null && clock.instant().isBefore(refreshAt)) {
            return token;
        }
        Secret s = secret.get();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", s.reveal());
        String what = "token request for client '" + clientId + "' in realm '" + realm + "'";
        List<String> scrub = List.of(s.reveal());
        Instant asked = clock.instant();
        KeycloakHttp.Reply reply = http.send("POST", tokenEndpoint,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), RestCalls.form(form), what);
        if (!reply.ok()) {
            throw http.failure(reply, what, scrub);
        }
        JsonNode at = reply.body().get("access_token");
        if (at == null || !at.isTextual() || at.asText().isEmpty()) {
            throw new ProviderException("Keycloak " + what + " returned no access_token.");
        }
        long lifetime = reply.body().path("expires_in").asLong(60);
        long early = Math.max(5, Math.min(60, lifetime / 10));
        token = at.asText();
        refreshAt = asked.plus(Duration.ofSeconds(Math.max(0, lifetime - early)));
        return token;
    }

    /** Forgets the cached token (after Keycloak rejected it). */
    synchronized void invalidate() {
        token = null;
        refreshAt = Instant.MIN;
    }
}
