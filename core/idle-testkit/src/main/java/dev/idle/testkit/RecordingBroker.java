package dev.idle.testkit;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker that hands out an {@code OAuth} session named as requested and records every request (name and the
 * options exactly as the engine passed them).
 */
public final class RecordingBroker implements AuthSessionBroker {
    /** One request the broker received. */
    public record Request(String name, DataMap options) {
    }

    private final List<Request> requests = new ArrayList<>();

    /** It hands out any name. */
    @Override
    public boolean defines(String name) {
        return true;
    }

    @Override
    public synchronized AuthSession acquire(String name, DataMap options) {
        requests.add(new Request(name, options));
        return AuthSession.of(name, "OAuth", new DataMap(), Secret.of("test-token-" + name));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }
}
