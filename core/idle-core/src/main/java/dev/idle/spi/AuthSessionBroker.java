package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Hands out auth sessions by name. The host supplies one; steps ask for a session through the engine, which first
 * checks that the options are plain data and adds {@code CorrelationId} and {@code Actor} to a copy of them.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface AuthSessionBroker {
    /**
     * @param name    the session name ({@code With.AuthSessionName})
     * @param options a copy of {@code With.AuthSessionOptions} plus {@code CorrelationId}/{@code Actor}; never null
     * @return the session; null means "no session" and the provider is then called without one
     * @throws RuntimeException when no session matches; the message must not contain secret values
     */
    AuthSession acquire(String name, DataMap options);

    /**
     * Whether a session of this name is defined. Mailbox steps ask before defaulting {@code AuthSessionName} to their
     * provider alias, so that a host without such a session needs no broker entry. The default answers false: a
     * broker that cannot tell is only asked for sessions a workflow names explicitly.
     */
    default boolean defines(String name) {
        return false;
    }
}
