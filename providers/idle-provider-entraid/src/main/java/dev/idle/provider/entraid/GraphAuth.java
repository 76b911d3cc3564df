package dev.idle.provider.entraid;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import dev.idle.api.data.DataMap;
import dev.idle.provider.microsoft.AzureCredentials;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns auth sessions into bearer tokens for Graph. A session's {@code type} picks the azure-identity credential
 * ({@code ClientSecret}, {@code ClientCertificate}, {@code ManagedIdentity}, {@code WorkloadIdentity},
 * {@code DefaultChain}); {@code OAuth} (and {@code Credential}, whose password is the token) carries a ready token.
 * One credential is kept per session identity (type, tenant, client, authority, files and a hash of the secret), and
 * its token is reused until shortly before it expires.
 *
 * <p>Every credential talks to the authority over the provider's HTTP client (so the configured trust store applies),
 * with instance discovery off, and asks for {@code <graph root>/.default}.
 *
 * <p>Thread-safe: sources are kept in a concurrent map, and each credential's token is fetched under that
 * credential's lock, so many threads asking at once fetch it once per expiry and share it.
 */
final class GraphAuth {
    static final List<String> TYPES = List.of("ClientSecret", "ClientCertificate", "ManagedIdentity",
            "WorkloadIdentity", "DefaultChain", "OAuth", "Credential");
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(2);

    private final String scope;
    private final String authorityHost;
    private final HttpClient azureHttp;
    private final Clock clock;
    private final Supplier<AuthSession> defaultSession;
    private final Map<String, TokenSource> sources = new ConcurrentHashMap<>();
    /** The session asked for last and its source (see {@link #choose}); a stale read only costs one lookup. */
    private volatile Chosen last;
    private final GraphClient graph;

    /**
     * @param defaultSession the provider's own {@code auth} option as a session (read lazily), or null when the
     *                       provider has none
     */
    GraphAuth(GraphClient graph, String authorityHost, HttpClient azureHttp, Clock clock,
              Supplier<AuthSession> defaultSession) {
        this.graph = graph;
        this.scope = graph.resourceRoot() + "/.default";
        this.authorityHost = authorityHost;
        this.azureHttp = azureHttp;
        this.clock = clock;
        this.defaultSession = defaultSession;
    }

    String scope() {
        return scope;
    }

    /** A bearer token for {@code session}, or for the provider's default credentials when it is null. */
    String token(AuthSession session, String providerAlias) {
        AuthSession s = session;
        if (s == null) {
            if (defaultSession == null) {
                throw new ProviderException("Entra ID provider '" + providerAlias + "' has no credentials for this"
                        + " call: the step names no AuthSessionName and the provider has no 'auth' option.");
            }
            s = defaultSession.get();
        }
        Chosen chosen = choose(s);
        String token = chosen.source().token();
        graph.rememberTarget(token, chosen.rateTarget());
        return token;
    }

    /**
     * The token source and rate target of {@code s}. The session asked for last is remembered with a copy of what
     * selects its credential, so a batch whose every call uses the same (or an equal) session finds its source
     * without hashing the secret again; any other session, or the same one with a changed secret or attribute, is
     * looked up by its {@link #identity} as before.
     */
    private Chosen choose(AuthSession s) {
        Chosen last = this.last;
        if (last != null && last.matches(s)) {
            return last;
        }
        TokenSource source = sources.computeIfAbsent(identity(s), k -> newSource(s));
        Chosen chosen = new Chosen(s.name(), s.type(), s.attributes() == null ? null : new DataMap(s.attributes()),
                s.secret(), source, rateTarget(s));
        this.last = chosen;
        return chosen;
    }

    /** A session's parts as they were when its source was found, with that source and the session's rate target. */
    private record Chosen(String name, String type, DataMap attributes, Secret secret, TokenSource source,
                          String rateTarget) {
        boolean matches(AuthSession s) {
            return Objects.equals(name, s.name()) && Objects.equals(type, s.type())
                    && Objects.equals(attributes, s.attributes()) && Objects.equals(secret, s.secret());
        }
    }

