package dev.idle.provider.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderMethods;
import dev.idle.spi.ProviderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code RevokeSessions} and {@code CountSessions} for {@link KeycloakProvider}: lists the user's sessions (by id at
 * once when the key has the form of a user id; otherwise after looking the user up), logs the user out and, with
 * {@code revokeOfflineTokens}, revokes the offline tokens held for each client (a consent already gone counts as
 * revoked). Reports a change only when something existed; {@code CountSessions} counts that same something (the
 * sessions, plus the clients holding offline tokens with {@code revokeOfflineTokens}) without changing it. Fails
 * with {@link ProviderException} for a missing user or a failed admin call. Thread-safe.
 */
final class SessionRevocation {
    private final KeycloakConfig config;
    private final AdminCalls calls;
    private final UserLookup users;

    SessionRevocation(KeycloakConfig config, AdminCalls calls, UserLookup users) {
        this.config = config;
        this.calls = calls;
        this.users = users;
    }

    /** What {@link #revokeSessions} would end: the user's sessions and, when revoked too, its offline-token clients. */
    int countSessions(String identityKey, AuthSession session) {
        Held held = held(calls.call(session), identityKey);
        return held.sessions() + held.offlineClients().size();
    }

    ProviderResult revokeSessions(String identityKey, AuthSession session) {
        AdminCall call = calls.call(session);
        Held held = held(call, identityKey);
        String base = held.base();
        List<String> offlineClients = held.offlineClients();
        // Logged out even when nothing was listed: the call is cheap and also covers sessions created meanwhile.
        call.check(call.send("POST", base + "/logout", null, "POST users/{id}/logout"), "POST users/{id}/logout");
        for (String clientId : offlineClients) {
            String path = base + "/consents/" + KeycloakHttp.enc(clientId);
            KeycloakHttp.Reply r = call.send("DELETE", path, null, "DELETE users/{id}/consents/" + clientId);
            if (r.status() != 404) {
                call.check(r, "DELETE users/{id}/consents/" + clientId);
            }
        }
        DataMap extras = new DataMap();
        extras.put("SessionsRevoked", held.sessions());
        if (config.revokeOfflineTokens()) {
            extras.put("OfflineTokenClients", offlineClients);
        }
        return new ProviderResult(ProviderMethods.REVOKE_SESSIONS, identityKey,
                held.sessions() > 0 || !offlineClients.isEmpty(), extras);
    }

    /** The user's admin path, its session count and the clients holding its offline tokens (when those count). */
    private record Held(String base, int sessions, List<String> offlineClients) {
    }

    private Held held(AdminCall call, String identityKey) {
        String base = null;
        JsonNode listed = null;
        String key = UserLookup.requireKey(identityKey);
        if (UserLookup.looksLikeId(key)) {
            // A key in the form of a user id is tried as one at once: its session list answers 404 for no such user,
            // so the user need not be read first (one call less per identity in a batch).
            base = "users/" + KeycloakHttp.enc(key);
            KeycloakHttp.Reply r = call.send("GET", base + "/sessions", null, "GET users/{id}/sessions");
            if (r.ok()) {
                listed = r.body();
            } else if (r.status() != 404) {
                throw call.failure(r, "GET users/{id}/sessions");
            }
        }
        if (listed == null) {
            base = UserLookup.path(users.requireUser(call, identityKey));
            listed = call.get(base + "/sessions", "GET users/{id}/sessions");
        }
        int sessions = listed.size();
        List<String> offlineClients = new ArrayList<>();
        if (config.revokeOfflineTokens()) {
            for (JsonNode consent : call.get(base + "/consents", "GET users/{id}/consents")) {
                if (holdsOfflineToken(consent)) {
                    offlineClients.add(consent.path("clientId").asText());
                }
            }
        }
        return new Held(base, sessions, offlineClients);
    }

    private static boolean holdsOfflineToken(JsonNode consent) {
        for (JsonNode grant : consent.path("additionalGrants")) {
            if (grant.path("key").asText("").toLowerCase(Locale.ROOT).contains("offline")) {
                return true;
            }
        }
        return false;
    }
}
