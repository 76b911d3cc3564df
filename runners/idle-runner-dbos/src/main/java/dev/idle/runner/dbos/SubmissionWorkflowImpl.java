package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowClassName;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.idle.api.AffectedCount;
import dev.idle.api.ExecutionOptions;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Providers;
import dev.idle.api.RequestSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One submission as a DBOS workflow, run by whichever worker takes it from {@link Queues#SUBMISSIONS}:
 * <ol>
 *   <li>not before its time: the queue held it back until then by the submitter's clock; if this worker's clock is
 *       still earlier, a durable sleep waits the rest (it survives a restart);</li>
 *   <li>its blast radius, when it carries a limit: each request is planned with this worker's host (no write) in one
 *       checkpointed step; when more would change something than the limit allows (and the submitter did not confirm
 *       exactly that count), the whole submission is quarantined: the {@value #QUARANTINE_EVENT} event says so with
 *       the count, and it waits durably for a release message whose count matches; nothing has run;</li>
 *   <li>one request run per request on {@link Queues#REQUESTS}, id = correlation id, carrying the workflow
 *       definition; a run already there under that id (the same request, as the client checked) is not started
 *       again;</li>
 *   <li>its result lists the ids of its request runs, and any whose id turned out to name a run of a different
 *       request (submitted meanwhile by another submission).</li>
 * </ol>
 * Thread-safe: DBOS runs many submissions on one instance at once.
 */
@WorkflowClassName(Queues.SUBMISSION_CLASS)
final class SubmissionWorkflowImpl implements SubmissionWorkflow {
    /** The event a quarantined submission sets: {@code {"affected":K,"requests":N,"limit":"…","released":false}}. */
    static final String QUARANTINE_EVENT = "quarantine";
    /** The topic of the release message: the confirmed count, as decimal text. */
    static final String RELEASE_TOPIC = "release";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;
    /** How long one durable wait for the release lasts before the next; any length works, each is checkpointed. */
    private static final Duration RELEASE_WAIT = Duration.ofHours(12);

    private final DBOS dbos;
    private final Idle idle;
    private final RequestWorkflow requests;
    private final Providers providers;
    private final ExecutionOptions options;

    SubmissionWorkflowImpl(DBOS dbos, Idle idle, RequestWorkflow requests, Providers providers,
                           ExecutionOptions options) {
        this.dbos = dbos;
        this.idle = idle;
        this.requests = requests;
        this.providers = providers;
        this.options = options;
    }

    @Override
    @Workflow(name = SubmissionWorkflow.NAME)
    public String run(String submissionJson, String submissionHash) {
        StoredSubmission s = StoredSubmission.read(DBOS.workflowId(), submissionJson);
        if (s.notBefore != null) {
            Instant now = Instant.parse(step("clock", () -> Instant.now().toString()));
            if (now.isBefore(s.notBefore)) {
                dbos.sleep(Duration.between(now, s.notBefore));
            }
        }
        if (s.maxAffected != null) {
            holdWhileAboveLimit(s);
        }
        for (int i = 0; i < s.requests.size(); i++) {
            StoredSubmission.Entry e = s.requests.get(i);
            String position = i + " " + e.line();
            dbos.startWorkflow(() -> requests.run(e.request().json, e.request().hash, s.workflow.source,
                            s.workflow.hash, s.workflow.json, position),
                    new StartWorkflowOptions().withWorkflowId(e.request().correlationId).withQueue(Queues.REQUESTS));
        }
        return step("check requests", () -> summary(s));
    }

    /**
     * The submission's result: {@code {"submission":…,"requests":N,"ids":[…],"conflicts":[{"line":L,
     * "correlationId":…}]}}: the ids of its request runs, and those whose id already named a run of a different
     * request when they were started (a race the client's check cannot close: that run is not this request's).
     */
    private String summary(StoredSubmission s) {
        ObjectNode out = JSON.createObjectNode().put("submission", s.id).put("requests", s.requests.size());
        ArrayNode ids = out.putArray("ids");
        ArrayNode conflicts = out.putArray("conflicts");
        for (int from = 0; from < s.requests.size(); from += PAGE) {
            List<StoredSubmission.Entry> page = s.requests.subList(from, Math.min(s.requests.size(), from + PAGE));
            Map<String, StoredSubmission.Entry> byId = new HashMap<>();
            page.forEach(e -> byId.put(e.request().correlationId, e));
            for (WorkflowStatus run : dbos.listWorkflows(new ListWorkflowsInput()
                    .withWorkflowIds(List.copyOf(byId.keySet())).withLoadInput(true).withLoadOutput(false))) {
                StoredSubmission.Entry e = byId.get(run.workflowId());
                Object[] input = run.input();
                if (!RequestWorkflow.NAME.equals(run.workflowName()) || input == null || input.length < 2
                        || !e.request().hash.equals(input[1])) {
                    conflicts.addObject().put("line", e.line()).put("correlationId", run.workflowId());
                }
            }
            page.forEach(e -> ids.add(e.request().correlationId));
        }
        return out.toString();
    }

    private void holdWhileAboveLimit(StoredSubmission s) {
        long affected = Long.parseLong(step("count affected", () -> Long.toString(countAffected(s))));
        long threshold = s.maxAffected.threshold(s.requests.size());
        boolean confirmed = s.confirmedAffected != null && s.confirmedAffected == affected;
        if (affected <= threshold || confirmed) {
            return;
        }
        dbos.setEvent(QUARANTINE_EVENT, quarantine(affected, s, null).toString());
        JsonNode release;
        while (true) {
            release = readRelease(dbos.<String>recv(RELEASE_TOPIC, RELEASE_WAIT).orElse(null));
            if (release != null && release.path("count").asLong(-1) == affected) {
                break;
            }
        }
        String at = step("released", () -> Instant.now().toString());
        ObjectNode released = quarantine(affected, s, release.path("by").asText(null));
        dbos.setEvent(QUARANTINE_EVENT, released.put("releasedAt", at).toString());
    }

    /** A release message, or null for none or one that is not (sent by other means than the client): ignored. */
    private static JsonNode readRelease(String message) {
        try {
            return message == null ? null : JSON.readTree(message);
        } catch (IOException e) {
            return null;
        }
    }

    /** The release message: the confirmed count and who released (already masked). */
    static String releaseMessage(long confirmAffected, String releasedBy) {
        return JSON.createObjectNode().put("count", confirmAffected).put("by", releasedBy).toString();
    }

    /** The quarantine event; {@code released} is true once {@code releasedBy} (non-null) released it. */
    private static ObjectNode quarantine(long affected, StoredSubmission s, String releasedBy) {
        ObjectNode q = JSON.createObjectNode().put("affected", affected).put("requests", s.requests.size())
                .put("limit", s.maxAffected.toString()).put("released", releasedBy != null);
        return releasedBy == null ? q : q.put("releasedBy", releasedBy);
    }

    /** Plans every request with this worker's host, as {@code idle batch} counts, and counts those that would write. */
    private long countAffected(StoredSubmission s) {
        List<LifecycleRequest> all = new ArrayList<>();
        for (StoredSubmission.Entry e : s.requests) {
            all.add(SubmittedRequest.read(idle, e.request().json, e.request().correlationId));
        }
        AffectedCount count = idle.batch().workflow(idle.parseWorkflow(s.workflow.json, s.workflow.source + ".json"),
                s.workflow.source).providers(providers).executionOptions(options).build()
                .countAffected(RequestSource.of(all));
        return count.affected();
    }

    /** Reads a quarantine event or a summary; null when {@code json} is null. */
    static JsonNode readJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored submission event or result is not readable", e);
        }
    }

    private String step(String name, Supplier<String> body) {
        return RequestWorkflowImpl.step(dbos, name, body);
    }
}
