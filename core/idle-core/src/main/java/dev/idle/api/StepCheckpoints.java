package dev.idle.api;

import dev.idle.api.data.DataMap;
import java.util.LinkedHashMap;
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
 * <p>A recorded outcome must be all later steps and the result need; {@link #toJson} and {@link #fromJson} give it
 * as JSON text (the engine's own JSON, with step output redacted as in every result, so no secret value is
 * recorded). Steps a run does not reach (after a failure) are not passed through the seam. Events of a step whose
 * outcome is replayed are not emitted again.
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
    StepOutcome run(String stepKey, Supplier<StepOutcome> body);

    /** {@code outcome} as one line of JSON, its step output redacted; {@link #fromJson} reads it back. */
    static String toJson(StepOutcome outcome) {
        IdleRuntime runtime = RuntimeLookup.runtime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", outcome.name());
        m.put("type", outcome.type());
        m.put("status", outcome.status().name());
        m.put("changed", outcome.changed());
        m.put("error", outcome.error());
        m.put("attempts", outcome.attempts());
        m.put("extras", runtime.redact(outcome.extras()));
        return runtime.compactJson(m);
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IdleInputException when {@code json} is not such a text
     */
    static StepOutcome fromJson(String json) {
        if (!(RuntimeLookup.runtime().parseData(json, "checkpoint.json") instanceof DataMap m)
                || m.getString("status") == null) {
            throw new IdleInputException("checkpoint.json: not a recorded step outcome");
        }
        Object attempts = m.get("attempts");
        return new StepOutcome(m.getString("name"), m.getString("type"), StepStatus.valueOf(m.getString("status")),
                Boolean.TRUE.equals(m.get("changed")), m.getString("error"),
                attempts instanceof Number n ? n.intValue() : 0, m.getMap("extras"));
    }
}
