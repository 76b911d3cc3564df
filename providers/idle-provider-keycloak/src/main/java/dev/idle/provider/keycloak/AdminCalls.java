package dev.idle.provider.keycloak;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the auth session a provider method receives into an {@link AdminCall}: {@code OAuth} (a bearer token used as
 * is), {@code ClientSecret} ({@code clientId}, secret, and the client's realm in {@code realm} or {@code tenantId}),
 * or, without a session, the provider's own {@code auth}. Owns the HTTP client and the token caches (one per client
 * and secret), so tokens are reused across calls; thread-safe.
 *
 * <p>Fails with {@link IllegalStateException} when credentials are missing or incomplete and with
 * {@link IllegalArgumentException} for a session type it does not know.
 */
final class AdminCalls {
    private final KeycloakConfig config;
    private final KeycloakHttp http;
    private final URI adminBase;
    private final ClientCredentialsTokens defaultTokens;
    private final Map<String, ClientCredentialsTokens> sessionTokens = new ConcurrentHashMap<>();
    private final Clock clock;

    AdminCalls(KeycloakConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.sslContext() != null) {
            b.sslContext(config.sslContext());
        }
        this.http = new KeycloakHttp(b.build(), config.timeout(), config.rateTarget(), config.rateLimit());
        this.adminBase = URI.create(config.baseUrl() + "/admin/realms/" + KeycloakHttp.enc(config.realm()) + "/");
        KeycloakConfig.ClientAuth a = config.auth();
        this.defaultTokens = a == null ? null
                : new ClientCredentialsTokens(http, config.baseUrl(), a.realm(), a.clientId(), a.secret(), clock);
    }

    /** Credentials for the calls of one provider method. */
    AdminCall call(AuthSession session) {
        if (session == null) {
            if (defaultTokens == null) {
                throw new IllegalStateException("Keycloak provider '" + config.alias() + "' has no credentials:"
                        + " configure 'auth' in its host-file entry or name an auth session in the step.");
            }
            return renewable(defaultTokens);
        }
        Secret secret = session.secret();
        String type = session.type() == null ? "" : session.type();
        if (type.equalsIgnoreCase("OAuth")) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalStateException("Auth session '" + session.name() + "' carries no token.");
            }
            return new AdminCall(http, adminBase, config.realm(), null, secret.reveal());
        }
        if (type.equalsIgnoreCase("ClientSecret")) {
            DataMap a = session.attributes();
            String clientId = a.getString("clientId");
            if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
                throw new IllegalStateException("Auth session '" + session.name() + "' (ClientSecret) needs clientId and"
                        + " a secret.");
            }
            String realm = a.getString("realm") != null ? a.getString("realm")
                    : a.getString("tenantId") != null ? a.getString("tenantId") : config.realm();
            String cacheKey = realm + "\u0000" + clientId + "\u0000" + Integer.toHexString(secret.hashCode());
            ClientCredentialsTokens tokens = sessionTokens.computeIfAbsent(cacheKey, k ->
                    new ClientCredentialsTokens(http, config.baseUrl(), realm, clientId, () -> secret, clock));
            return renewable(tokens);
        }
        throw new IllegalArgumentException("Keycloak provider '" + config.alias() + "' accepts auth sessions of type"
                + " OAuth or ClientSecret, not '" + session.type() + "' (session '" + session.name() + "').");
    }

    private AdminCall renewable(ClientCredentialsTokens tokens) {
        return new AdminCall(http, adminBase, config.realm(), tokens, null);
    }
}
