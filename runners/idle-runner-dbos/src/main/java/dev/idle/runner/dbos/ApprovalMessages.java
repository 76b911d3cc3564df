package dev.idle.runner.dbos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.runner.Approval;
import java.time.Instant;

/**
 * The two texts approvals put into the database, as JSON strings (DBOS stores them as given): the
 * <em>decision</em> a caller sends to a waiting run (topic {@link #TOPIC}), and the <em>approval state</em> the run
 * publishes as its event {@link #EVENT}. Both hold names and reasons already masked, never a secret. Stateless and
 * thread-safe.
 */
final class ApprovalMessages {
    /** The DBOS message topic decisions are sent on. */
    static final String TOPIC = "idle-approval";
    /** The DBOS event key the run publishes its {@link Approval} under. */
    static final String EVENT = "approval";
    /** The DBOS event key a waiting run publishes its plan export under (redacted as exported: no secret). */
    static final String PLAN_EVENT = "approval-plan";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalMessages() {
    }

    /** A decision sent to a waiting run: approve {@code planHash}, or reject (planHash null) for {@code reason}. */
    record Decision(boolean approve, String planHash, String by, String reason) {
    }

    static String decision(Decision d) {
        ObjectNode n = JSON.createObjectNode().put("decision", d.approve() ? "Approved" : "Rejected")
                .put("planHash", d.planHash()).put("by", d.by()).put("reason", d.reason());
        return write(n);
    }

    /** The decision in {@code text}, or null when it is not one (a message nobody should have sent). */
    static Decision readDecision(Object text) {
        JsonNode n = read(text);
        if (n == null || !n.path("by").isTextual()) {
            return null;
        }
        String kind = n.path("decision").asText();
        if (!kind.equals("Approved") && !kind.equals("Rejected")) {
            return null;
        }
        return new Decision(kind.equals("Approved"), n.path("planHash").textValue(), n.path("by").asText(),
                n.path("reason").textValue());
    }

    static String state(Approval a) {
        ObjectNode n = JSON.createObjectNode().put("state", a.state().name()).put("planHash", a.planHash())
                .put("decidedBy", a.decidedBy()).put("decidedAt", a.decidedAt() == null ? null
                        : a.decidedAt().toString()).put("reason", a.reason());
        return write(n);
    }

    /** The approval state in {@code text} (an event's value), or null when it is none. */
    static Approval readState(Object text) {
        JsonNode n = read(text);
        if (n == null || !n.path("planHash").isTextual()) {
            return null;
        }
        String at = n.path("decidedAt").textValue();
        return new Approval(Approval.State.valueOf(n.path("state").asText()), n.path("planHash").asText(),
                n.path("decidedBy").textValue(), at == null ? null : Instant.parse(at), n.path("reason").textValue());
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an approval message", e);
        }
    }

    private static JsonNode read(Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
