package dev.idle.graphsim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's application registrations and the opaque access tokens issued to them, and the bearer-token check
 * every Graph and Exchange request passes. Not thread-safe on its own: callers hold the simulator's lock, except
 * {@link #authenticate}, which takes it.
 */
final class AppRegistry {
    /** The resource the Exchange admin API accepts tokens for. */
    static final String EXCHANGE_RESOURCE = "https://outlook.office365.com";

    /** An application registration: tenant, client id, secret and (null = all) granted application permissions. */
    record App(String tenantId, String clientId, String secret, Set<String> roles) {
        @Override
        public String toString() {
            return "App[" + tenantId + "/" + clientId + "]";
        }
    }

    /** An issued token; {@code resource} is the scope's resource ({@code https://outlook.office365.com} or Graph). */
    private record Token(App app, Instant expiresAt, String resource) {
        boolean forExchange() {
            return resource != null && resource.toLowerCase(Locale.ROOT).startsWith(EXCHANGE_RESOURCE);
        }
    }

    private final Object lock;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Duration tokenLifetime;

    AppRegistry(Object lock, Duration tokenLifetime) {
        this.lock = lock;
        this.tokenLifetime = tokenLifetime;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    void register(String tenantId, String clientId, String clientSecret, Set<String> roles) {
        apps.put(clientId.toLowerCase(Locale.ROOT), new App(tenantId, clientId, clientSecret,
                roles == null ? null : Set.copyOf(roles)));
    }

    /** Changes an app's permissions; tokens already issued to it follow the change. */
    void grantRoles(String clientId, Set<String> roles) {
        App a = require(clientId);
        App changed = new App(a.tenantId(), a.clientId(), a.secret(), roles == null ? null : Set.copyOf(roles));
        apps.put(clientId.toLowerCase(Locale.ROOT), changed);
        tokens.replaceAll((k, t) -> t.app() == a ? new Token(changed, t.expiresAt(), t.resource()) : t);
    }

    void expireTokens() {
        tokens.replaceAll((k, t) -> new Token(t.app(), Instant.EPOCH, t.resource()));
    }

    App require(String clientId) {
        App a = apps.get(clientId.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("no app registered with client id " + clientId);
        }
        return a;
    }

    /** The app with this client id (any case), or null. */
    App find(String clientId) {
        return apps.get(clientId.toLowerCase(Locale.ROOT));
    }

    boolean knowsTenant(String tenant) {
        return apps.values().stream().anyMatch(a -> a.tenantId().equalsIgnoreCase(tenant));
    }

    static boolean secretMatches(App app, String secret) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                app.secret().getBytes(StandardCharsets.UTF_8));
    }

    String newToken(App app, String resource) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "gsim." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(app, Instant.now().plus(tokenLifetime), resource));
        return token;
    }

    /**
     * Checks {@code Authorization: Bearer <token>} for Graph ({@code exchange} false) or the Exchange admin API and
     * sets the context's app; answers Graph's 401 {@code InvalidAuthenticationToken} otherwise.
     */
    void authenticate(String authorization, RequestContext ctx, boolean exchange) {
        if (authorization == null || authorization.isBlank()) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        String token = authorization.substring(7).trim();
        synchronized (lock) {
            Token t = tokens.get(token);
            if (t == null) {
                throw new GraphError(401, "InvalidAuthenticationToken",
                        "IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE "
                                + "Compact Serialization Format.");
            }
            if (!t.expiresAt().isAfter(Instant.now())) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
            }
            if (t.forExchange() != exchange) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid "
                        + "audience (the token was issued for " + (exchange ? "another resource" : EXCHANGE_RESOURCE)
                        + ").");
            }
            ctx.app = apps.get(t.app().clientId().toLowerCase(Locale.ROOT));
            if (ctx.app == null) {
                throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.");
            }
        }
    }
}
