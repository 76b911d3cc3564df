package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * The business intent of one run: which lifecycle event, for which identity, with which inputs and context.
 *
 * <p>Maps are shallow copies of what the caller passed; a blank correlation id is replaced by a random UUID and a
 * blank actor becomes null. Executable values anywhere in the maps are rejected.
 */
@API(status = STABLE, since = "0.1")
public final class LifecycleRequest {
    private static final Set<String> KNOWN_KEYS =
            Set.of("lifecycleevent", "correlationid", "actor", "identitykeys", "intent", "context");

    private final String lifecycleEvent;
    private final String correlationId;
    private final String actor;
    private final DataMap identityKeys;
    private final DataMap intent;
    private final DataMap context;
    private final boolean correlationIdGenerated;

    private LifecycleRequest(String lifecycleEvent, String correlationId, String actor, DataMap identityKeys,
                             DataMap intent, DataMap context, boolean correlationIdGenerated) {
        this.correlationIdGenerated = correlationIdGenerated;
        this.lifecycleEvent = lifecycleEvent;
        this.correlationId = correlationId;
        this.actor = actor;
        this.identityKeys = identityKeys;
        this.intent = intent;
        this.context = context;
    }

    /**
     * Creates a request.
     *
     * @throws IdleInputException when the lifecycle event is blank or a map holds an executable value
     */
    public static LifecycleRequest create(String lifecycleEvent, String correlationId, String actor,
                                          Map<String, ?> identityKeys, Map<String, ?> intent, Map<String, ?> context) {
        if (lifecycleEvent == null || lifecycleEvent.isBlank()) {
            throw new IdleInputException("request: LifecycleEvent is required and must not be blank");
        }
        rejectExecutable(identityKeys, "IdentityKeys");
        rejectExecutable(intent, "Intent");
        rejectExecutable(context, "Context");
        boolean generated = correlationId == null || correlationId.isBlank();
        String corr = generated ? UUID.randomUUID().toString() : correlationId;
        String who = actor == null || actor.isBlank() ? null : actor;
        return new LifecycleRequest(lifecycleEvent, corr, who, copy(identityKeys), copy(intent), copy(context),
                generated);
    }

    /**
     * Reads a request from a data tree (a loaded JSON/YAML file): keys are case-insensitive.
     *
     * @param source names the file in error messages
     */
    public static LifecycleRequest fromData(Object data, String source) {
        if (!(data instanceof DataMap m)) {
            throw new IdleInputException(source + ": a request must be a map at the root");
        }
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String key : m.keySet()) {
            if (!KNOWN_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT)) && !key.equalsIgnoreCase("Identity")) {
                problems.add(source + ": unknown request key '" + key
                        + "'. Allowed keys: lifecycleEvent, correlationId, actor, identityKeys, intent, context.");
            }
        }
        if (m.containsKey("Identity")) {
            problems.add(source + ": a request must not contain 'Identity'; put identity data under context.Identity");
        }
        for (String key : new String[] {"identityKeys", "intent", "context"}) {
            Object v = m.get(key);
            if (v != null && !(v instanceof DataMap)) {
                problems.add(source + ": request key '" + key + "' must be a map");
            }
        }
        Object event = m.get("lifecycleEvent");
        if (event == null || Values.ps(event).isBlank()) {
            problems.add(source + ": request key 'lifecycleEvent' is required");
        }
        for (String key : new String[] {"correlationId", "actor", "lifecycleEvent"}) {
            Object v = m.get(key);
            if (v != null && !Values.isScalar(v)) {
                problems.add(source + ": request key '" + key + "' must be a string");
            }
        }
        if (!problems.isEmpty()) {
            throw new IdleInputException(source + ": invalid request", problems);
        }
        return create(Values.ps(event), m.getString("correlationId"), m.getString("actor"),
                m.getMap("identityKeys"), m.getMap("intent"), m.getMap("context"));
    }

    /** A fluent builder, mirroring IdLE's {@code New-IdleRequest}. */
    public static Builder builder(String lifecycleEvent) {
        return new Builder(lifecycleEvent);
    }

    /** Builds a {@link LifecycleRequest} step by step. */
    @API(status = STABLE, since = "0.1")
    public static final class Builder {
        private final String lifecycleEvent;
        private String correlationId;
        private String actor;
        private final DataMap identityKeys = new DataMap();
        private final DataMap intent = new DataMap();
        private final DataMap context = new DataMap();

        private Builder(String lifecycleEvent) {
            this.lifecycleEvent = lifecycleEvent;
        }

        /** Without one, a random UUID is generated (and plan exports differ per run). */
        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        public Builder actor(String value) {
            this.actor = value;
            return this;
        }

        public Builder identityKey(String key, Object value) {
            identityKeys.put(key, value);
            return this;
        }

        public Builder intent(String key, Object value) {
            intent.put(key, value);
            return this;
        }

        public Builder context(String key, Object value) {
            context.put(key, value);
            return this;
        }

        public LifecycleRequest build() {
            return create(lifecycleEvent, correlationId, actor, identityKeys, intent, context);
        }
    }

    /** Reads a request file ({@code .json}, {@code .yaml}/{@code .yml}); keys are case-insensitive. */
    public static LifecycleRequest load(java.nio.file.Path file) {
        return fromData(RuntimeLookup.runtime().loadData(file), file.toString());
    }

    private static void rejectExecutable(Map<String, ?> map, String root) {
        String at = Values.findExecutable(map, root);
        if (at != null) {
            throw new IdleInputException("ScriptBlocks are not allowed in request data. Found at: " + at);
        }
    }

    private static DataMap copy(Map<String, ?> m) {
        return m == null ? new DataMap() : new DataMap(m);
    }

    public String lifecycleEvent() {
        return lifecycleEvent;
    }

    public String correlationId() {
        return correlationId;
    }

    /**
     * True when the caller gave no correlation id and a random one was made: a durable runner, which identifies a
     * submission by its correlation id, refuses such a request.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public boolean correlationIdGenerated() {
        return correlationIdGenerated;
    }

    /** Null when none was given. */
    public String actor() {
        return actor;
    }

    public DataMap identityKeys() {
        return identityKeys;
    }

    public DataMap intent() {
        return intent;
    }

    public DataMap context() {
        return context;
    }

    /** A deep copy, so that later changes to this request do not reach the copy. */
    public LifecycleRequest snapshot() {
        return new LifecycleRequest(lifecycleEvent, correlationId, actor, Values.deepCopyMap(identityKeys),
                Values.deepCopyMap(intent), Values.deepCopyMap(context), correlationIdGenerated);
    }

    /** The request as the {@code Request} root of condition paths and templates (live maps, not copies). */
    public DataMap toData() {
        return DataMap.of("LifecycleEvent", lifecycleEvent, "CorrelationId", correlationId, "Actor", actor,
                "IdentityKeys", identityKeys, "Intent", intent, "Context", context);
    }
}
