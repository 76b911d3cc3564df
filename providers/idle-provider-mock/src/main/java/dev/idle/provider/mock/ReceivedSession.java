package dev.idle.provider.mock;

import dev.idle.spi.AuthSession;

/**
 * One auth session a mock method was called with, so tests can assert that the engine passed it on.
 * {@code identityKey} is the computer name for the directory-sync methods.
 * {@link #toString()} names the session only; its secret is never rendered.
 */
public record ReceivedSession(String method, String identityKey, AuthSession session) {
    @Override
    public String toString() {
        return "ReceivedSession[method=" + method + ", identityKey=" + identityKey
                + ", session=" + session.name() + " (" + session.type() + ")]";
    }
}
