package dev.idle.provider.exchangeonline;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import dev.idle.api.data.DataMap;
import dev.idle.provider.microsoft.AzureCredentials;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Bearer tokens for the two resources the provider calls (Graph and Exchange Online), from an auth session or the
 * provider's own {@code auth} option. A session's {@code type} picks an azure-identity credential
 * ({@code ClientSecret}, {@code ClientCertificate}, {@code ManagedIdentity}, {@code WorkloadIdentity},
 * {@code DefaultChain}); {@code OAuth} carries a ready token, sent as is to both APIs. Credentials are kept per
 * session (type + attributes + secret identity) and tokens per scope until two minutes before they expire. Messages
 * never carry the secret or a token.
 *
 * <p>Thread-safe: the maps are concurrent, and a token is fetched under its key's lock, so threads that ask at once
 * for an expired token make one token request and share it.
 */
final class ExoAuth {
    static final List<String> TYPES = List.of("ClientSecret", "ClientCertificate", "ManagedIdentity",
            "WorkloadIdentity", "DefaultChain", "OAuth");
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final String authorityHost;
    private final String defaultTenant;
    private final HttpClient http;
    private final Supplier<AuthSession> defaultSession;
    private final Map<List<Object>, TokenCredential> credentials = new ConcurrentHashMap<>();
    private final Map<List<Object>, AccessToken> tokens = new ConcurrentHashMap<>();
    /** One lock per token key, so threads asking at once for an expired token fetch it once. */
    private final Map<List<Object>, Object> fetching = new ConcurrentHashMap<>();

    ExoAuth(String authorityHost, String defaultTenant, HttpClient http, Supplier<AuthSession> defaultSession) {
        this.authorityHost = authorityHost;
        this.defaultTenant = defaultTenant;
        this.http = http;
        this.defaultSession = defaultSession;
    }

    /** A bearer token for {@code scope}; {@code session} null means the provider's {@code auth} option. */
    String token(AuthSession session, String scope, String alias) {
        if (session == null && defaultSession == null) {
                throw new ProviderException("Exchange Online provider '" + alias + "' has no credentials for this call:"
                        + " the step names no AuthSessionName and the provider has no 'auth' option.");
        }
        AuthSession s = session != null ? session : defaultSession.get();
        String type = TYPES.stream().filter(t -> t.equalsIgnoreCase(s.type())).findFirst().orElseThrow(() ->
                new ProviderException("Auth session type '" + s.type() + "' is not supported by the Exchange Online "
                        + "provider. Supported: " + String.join(", ", TYPES) + "."));
        if (type.equals("OAuth")) {
            if (s.secret() == null || s.secret().isEmpty()) {
                throw new ProviderException("The auth session '" + s.name() + "' (OAuth) carries no token.");
            }
            return s.secret().reveal();
        }
        List<Object> key = List.of(type, s.attributes().toString(), Objects.hashCode(s.secret()));
        List<Object> tokenKey = List.of(key, scope);
        AccessToken known = tokens.get(tokenKey);
        if (fresh(known)) {
            return known.getToken();
        }
        synchronized (fetching.computeIfAbsent(tokenKey, k -> new Object())) {
            AccessToken cached = tokens.get(tokenKey);
            if (fresh(cached)) {
                return cached.getToken();
            }
            return fetch(type, s, key, tokenKey, scope);
        }
    }

    private static boolean fresh(AccessToken cached) {
        return cached != null && cached.getExpiresAt() != null
                && cached.getExpiresAt().minus(MARGIN).isAfter(OffsetDateTime.now());
    }

    private String fetch(String type, AuthSession s, List<Object> key, List<Object> tokenKey, String scope) {
        TokenCredential credential = credentials.computeIfAbsent(key, k -> credential(type, s));
        AccessToken t;
        try {
            t = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
        } catch (RuntimeException e) {
            throw new ProviderException("Could not get a token for " + scope + " with auth session '" + s.name()
                    + "' (" + type + "): " + AzureCredentials.summary(e, s.secret()), AzureCredentials.isNetwork(e), null, null);
        }
        if (t == null || t.getToken() == null) {
            throw new ProviderException("Could not get a token for " + scope + ": the credential returned none.");
        }
        tokens.put(tokenKey, t);
        return t.getToken();
    }

    private TokenCredential credential(String type, AuthSession s) {
        DataMap a = s.attributes();
        String authority = a.getString("authority") != null ? a.getString("authority") : authorityHost;
        String tenantId = a.getString("tenantId") != null ? a.getString("tenantId") : defaultTenant;
        String what = "auth session '" + s.name() + "' (" + type + ")";
        if (type.equals("ClientSecret") || type.equals("ClientCertificate")) {
            // this provider has always named a missing clientId before a missing tenantId
            AzureCredentials.require(a.getString("clientId"), "clientId", what);
        }
        return AzureCredentials.credential(type, a, authority, tenantId, s.secret(), http, what);
    }
}
