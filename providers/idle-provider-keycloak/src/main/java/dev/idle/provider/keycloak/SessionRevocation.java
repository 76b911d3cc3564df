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
 * {@code RevokeSessions} for {@link KeycloakProvider}: lists the user's sessions, logs the user out and, with
 * {@code revokeOfflineTokens}, revokes the offline tokens held for each client (a consent already gone counts as
 * revoked). Reports a change only when something existed. Fails with {@link ProviderException} for a missing user or a
 * failed admin call. Thread-safe.
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

    ProviderResult revokeSessions(String identityKey, AuthSession session) {
        AdminCall call = calls.call(session);
        JsonNode user = users.requireUser(call, identityKey);
        String base = UserLookup.path(user);
        int sessions = call.get(base + "/sessions", "GET users/{id}/sessions").size();
        List<String> offlineClients = new ArrayList<>();
        if (config.revokeOfflineTokens()) {
            for (JsonNode consent : call.get(base + "/consents", "GET users/{id}/consents")) {
                if (holdsOfflineToken(consent)) {
                    offlineClients.add(consent.path("clientId").asText());
                }
            }
        }
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
        extras.put("SessionsRevoked", sessions);
        if (config.revokeOfflineTokens()) {
            extras.put("OfflineTokenClients", offlineClients);
        }
        return new ProviderResult(ProviderMethods.REVOKE_SESSIONS, identityKey, sessions > 0 || !offlineClients.isEmpty(),
                extras);
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
