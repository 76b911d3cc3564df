package dev.idle.runner.dbos;

import dev.idle.api.Idle;
import dev.idle.api.PreparedWorkflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A worker's prepared workflows, by the hash of the definition a submission carried: a worker serves any workflow,
 * and parses and checks each one once, not once per request. Holds at most {@value #SIZE} workflows, dropping the one
 * used longest ago.
 *
 * <p>How it fails: a definition whose JSON does not match its hash (the stored input was changed) is refused with
 * {@link IllegalStateException}; one that is not valid, with the {@link dev.idle.api.IdleInputException} of
 * {@link Idle#prepare}. Thread-safe (one lock; preparing happens outside it, so two threads may prepare the same
 * definition once each).
 */
final class WorkflowCache {
    static final int SIZE = 64;

    private final Idle idle;
    private final Map<String, PreparedWorkflow> prepared = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedWorkflow> eldest) {
            return size() > SIZE;
        }
    };

    WorkflowCache(Idle idle) {
        this.idle = idle;
    }

    /** The prepared form of the definition {@code json} named {@code source} whose SHA-256 is {@code hash}. */
    PreparedWorkflow get(String source, String hash, String json) {
        synchronized (prepared) {
            PreparedWorkflow hit = prepared.get(hash);
            if (hit != null) {
                return hit;
            }
        }
        if (!SubmittedRequest.sha256(json).equals(hash)) {
            throw new IllegalStateException(source + ": the stored workflow does not match its hash " + hash
                    + "; nothing runs");
        }
        PreparedWorkflow made = idle.prepare(idle.parseWorkflow(json, source + ".json"), source);
        synchronized (prepared) {
            prepared.put(hash, made);
        }
        return made;
    }
}