    /**
     * What Graph throttles by, the app and the tenant of the session ({@code tenantId} and {@code clientId}
     * attributes; the session's name when it carries a ready token or a managed identity without them): the rate
     * limit target of the calls made with its token. Never a secret.
     */
    static String rateTarget(AuthSession s) {
        DataMap a = s.attributes() == null ? new DataMap() : s.attributes();
        String tenant = a.getString("tenantId");
        String client = a.getString("clientId");
        if (tenant == null && client == null) {
            return "session=" + s.name();
        }
        return "tenant=" + (tenant == null ? "-" : tenant) + " app=" + (client == null ? "-" : client);
    }

    /** The cache key of a session: everything that selects a credential; the secret only as a hash. */
    private static String identity(AuthSession s) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("~type", s.type() == null ? "" : s.type().toLowerCase(Locale.ROOT));
        if (s.attributes() != null) {
            s.attributes().forEach((k, v) -> parts.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        parts.put("~secret", s.secret() == null ? "" : sha256(s.secret().reveal()));
        return parts.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenSource newSource(AuthSession s) {
        String type = canonicalType(s.type());
        DataMap a = s.attributes() == null ? new DataMap() : s.attributes();
        String description = "auth session '" + s.name() + "' (type " + type + ")";
        switch (type) {
            case "OAuth", "Credential" -> {
                Secret secret = s.secret();
                if (secret == null || secret.isEmpty()) {
                    throw new ProviderException("The " + description + " carries no token.");
                }
                return new StaticToken(secret);
            }
            default -> {
                // token errors name where the token was asked for: "connection refused" alone does not say where
                String from = description + " from " + authorityOf(a);
                return new CredentialToken(credential(type, a, s.secret(), description), from, s.secret());
            }
        }
    }

    static String canonicalType(String type) {
        for (String t : TYPES) {
            if (t.equalsIgnoreCase(type)) {
                return t;
            }
        }
        throw new ProviderException("Auth session type '" + type + "' is not supported by the Entra ID provider."
                + " Supported: " + String.join(", ", TYPES) + ".");
    }

    private String authorityOf(DataMap a) {
        return authority(a.getString("authority") != null ? a.getString("authority") : authorityHost);
    }

    private TokenCredential credential(String type, DataMap a, Secret secret, String description) {
        String authority = authorityOf(a);
        return AzureCredentials.credential(type, a, authority, a.getString("tenantId"), secret, azureHttp, description);
    }

    /** {@code login.microsoftonline.com} → {@code https://login.microsoftonline.com}; {@code http://} is refused. */
    static String authority(String value) {
        String v = GraphClient.trimSlash(value);
        if (v.regionMatches(true, 0, "http://", 0, 7)) {
            throw new ProviderException("The authority host must use https (got '" + v + "').");
        }
        return v.regionMatches(true, 0, "https://", 0, 8) ? v : "https://" + v;
    }

    private interface TokenSource {
        String token();
    }

    private record StaticToken(Secret secret) implements TokenSource {
        @Override
        public String token() {
            return secret.reveal();
        }
    }

    private final class CredentialToken implements TokenSource {
        private final TokenCredential credential;
        private final String description;
        private final Secret secret;
        private AccessToken cached;

        CredentialToken(TokenCredential credential, String description, Secret secret) {
            this.credential = credential;
            this.description = description;
            this.secret = secret;
        }

        @Override
        public synchronized String token() {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (cached == null || cached.getExpiresAt() == null
                    || cached.getExpiresAt().minus(REFRESH_MARGIN).isBefore(now)) {
                cached = fetch();
            }
            return cached.getToken();
        }

        private AccessToken fetch() {
            AccessToken t;
            try {
                t = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
            } catch (RuntimeException e) {
                throw new ProviderException("Could not get a Microsoft Graph token for the " + description + ": "
                        + AzureCredentials.summary(e, secret), AzureCredentials.isNetwork(e), null, null);
            }
            if (t == null || t.getToken() == null) {
                throw new ProviderException("Could not get a Microsoft Graph token for the " + description
                        + ": the credential returned none.");
            }
            return t;
        }
    }

    /** For tests: how many credentials have been built. */
    int credentialCount() {
        return sources.size();
    }

}
