package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.simsupport.JwtSignatures;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /token}: the RFC 7523 JWT bearer grant as Google's token endpoint serves it to service accounts with
 * domain-wide delegation. Checks the assertion's RS256 signature against the account's key, its lifetime (at most an
 * hour), audience (this endpoint), that every scope is authorised for delegation and that the subject is an admin.
 * The access token it issues acts as that admin. Called while synchronised on the tenant.
 */
final class GoogleTokenEndpoint {
    static final String PATH = "/token";

    private final GoogleTenant tenant;

    GoogleTokenEndpoint(GoogleTenant tenant) {
        this.tenant = tenant;
    }

    /** RFC 7523 JWT bearer grant as Google's token endpoint implements it for service accounts. */
    GoogleAnswer token(String method, String form, Instant at) {
        if (!method.equals("POST")) {
            return GoogleAnswer.oauthError(405, "invalid_request", "Method not allowed");
        }
        Map<String, String> f = SimulatorHttp.query(form);
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(f.get("grant_type"))) {
            return GoogleAnswer.oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + f.get("grant_type"));
        }
        String assertion = f.get("assertion");
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a"
                    + " reasonable timeframe");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = GoogleTenant.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = GoogleTenant.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid JWT format");
        }
        GoogleTenant.ServiceAccount sa = tenant.serviceAccounts.get(claims.path("iss").asText().toLowerCase(Locale.ROOT));
        if (sa == null) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid grant: account not found");
        }
        if (!"RS256".equals(header.path("alg").asText()) || !JwtSignatures.rs256Valid(sa.publicKey, parts)) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid JWT Signature.");
        }
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        long now = at.getEpochSecond();
        if (exp - iat > 3600 || exp < now || iat > now + 300) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes)"
                    + " and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        if (!tenant.tokenUri().equals(claims.path("aud").asText())) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid JWT: Failed audience check.");
        }
        String subject = claims.path("sub").asText(null);
        Set<String> scopes = new LinkedHashSet<>(List.of(claims.path("scope").asText("").trim().split("\\s+")));
        if (subject == null || !sa.scopes.containsAll(scopes) || scopes.isEmpty()) {
            return GoogleAnswer.oauthError(401, "unauthorized_client", "Client is unauthorized to retrieve access tokens using"
                    + " this method, or client not authorized for any of the scopes requested.");
        }
        ObjectNode admin = tenant.findUser(subject);
        if (admin == null || !admin.path("isAdmin").asBoolean()) {
            return GoogleAnswer.oauthError(400, "invalid_grant", "Invalid email or User ID");
        }
        String accessToken = "ya29.sim-" + tenant.hex(40);
        tenant.accessTokens.put(accessToken, admin.get("primaryEmail").asText());
        ObjectNode ok = GoogleTenant.JSON.createObjectNode();
        ok.put("access_token", accessToken);
        ok.put("expires_in", 3599);
        ok.put("token_type", "Bearer");
        return new GoogleAnswer(200, ok);
    }
}
