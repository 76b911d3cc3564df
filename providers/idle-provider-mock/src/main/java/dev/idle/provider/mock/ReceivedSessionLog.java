package dev.idle.provider.mock;

import dev.idle.spi.AuthSession;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@value #KEPT} auth sessions a mock provider was called with (without their secrets, see
 * {@link ReceivedSession}), for tests that assert the engine passed them on. Bounded, so a long batch run against one
 * mock keeps a constant amount of it however many requests pass. Thread-safe.
 */
final class ReceivedSessionLog {
    /** Enough for any test's assertions; older entries are dropped first. */
    static final int KEPT = 1_000;

    private final ArrayDeque<ReceivedSession> recent = new ArrayDeque<>();

    /** Records {@code session} (ignored when null) as received by {@code method} for {@code subject}. */
    void record(String method, String subject, AuthSession session) {
        if (session == null) {
            return;
        }
        ReceivedSession entry = new ReceivedSession(method, subject, session);
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
    }

    /** The kept sessions, oldest first. */
    List<ReceivedSession> list() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
