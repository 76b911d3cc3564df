package dev.idle.spi;

import dev.idle.api.data.DataMap;
import java.util.function.BiFunction;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a {@link StepPreviewer} sees: the step's resolved inputs and the host's providers, through <b>read
 * operations only</b>. A provider is handed out as the one read interface asked for (a view that implements nothing
 * else, so it cannot be cast to a writer), and asking for an interface whose {@link CapabilityContract} or
 * {@link OptionalOperation} says {@link Access#WRITE} is refused.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface PreviewContext {
    String stepName();

    String stepType();

    /** The step's resolved {@code With}, read-only (as {@link StepContext#with()}). Never null. */
    DataMap with();

    /**
     * True when the provider under {@code alias} is supplied by the host and implements {@code contract}.
     *
     * @throws IllegalArgumentException when {@code contract} is not a read operation
     */
    boolean canRead(String alias, Class<?> contract);

    /**
     * Calls a read operation of the provider under {@code alias}, with the session {@code With.AuthSessionName}
     * names (acquired from the host's broker; none when the step names none), passed only when the method accepts
     * one.
     *
     * @throws IllegalArgumentException      when {@code contract} is not a read operation
     * @throws IllegalStateException         "Provider '&lt;alias&gt;' was not supplied by the host."
     * @throws UnsupportedOperationException "Provider '&lt;alias&gt;' does not implement &lt;method&gt; method."
     */
    default <P, R> R read(String alias, Class<P> contract, BiFunction<P, AuthSession, R> call) {
        return read(alias, with().getString("AuthSessionName"), contract, call);
    }

    /**
     * {@link #read(String, Class, BiFunction)} with the session {@code authSessionName} (null: none), for steps
     * whose session name has a default (the mailbox steps use their alias when the host defines such a session).
     */
    <P, R> R read(String alias, String authSessionName, Class<P> contract, BiFunction<P, AuthSession, R> call);

    /** Whether the host's broker defines a session of this name (false without a broker). */
    boolean definesAuthSession(String name);
}
