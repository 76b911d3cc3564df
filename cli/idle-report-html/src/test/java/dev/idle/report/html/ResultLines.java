package dev.idle.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Results records as {@code idle batch --results} writes them, for tests: one JSON line each. */
final class ResultLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLines() {
    }

    /** A record of a run with one step that changed, finished {@code seconds} after {@code start}. */
    static String record(long index, String status, String correlationId, Instant start, double seconds,
                         String stepError) {
        ObjectNode r = JSON.createObjectNode();
        r.put("index", index);
        r.put("line", index + 2);
        r.put("startedAt", start.toString());
        r.put("finishedAt", start.plusMillis((long) (seconds * 1000)).toString());
        r.put("status", status);
        r.put("correlationId", correlationId);
        r.put("actor", "hr-sync");
        ArrayNode steps = r.putArray("steps");
        ObjectNode disable = steps.addObject();
        disable.put("name", "Disable account");
        disable.put("type", "IdLE.Step.DisableIdentity");
        disable.put("status", stepError == null ? "Completed" : "Failed");
        disable.put("changed", stepError == null);
        disable.put("error", stepError);
        disable.put("attempts", 1);
        ObjectNode revoke = steps.addObject();
        revoke.put("name", "Revoke sessions");
        revoke.put("status", "NotRun");
        revoke.put("changed", false);
        revoke.putNull("error");
        ObjectNode onFailure = r.putObject("onFailure");
        onFailure.put("status", "NotRun");
        onFailure.putArray("steps");
        ArrayNode events = r.putArray("events");
        events.addObject().put("type", "RunStarted").put("message", "Plan execution started.");
        return r.toString();
    }

    /** A record of a request that did not run, with its own error (an Invalid line, a rejection). */
    static String notRun(long index, String status, String correlationId, Instant at, String error) {
        ObjectNode r = JSON.createObjectNode();
        r.put("index", index);
        r.put("line", index + 2);
        r.put("startedAt", at.toString());
        r.put("finishedAt", at.toString());
        r.put("status", status);
        r.put("correlationId", correlationId);
        r.put("error", error);
        return r.toString();
    }
}
