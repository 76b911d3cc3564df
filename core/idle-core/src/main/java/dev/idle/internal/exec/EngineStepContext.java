package dev.idle.internal.exec;

import dev.idle.api.Providers;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.AuthSessionBroker;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Provider;
import dev.idle.spi.StepContext;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@link StepContext} the engine hands to a step handler. */
final class EngineStepContext implements StepContext {
    private final String stepName;
    private final String stepType;
    private final DataMap with;
    private final Providers providers;
    private final EventBus events;
    private final String correlationId;
    private final String actor;

    EngineStepContext(String stepName, String stepType, DataMap with, Providers providers, EventBus events,
                      String correlationId, String actor) {
        this.stepName = stepName;
        this.stepType = stepType;
        this.with = with;
        this.providers = providers;
        this.events = events;
        this.correlationId = correlationId;
        this.actor = actor;
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public String stepType() {
        return stepType;
    }

    @Override
    public DataMap with() {
        return with;
    }

    @Override
    public Provider provider(String alias) {
        Provider p = providers.get(alias);
        if (p == null) {
            throw new IllegalStateException("Provider '" + alias + "' was not supplied by the host.");
        }
        return p;
    }

    @Override
    public boolean definesAuthSession(String name) {
        AuthSessionBroker broker = providers.broker();
        return broker != null && broker.defines(name);
    }

    @Override
    public AuthSession acquireAuthSession(String name, DataMap options) {
        AuthSessionBroker broker = providers.broker();
        if (broker == null) {
            throw new IllegalStateException("No AuthSessionBroker configured. Define auth session '" + name
                    + "' in the host file (authSessions) to acquire it during execution.");
        }
        DataMap copy = options == null ? new DataMap() : options;
        String bad = firstNonData(copy, "AuthSessionOptions");
        if (bad != null) {
            throw new IllegalArgumentException(
                    "ScriptBlocks are not allowed in auth session options (plain data only). Found at: " + bad);
        }
        copy = (DataMap) Values.deepCopy(copy);
        if (correlationId != null) {
            copy.put("CorrelationId", correlationId);
        }
        if (actor != null) {
            copy.put("Actor", actor);
        }
        return broker.acquire(name, copy);
    }

    /** The path of the first value that is not plain data (maps, lists, strings, numbers, booleans, dates, null). */
    static String firstNonData(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof UUID
                || v instanceof TemporalAccessor || v instanceof BigDecimal || v instanceof Character) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String found = firstNonData(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String found = firstNonData(l.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return path;
    }

    @Override
    public EventWriter events() {
        return (type, message, data) -> events.emit(type, message, stepName, data);
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public String actor() {
        return actor;
    }
}
