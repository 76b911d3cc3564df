package dev.idle.provider.okta;

import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;

/**
 * What goes into the {@code Authorization} header: an API token ({@code SSWS <token>}) or an OAuth 2.0 access token
 * ({@code Bearer <token>}). {@link #toString()} never shows the token.
 */
record OktaCredentials(String scheme, Secret token) {
    /** From an auth session: type {@code ApiToken} (SSWS) or {@code OAuth} (Bearer). */
    static OktaCredentials from(AuthSession session) {
        String type = session.type() == null ? "" : session.type();
        Secret secret = session.secret();
        if (secret == null || secret.isEmpty()) {
            throw new ProviderException("Auth session '" + session.name() + "' carries no token for Okta.");
        }
        if (type.equalsIgnoreCase("ApiToken")) {
            return new OktaCredentials("SSWS", secret);
        }
        if (type.equalsIgnoreCase("OAuth")) {
            return new OktaCredentials("Bearer", secret);
        }
        throw new ProviderException("Auth session '" + session.name() + "' is of type " + type
                + "; the Okta provider accepts ApiToken (sent as SSWS) or OAuth (an access token, sent as Bearer).");
    }

    String authorizationHeader() {
        return scheme + " " + token.reveal();
    }

    @Override
    public String toString() {
        return "OktaCredentials[" + scheme + " [REDACTED]]";
    }
}
