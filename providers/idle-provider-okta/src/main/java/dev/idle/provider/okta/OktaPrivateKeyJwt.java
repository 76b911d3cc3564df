package dev.idle.provider.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.provider.support.http.HttpAnswer;
import dev.idle.provider.support.http.HttpCaller;
import dev.idle.provider.support.http.RestCalls;
import dev.idle.provider.support.http.Rs256Jwt;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.SecretReferences;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * OAuth 2.0 client credentials for an Okta API service app authenticating with {@code private_key_jwt}: a JWT signed
 * with the app's RSA key (RS256; {@code iss} = {@code sub} = client id, {@code aud} = the org's token endpoint
 * {@code /oauth2/v1/token}, five minutes, a fresh {@code jti}) is exchanged for a Bearer access token with the
 * configured {@code okta.*} scopes. The token is cached until a minute before it expires. DPoP-bound tokens are not
 * supported (switch "Require DPoP" off for the app).
 */
final class OktaPrivateKeyJwt implements Supplier<OktaCredentials> {
    static final List<String> DEFAULT_SCOPES = List.of("okta.users.manage", "okta.groups.manage");

    private final HttpCaller http;
    private final URI tokenUrl;
    private final String clientId;
    private final Path keyFile;
    private final String keyId;
    private final List<String> scopes;
    private final Clock clock;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private OktaCredentials cached;
    private Instant expires = Instant.MIN;

    OktaPrivateKeyJwt(HttpClient client, URI baseUrl, String clientId, Path keyFile, String keyId,
                      List<String> scopes, Clock clock, Duration timeout) {
        this.http = HttpCaller.builder(client, "Okta").clock(clock).build();
        this.tokenUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/oauth2/v1/token");
        this.clientId = clientId;
        this.keyFile = keyFile;
        this.keyId = keyId;
        this.scopes = scopes;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public synchronized OktaCredentials get() {
        if (cached == null || !clock.instant().isBefore(expires.minusSeconds(60))) {
            fetch();
        }
        return cached;
    }

    private void fetch() {
        String assertion = assertion();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", String.join(" ", scopes));
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(RestCalls.form(form)).build();
        HttpAnswer response = http.send(request, "Okta token request");
        JsonNode body = RestCalls.parseOrEmptyObject(json, response.body());
        int status = response.status();
        if (status != 200 || !body.hasNonNull("access_token")) {
            boolean transientFailure = http.classifier().isTransient(status);
            throw new ProviderException("Okta token request for client " + clientId + " failed | Status: " + status
                    + " | " + body.path("error").asText("") + ": " + body.path("error_description").asText(""),
                    transientFailure, null, null);
        }
        if (!"Bearer".equalsIgnoreCase(body.path("token_type").asText("Bearer"))) {
            throw new ProviderException("Okta issued a " + body.path("token_type").asText() + " token for client "
                    + clientId + "; only Bearer tokens are supported (turn off DPoP for the service app).");
        }
        cached = new OktaCredentials("Bearer", Secret.of(body.get("access_token").asText()));
        expires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
    }

    private String assertion() {
        long now = clock.instant().getEpochSecond();
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        ObjectNode claims = json.createObjectNode().put("iss", clientId).put("sub", clientId)
                .put("aud", tokenUrl.toString()).put("iat", now).put("exp", now + 300)
                .put("jti", UUID.randomUUID().toString());
        try {
            String pem = SecretReferences.read(keyFile, "Okta private_key_jwt", "private key file").reveal();
            if (!pem.contains("BEGIN PRIVATE KEY")) {
                throw new ProviderException("Okta private_key_jwt: " + keyFile + " is not a PKCS#8 PEM private key"
                        + " (-----BEGIN PRIVATE KEY-----).");
            }
            PrivateKey key = Rs256Jwt.rsaPrivateKeyFromPem(pem);
            return Rs256Jwt.sign(json, header, claims, key);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ProviderException("Okta private_key_jwt: cannot sign the client assertion with " + keyFile
                    + ": " + e.getClass().getSimpleName());
        }
    }
}
