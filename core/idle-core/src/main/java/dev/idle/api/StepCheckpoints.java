package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.IdleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The seam through which a run executes each of its plan steps, so that a durable workflow engine can checkpoint
 * them: {@link #run} gets a key that names the step within its run and the step's body (precondition, handler under
 * the retry profile, the step's events); it either runs the body and records its outcome, or, when the step was
 * recorded before (a run resumed after a crash), returns the recorded outcome without running the body.
 * {@link #NONE}, the default of {@link Invocation}, just runs the body.
 *
 * <p>What a step records ({@link Recorded}) is its outcome and the events it emitted: all later steps and the
 * result need. {@link #toJson(Recorded)} and {@link #recordedFromJson} give it as JSON text (the engine's own JSON,
 * with step output redacted as in every result and events redacted as emitted, so no secret value is recorded).
 * When a step is replayed, its recorded events are emitted again (to the run's sink and into its result) with their
 * original timestamps, so a resumed run's result holds every step's events once. Steps a run does not reach (after
 * a failure) are not passed through the seam.
 *
 * <p>Implementations are called by the thread that runs the plan, one step at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface StepCheckpoints {
    /** Runs every step, records nothing. */
    StepCheckpoints NONE = (stepKey, body) -> body.get();

    /**
     * The outcome of the step {@code stepKey}: {@code body}'s, or the one recorded for this key before.
     *
     * @param stepKey unique within a run, the same for the same step of the same plan: e.g. {@code 0:Disable} for
     *                the first primary step, {@code onFailure:0:Notify} for the first OnFailure step
     */
    Recorded run(String stepKey, Supplier<Recorded> body);

    /**
     * What one step leaves behind: its outcome and the events it emitted (already redacted), in order.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    record Recorded(StepOutcome outcome, List<IdleEvent> events) {
        public Recorded {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    /** {@code step} (outcome and events) as one line of JSON; {@link #recordedFromJson} reads it back. */
    static String toJson(Recorded step) {
        Map<String, Object> m = outcomeMap(step.outcome());
        List<Object> events = new ArrayList<>();
        for (IdleEvent e : step.events()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("timestampUtc", e.timestampUtc().toString());
            em.put("type", e.type());
            em.put("message", e.message());
            em.put("correlationId", e.correlationId());
            em.put("actor", e.actor());
            em.put("stepName", e.stepName());
            em.put("data", e.data() == null ? null : RuntimeLookup.runtime().redact(e.data()));
            events.add(em);
        }
        m.put("events", events);
        return RuntimeLookup.runtime().compactJson(m);
    }

    /**
     * Reads what {@link #toJson(Recorded)} wrote (a text of {@link #toJson(StepOutcome)} reads with no events).
     *
     * @throws IdleInputException when {@code json} is not such a text
     */
    static Recorded recordedFromJson(String json) {
        DataMap m = recordedMap(json);
        List<IdleEvent> events = new ArrayList<>();
        if (m.get("events") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof DataMap e) || e.getString("timestampUtc") == null) {
                    throw new IdleInputException("checkpoint.json: not a recorded step event");
                }
                events.add(new IdleEvent(Instant.parse(e.getString("timestampUtc")), e.getString("type"),
                        e.getString("message"), e.getString("correlationId"), e.getString("actor"),
                        e.getString("stepName"), e.getMap("data")));
            }
        }
        return new Recorded(outcomeOf(m), events);
    }

    /** {@code outcome} as one line of JSON, its step output redacted; {@link #fromJson} reads it back. */
    static String toJson(StepOutcome outcome) {
        return RuntimeLookup.runtime().compactJson(outcomeMap(outcome));
    }

    private static Map<String, Object> outcomeMap(StepOutcome outcome) {
        IdleRuntime runtime = RuntimeLookup.runtime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", outcome.name());
        m.put("type", outcome.type());
        m.put("status", outcome.status().name());
        m.put("changed", outcome.changed());
        m.put("error", outcome.error());
        m.put("attempts", outcome.attempts());
        m.put("extras", runtime.redact(outcome.extras()));
        return m;
    }

    /**
     * The outcome in what {@link #toJson(StepOutcome)} or {@link #toJson(Recorded)} wrote.
     *
     * @throws IdleInputException when {@code json} is not such a text
     */
    static StepOutcome fromJson(String json) {
        return outcomeOf(recordedMap(json));
    }

    private static DataMap recordedMap(String json) {
        if (!(RuntimeLookup.runtime().parseData(json, "checkpoint.json") instanceof DataMap m)
                || m.getString("status") == null) {
            throw new IdleInputException("checkpoint.json: not a recorded step outcome");
        }
        return m;
    }

    private static StepOutcome outcomeOf(DataMap m) {
        Object attempts = m.get("attempts");
        return new StepOutcome(m.getString("name"), m.getString("type"), StepStatus.valueOf(m.getString("status")),
                Boolean.TRUE.equals(m.get("changed")), m.getString("error"),
                attempts instanceof Number n ? n.intValue() : 0, m.getMap("extras"));
    }
}
