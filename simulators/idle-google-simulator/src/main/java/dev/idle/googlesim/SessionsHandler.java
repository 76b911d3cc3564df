package dev.idle.googlesim;

/**
 * {@code POST /admin/directory/v1/users/{userKey}/signOut}: ends the user's web and device sessions and counts the
 * accepted sign-out. Called while synchronised on the tenant.
 */
final class SessionsHandler {
    private final GoogleTenant tenant;

    SessionsHandler(GoogleTenant tenant) {
        this.tenant = tenant;
    }

    GoogleAnswer signOut(String userId) {
        tenant.sessions.remove(userId);
        tenant.revocations.merge(userId, 1, Integer::sum);
        return new GoogleAnswer(204, null);
    }
}
