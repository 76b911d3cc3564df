package dev.idle.provider.mock;

import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;

/**
 * One auth session a mock method was called with, so tests can assert that the engine passed it on.
 * {@code identityKey} is the computer name for the directory-sync methods.
 *
 * <p>Only the session's name, type and non-secret attributes are kept: the constructor replaces {@code session} by
 * a copy without its {@link AuthSession#secret() secret}, so a recorded session never keeps a token or password alive
 * beyond the call. Two records are equal when method, key, name, type and attributes match.
 * {@link #toString()} names the session only.
 */
public record ReceivedSession(String method, String identityKey, AuthSession session) {
    public ReceivedSession {
        if (session != null) {
            session = AuthSession.of(session.name(), session.type(),
                    session.attributes() == null ? null : Values.deepCopyMap(session.attributes()), null);
        }
    }

    @Override
    public String toString() {
        return "ReceivedSession[method=" + method + ", identityKey=" + identityKey
                + ", session=" + (session == null ? null : session.name() + " (" + session.type() + ")") + "]";
    }
}
