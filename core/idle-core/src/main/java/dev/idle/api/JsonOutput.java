package dev.idle.api;

import dev.idle.api.data.DataMap;
import dev.idle.api.event.IdleEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * JSON forms of results and events, as the CLI writes them: camelCase keys, statuses spelled as IdLE spells them,
 * redacted step output.
 */
@API(status = STABLE, since = "0.1")
public final class JsonOutput {
    private JsonOutput() {
    }

    /** The execution result, pretty-printed. */
    public static String result(ExecutionResult r) {
        return result(r, List.of());
    }

    /**
     * The execution result with the outputs of the run that could not be written completely (the CLI's events file):
     * when {@code outputErrors} is not empty it becomes the top-level {@code outputErrors} list, one object per
     * output (e.g. {@code output}, {@code path}, {@code linesWritten}, {@code error}), which marks what a reader of
     * the result must not take as complete. The result is {@link #result(ExecutionResult)}'s otherwise.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static String result(ExecutionResult r, List<Map<String, Object>> outputErrors) {
        Map<String, Object> m = resultMap(r, new LinkedHashMap<>());
        if (!outputErrors.isEmpty()) {
            m.put("outputErrors", outputErrors);
        }
        return RuntimeLookup.runtime().prettyJson(m);
    }

    /**
     * One record of a batch as a single line of JSON: {@code index}, {@code line}, {@code startedAt},
     * {@code finishedAt}, then the {@code invoke} result object's keys ({@code status}, {@code correlationId},
     * {@code actor}, {@code steps}, {@code onFailure}, {@code events}). An {@code Invalid} record has {@code status},
     * {@code correlationId} (null when none could be read) and {@code error} instead; a {@code Planned} record of a
     * dry run has {@code status}, {@code correlationId}, {@code actor} and {@code steps} (name, type, the planned
     * status, provider) of the plan.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static String recordLine(BatchRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", record.index());
        m.put("line", record.line());
        m.put("startedAt", record.startedAt().toString());
        m.put("finishedAt", record.finishedAt().toString());
        if (record.result() != null) {
            resultMap(record.result(), m);
        } else {
            m.put("status", record.status().name());
            m.put("correlationId", record.correlationId());
            if (record.plan() != null) {
                m.put("actor", record.plan().actor());
                m.put("steps", plannedSteps(record.plan()));
            }
            if (record.error() != null) {
                m.put("error", record.error());
            }
        }
        return RuntimeLookup.runtime().compactJson(m);
    }

    private static List<Object> plannedSteps(Plan plan) {
        List<Object> out = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("type", s.type());
            step.put("status", s.status().name());
            step.put("provider", s.provider());
            out.add(step);
        }
        return out;
    }

    private static Map<String, Object> resultMap(ExecutionResult r, Map<String, Object> m) {
        m.put("status", r.status().name());
        m.put("correlationId", r.correlationId());
        m.put("actor", r.actor());
        m.put("steps", steps(r.steps()));
        Map<String, Object> onFailure = new LinkedHashMap<>();
        onFailure.put("status", r.onFailure().status().name());
        onFailure.put("steps", steps(r.onFailure().steps()));
        m.put("onFailure", onFailure);
        List<Object> events = new ArrayList<>();
        r.events().forEach(e -> events.add(eventMap(e)));
        m.put("events", events);
        return m;
    }

    /** One event as a single line of JSON. */
    public static String eventLine(IdleEvent e) {
        return RuntimeLookup.runtime().compactJson(eventMap(e));
    }

    private static List<Object> steps(List<StepOutcome> outcomes) {
        List<Object> out = new ArrayList<>();
        for (StepOutcome s : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("status", s.status().name());
            m.put("changed", s.changed());
            m.put("error", s.error());
            m.put("attempts", s.attempts());
            DataMap extras = RuntimeLookup.runtime().redact(s.extras());
            extras.forEach((k, v) -> m.putIfAbsent(camel(k), v));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> eventMap(IdleEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put("stepName", e.stepName());
        m.put("message", e.message());
        m.put("data", e.data());
        m.put("timestampUtc", e.timestampUtc());
        m.put("correlationId", e.correlationId());
        m.put("actor", e.actor());
        return m;
    }

    private static String camel(String key) {
        return key.isEmpty() ? key : key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1);
    }
}
