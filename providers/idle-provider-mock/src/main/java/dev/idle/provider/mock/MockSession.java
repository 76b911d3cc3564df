package dev.idle.provider.mock;

import java.util.Objects;

/** A sign-in session of a mock identity, as {@code RevokeSessions} removes it: its id and the client that holds it. */
public record MockSession(String id, String client) {
    public MockSession {
        Objects.requireNonNull(id, "session id");
    }
}
