package dev.idle.provider.googleworkspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.provider.support.http.Rs256Jwt;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for the Directory API. A service account with domain-wide delegation signs a JWT (RS256, with the
 * JDK) asserting {@code iss} = the account, {@code sub} = the admin it acts as, {@code scope}, {@code aud} = the token
 * URI, and exchanges it at the token endpoint (RFC 7523 JWT bearer grant). Tokens are cached per key file and subject
 * until a minute before they expire. An {@code OAuth} session is used as an access token as it is.
 *
 * <p>Neither the private key, the assertion nor the access token appears in any message.
 *
 * <p>Thread-safe: the cache is concurrent and a token is fetched under its key's lock, so threads that ask at once for
 * an expired token make one token request and share it.
 */
final class GoogleAuth {
    static final List<String> DEFAULT_SCOPES = List.of("https://www.googleapis.com/auth/admin.directory.user",
            "https://www.googleapis.com/auth/admin.directory.group");

    private final HttpCaller http;
    private final Clock clock;
    private final ObjectMapper json;
    private final String tokenUriOverride;
    private final List<String> scopes;
    private final Duration timeout;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();
    /** One lock per cache key, so threads asking at once for an expired token fetch it once. */
    private final Map<String, Object> fetching = new ConcurrentHashMap<>();

    GoogleAuth(HttpClient client, Clock clock, ObjectMapper json, String tokenUriOverride, List<String> scopes,
               Duration timeout) {
        this.http = HttpCaller.builder(client, "Google").clock(clock).build();
        this.clock = clock;
        this.json = json;
        this.tokenUriOverride = tokenUriOverride;
        this.scopes = scopes;
        this.timeout = timeout;
    }

    private record Token(Secret value, Instant expires) {
    }

    /** The bearer token for a session: {@code ServiceAccount} (attributes {@code file}, {@code subject}) or {@code OAuth}. */
    Secret accessToken(AuthSession session) {
        String type = session.type() == null ? "" : session.type();
        if (type.equalsIgnoreCase("OAuth")) {
            if (session.secret() == null || session.secret().isEmpty()) {
                throw new ProviderException("Auth session '" + session.name() + "' carries no access token.");
            }
            return session.secret();
        }
        if (!type.equalsIgnoreCase("ServiceAccount")) {
            throw new ProviderException("Auth session '" + session.name() + "' is of type " + type + "; the Google"
                    + " Workspace provider accepts ServiceAccount (key file + subject) or OAuth (an access token).");
        }
        String file = session.attributes().getString("file");
        String subject = session.attributes().getString("subject");
        if (file == null || subject == null || subject.isBlank()) {
            throw new ProviderException("Auth session '" + session.name() + "' (ServiceAccount) needs 'file' (the"
                    + " key file) and 'subject' (the admin user to act as).");
        }
        String cacheKey = file + "\n" + subject;
        Token t = cache.get(cacheKey);
        if (fresh(t)) {
            return t.value();
        }
        synchronized (fetching.computeIfAbsent(cacheKey, k -> new Object())) {
            t = cache.get(cacheKey);
            if (!fresh(t)) {
                t = fetch(Path.of(file), subject, session.name());
                cache.put(cacheKey, t);
            }
            return t.value();
        }
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().isBefore(t.expires().minusSeconds(60));
    }

    private Token fetch(Path file, String subject, String name) {
        JsonNode key;
        try {
            key = json.readTree(SecretReferences.read(file, "Auth session '" + name + "'", "service-account key file")
                    .reveal());
        } catch (IOException e) {
            throw new ProviderException("Auth session '" + name + "': cannot read service-account key file " + file
                    + ": " + e.getClass().getSimpleName());
        }
        String email = key.path("client_email").asText("");
        String pem = key.path("private_key").asText("");
        if (!"service_account".equals(key.path("type").asText()) || email.isBlank() || pem.isBlank()) {
            throw new ProviderException("Auth session '" + name + "': " + file + " is not a service-account key file"
                    + " (type service_account with client_email and private_key).");
        }
        String tokenUri = tokenUriOverride != null ? tokenUriOverride
                : key.path("token_uri").asText("https://oauth2.googleapis.com/token");
        URI uri = GoogleWorkspaceProviderFactory.checkedUrl(tokenUri, "tokenUri",
                "Auth session '" + name + "'");
        long now = clock.instant().getEpochSecond();
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (key.hasNonNull("private_key_id")) {
            header.put("kid", key.get("private_key_id").asText());
        }
        ObjectNode claims = json.createObjectNode().put("iss", email).put("sub", subject)
                .put("scope", String.join(" ", scopes)).put("aud", uri.toString()).put("iat", now)
                .put("exp", now + 3600);
        String assertion;
        try {
            assertion = Rs256Jwt.sign(json, header, claims, Rs256Jwt.rsaPrivateKeyFromPem(pem));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ProviderException("Auth session '" + name + "': cannot sign the JWT assertion with the key in "
                    + file + ": " + e.getClass().getSimpleName());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.put("assertion", assertion);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(RestCalls.form(form)).build();
        HttpAnswer response = http.send(request, "Google token request");
        JsonNode body = RestCalls.parseOrEmptyObject(json, response.body());
        int status = response.status();
        if (status != 200 || !body.hasNonNull("access_token")) {
            boolean transientFailure = http.classifier().isTransient(status);
            throw new ProviderException("Google token request for " + email + " as " + subject + " failed | Status: "
                    + status + " | " + body.path("error").asText("") + ": " + body.path("error_description").asText("")
                    + (status == 401 || "unauthorized_client".equals(body.path("error").asText())
                    ? " (is domain-wide delegation granted to this client for the scopes " + String.join(", ", scopes)
                    + "?)" : ""), transientFailure,
                    transientFailure ? http.retryAfter(response) : null, null);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        return new Token(Secret.of(body.get("access_token").asText()), clock.instant().plusSeconds(expiresIn));
    }
}
