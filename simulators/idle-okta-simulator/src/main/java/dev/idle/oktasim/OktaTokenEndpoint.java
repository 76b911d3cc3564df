package dev.idle.oktasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.simsupport.JwtSignatures;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /oauth2/v1/token}: client credentials with {@code private_key_jwt}, as Okta's org authorization server
 * serves them to API service apps. Checks the assertion's RS256 signature against the app's key, issuer and subject,
 * lifetime (at most an hour), audience (this endpoint) and that every requested scope is granted. Called while
 * synchronised on the tenant.
 */
final class OktaTokenEndpoint {
    static final String PATH = "/oauth2/v1/token";

    private final OktaTenant tenant;

    OktaTokenEndpoint(OktaTenant tenant) {
        this.tenant = tenant;
    }

    OktaAnswer token(String method, String form, Instant at) {
        if (!method.equals("POST")) {
            return OktaAnswer.oauthError(405, "invalid_request", "The token endpoint accepts POST only.");
        }
        Map<String, String> f = SimulatorHttp.query(form);
        if (!"client_credentials".equals(f.get("grant_type"))) {
            return OktaAnswer.oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported.");
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(f.get("client_assertion_type"))
                || f.get("client_assertion") == null) {
            return OktaAnswer.oauthError(401, "invalid_client", "Client authentication failed: client_assertion required.");
        }
        String[] parts = f.get("client_assertion").split("\\.");
        JsonNode header;
        JsonNode claims;
        try {
            header = OktaTenant.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = OktaTenant.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            return OktaAnswer.oauthError(401, "invalid_client", "The client_assertion is not a valid JWT.");
        }
        String clientId = claims.path("iss").asText();
        PublicKey key = tenant.serviceApps.get(clientId);
        if (key == null || !clientId.equals(claims.path("sub").asText())) {
            return OktaAnswer.oauthError(401, "invalid_client", "The client_assertion token has an invalid issuer or subject.");
        }
        if (!"RS256".equals(header.path("alg").asText()) || !JwtSignatures.rs256Valid(key, parts)) {
            return OktaAnswer.oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
        }
        long now = at.getEpochSecond();
        long exp = claims.path("exp").asLong();
        long iat = claims.path("iat").asLong(now);
        if (exp < now || exp - iat > 3600) {
            return OktaAnswer.oauthError(401, "invalid_client", "The client_assertion token is expired or lives too long.");
        }
        if (!(tenant.baseUrl() + PATH).equals(claims.path("aud").asText())) {
            return OktaAnswer.oauthError(401, "invalid_client", "The audience claim for client_assertion must be the endpoint"
                    + " invoked for the request.");
        }
        List<String> scopes = List.of(f.getOrDefault("scope", "").trim().split("\\s+"));
        if (scopes.isEmpty() || !tenant.grantedScopes.containsAll(scopes)) {
            return OktaAnswer.oauthError(400, "invalid_scope", "The following scopes are not allowed: "
                    + scopes.stream().filter(sc -> !tenant.grantedScopes.contains(sc)).toList());
        }
        String token = "eyJsim." + tenant.randomId(40);
        tenant.accessTokens.add(token);
        ObjectNode ok = OktaTenant.JSON.createObjectNode();
        ok.put("token_type", "Bearer");
        ok.put("expires_in", 3600);
        ok.put("access_token", token);
        ok.put("scope", String.join(" ", scopes));
        return OktaAnswer.ok(ok);
    }
}
