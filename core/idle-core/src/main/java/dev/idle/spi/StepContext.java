package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** What a step handler sees while it runs. */
@API(status = STABLE, since = "0.1")
public interface StepContext {
    String stepName();

    String stepType();

    /**
     * The step's resolved {@code With} (templates already substituted). Never null. Read-only, nested maps and lists
     * too: a change throws {@link UnsupportedOperationException}. Each attempt gets its own copy, so the plan is never
     * changed; a step that needs a changed map copies it ({@code Values.deepCopy}) first.
     */
    DataMap with();

    /**
     * The provider registered under {@code alias} (case-insensitive).
     *
     * @throws IllegalStateException "Provider '&lt;alias&gt;' was not supplied by the host."
     */
    Provider provider(String alias);

    /**
     * Acquires a session from the host's broker after checking that {@code options} is plain data.
     *
     * @throws IllegalStateException when the host configured no broker
     */
    AuthSession acquireAuthSession(String name, DataMap options);

    /** Whether the host's broker defines a session of this name (false without a broker). */
    default boolean definesAuthSession(String name) {
        return false;
    }

    EventWriter events();

    String correlationId();

    /** May be null. */
    String actor();
}
