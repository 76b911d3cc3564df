package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Counts what {@link SessionRevoker#revokeSessions} would end for an identity: its active sign-in sessions (and,
 * where the provider revokes them too, its offline tokens), so that a plan preview can show
 * {@code active sessions: 3 → 0}. Optional: a backend that cannot list sessions (Microsoft Graph v1.0) does not
 * implement it, and the preview then says that every session will be revoked without a count.
 *
 * <p>Only reads. An unknown key is an error, as for {@link IdentityReader}; a failed call throws
 * {@link ProviderException}. The count is a snapshot: sessions may start or end before the run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@OptionalOperation(method = "CountSessions", access = Access.READ)
@FunctionalInterface
public interface SessionCounter {
    /**
     * @param session null when none was acquired or the method does not take one
     * @return zero or more; a provider whose {@code RevokeSessions} reports a change exactly when this is positive
     */
    int countSessions(String identityKey, AuthSession session);
}
