package dev.idle.testkit;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A broker that hands out an {@code OAuth} session named as requested and records every request (name and the
 * options exactly as the engine passed them). {@code new RecordingBroker()} defines every name;
 * {@link #defining(String...)} defines only the names given, as a host file's {@code authSessions} would.
 * Thread-safe.
 */
public final class RecordingBroker implements AuthSessionBroker {
    /** One request the broker received. */
    public record Request(String name, DataMap options) {
    }

    private final List<Request> requests = new ArrayList<>();
    /** Null: every name is defined. */
    private final Set<String> defined;

    /** A broker that defines every name. */
    public RecordingBroker() {
        this(null);
    }

    private RecordingBroker(Set<String> defined) {
        this.defined = defined;
    }

    /**
     * A broker that defines only {@code names} (spelled exactly). Acquiring any other name is recorded, then fails
     * with {@code IllegalStateException("Auth session '<name>' is not defined.")}.
     */
    public static RecordingBroker defining(String... names) {
        return new RecordingBroker(Set.of(names));
    }

    @Override
    public boolean defines(String name) {
        return defined == null || defined.contains(name);
    }

    @Override
    public synchronized AuthSession acquire(String name, DataMap options) {
        requests.add(new Request(name, options));
        if (!defines(name)) {
            throw new IllegalStateException("Auth session '" + name + "' is not defined.");
        }
        return AuthSession.of(name, "OAuth", new DataMap(), Secret.of("test-token-" + name));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The names requested, in order. */
    public synchronized List<String> requestedNames() {
        return requests.stream().map(Request::name).toList();
    }
}
