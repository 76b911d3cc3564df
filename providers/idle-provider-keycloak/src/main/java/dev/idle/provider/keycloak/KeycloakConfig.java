package dev.idle.provider.keycloak;

import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.spi.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The validated options of one Keycloak provider.
 *
 * @param baseUrl             server root, e.g. {@code https://sso.example.com} (no trailing slash, no {@code /admin})
 * @param realm               the realm whose users the provider manages
 * @param auth                default credentials (client credentials of a confidential client), or null
 * @param allowDelete         advertise and permit {@code DeleteIdentity}
 * @param revokeOfflineTokens {@code RevokeSessions} also revokes offline tokens
 * @param sslContext          trust for a server with a private CA, or null for the JVM's default trust
 * @param timeout             per-request timeout
 * @param rateLimit           the write pace of the realm ({@link RateLimit#NONE} by default: Keycloak publishes no
 *                            limit)
 */
record KeycloakConfig(String alias, URI baseUrl, String realm, ClientAuth auth, boolean allowDelete,
                      boolean revokeOfflineTokens, SSLContext sslContext, Duration timeout, RateLimit rateLimit) {

    /** The JVM-wide rate-limit target: the server and the realm. */
    String rateTarget() {
        return "keycloak " + baseUrl + " realm=" + realm;
    }

    /** A confidential client: its realm (where its token endpoint is), client id and where the secret comes from. */
    record ClientAuth(String realm, String clientId, Supplier<Secret> secret) {
    }
}
