package dev.idle.runner.dbos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.MaxAffected;
import dev.idle.runner.SubmissionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A submission as its durable run keeps it: one JSON document (the workflow definition, each request in its stored
 * form with its line, the not-before time and the blast-radius limit) that is the run's input, and its SHA-256, which
 * tells "the same submission again" from "a different submission under a taken id". Ids are resolved here: a missing
 * correlation id (and a missing submission id) is derived from hashes when the spec asks for it.
 *
 * <p>Immutable and thread-safe.
 */
final class StoredSubmission {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The most characters the stored form of one submission may have: DBOS reads a workflow's input back with
     * Jackson 3, which refuses a string over 100 million characters, and the input's JSON escapes add to it.
     */
    static final int MAX_CHARS = 50_000_000;

    /** One request of the submission. */
    record Entry(SubmittedRequest request, long line) {
    }

    final String id;
    final SubmittedWorkflow workflow;
    final List<Entry> requests;
    final Instant notBefore;
    final MaxAffected maxAffected;
    final Long confirmedAffected;
    final String json;
    final String hash;

    private StoredSubmission(String id, SubmittedWorkflow workflow, List<Entry> requests, Instant notBefore,
                             MaxAffected maxAffected, Long confirmedAffected, String json) {
        this.id = id;
        this.workflow = workflow;
        this.requests = List.copyOf(requests);
        this.notBefore = notBefore;
        this.maxAffected = maxAffected;
        this.confirmedAffected = confirmedAffected;
        this.json = json;
        this.hash = SubmittedRequest.sha256(json);
    }

    /**
     * The stored form of {@code spec}.
     *
     * @throws IdleInputException for a request without a correlation id (none to derive), a correlation id given
     *                            twice, a secret value in the workflow or a request, or a submission too large to
     *                            store ({@link #MAX_CHARS})
     */
    static StoredSubmission of(SubmissionSpec spec) {
        return of(spec, MAX_CHARS);
    }

    /** As {@link #of(SubmissionSpec)}, refusing a stored form over {@code maxChars} characters. */
    static StoredSubmission of(SubmissionSpec spec, int maxChars) {
        SubmittedWorkflow workflow = SubmittedWorkflow.of(spec.workflow(), spec.workflowSource());
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> lineOf = new HashMap<>();
        for (int i = 0; i < spec.requests().size(); i++) {
            LifecycleRequest r = spec.requests().get(i);
            long line = spec.lines().get(i);
            if (r.correlationIdGenerated() && !spec.deriveIds()) {
                throw new IdleInputException(spec.workflowSource() + ": request " + (i + 1) + " (line " + line
                        + ") has no correlationId; a distributed run needs one per request (it is the run's id), or"
                        + " ask for ids derived from each request's content");
            }
            SubmittedRequest stored = SubmittedRequest.derived(r);
            Long earlier = lineOf.putIfAbsent(stored.correlationId, line);
            if (earlier != null) {
                throw new IdleInputException("request at line " + line + ": correlationId '" + stored.correlationId
                        + "' is already used by the request at line " + earlier + " of this submission");
            }
            entries.add(new Entry(stored, line));
        }
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode wf = doc.putObject("workflow");
        wf.put("source", workflow.source).put("hash", workflow.hash).put("json", workflow.json);
        ArrayNode list = doc.putArray("requests");
        for (Entry e : entries) {
            list.addObject().put("line", e.line).put("hash", e.request.hash).put("json", e.request.json);
        }
        doc.put("notBefore", spec.notBefore() == null ? null : spec.notBefore().toString());
        doc.put("maxAffected", spec.maxAffected() == null ? null : spec.maxAffected().toString());
        doc.put("confirmedAffected", spec.confirmedAffected());
        String json = doc.toString();
        if (json.length() > maxChars) {
            throw new IdleInputException("submission: its " + entries.size() + " requests with the workflow make "
                    + json.length() + " characters to store, more than the " + maxChars + " one submission may"
                    + " hold; split the requests into several submissions");
        }
        String id = spec.id() != null ? spec.id() : "sub-" + derivedId(workflow, entries);
        Long clash = lineOf.get(id);
        if (clash != null) {
            throw new IdleInputException("submission id '" + id + "' is also the correlationId of the request at line "
                    + clash + "; a submission and a request need different ids");
        }
        return new StoredSubmission(id, workflow, entries, spec.notBefore(), spec.maxAffected(),
                spec.confirmedAffected(), json);
    }

    /** From the hash of the workflow and of each request: the same workflow and requests give the same id. */
    private static String derivedId(SubmittedWorkflow workflow, List<Entry> entries) {
        StringBuilder all = new StringBuilder(workflow.hash);
        entries.forEach(e -> all.append('\n').append(e.request.hash));
        return SubmittedRequest.sha256(all.toString()).substring(0, 32);
    }

    /** Reads the stored form back, on the worker that runs the submission {@code id}. */
    static StoredSubmission read(String id, String json) {
        try {
            JsonNode doc = JSON.readTree(json);
            JsonNode wf = doc.get("workflow");
            SubmittedWorkflow workflow = new SubmittedWorkflow(wf.get("source").asText(), wf.get("json").asText(),
                    wf.get("hash").asText());
            List<Entry> entries = new ArrayList<>();
            for (JsonNode r : doc.get("requests")) {
                entries.add(new Entry(SubmittedRequest.stored(r.get("json").asText(), r.get("hash").asText()),
                        r.get("line").asLong()));
            }
            return new StoredSubmission(id, workflow, entries, instant(doc.get("notBefore")),
                    doc.get("maxAffected").isNull() ? null : MaxAffected.parse(doc.get("maxAffected").asText()),
                    doc.get("confirmedAffected").isNull() ? null : doc.get("confirmedAffected").asLong(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(id + ": the stored submission is not readable", e);
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
