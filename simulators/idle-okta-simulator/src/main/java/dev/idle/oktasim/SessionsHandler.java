package dev.idle.oktasim;

import java.util.Map;

/**
 * {@code DELETE /api/v1/users/{id}/sessions}: ends the user's Okta sessions and, unless {@code oauthTokens=false},
 * revokes the OAuth tokens too; each accepted call is counted as a revocation. Called while synchronised on the
 * tenant.
 */
final class SessionsHandler {
    private final OktaTenant tenant;

    SessionsHandler(OktaTenant tenant) {
        this.tenant = tenant;
    }

    OktaAnswer clear(OktaTenant.User u, Map<String, String> q) {
        u.sessions.clear();
        if (!"false".equalsIgnoreCase(q.get("oauthTokens"))) {
            u.oauthTokens = 0;
        }
        tenant.revocations.merge(u.id, 1, Integer::sum);
        return OktaAnswer.noContent();
    }
}
