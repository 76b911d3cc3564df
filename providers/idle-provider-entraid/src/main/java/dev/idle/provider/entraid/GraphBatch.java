package dev.idle.provider.entraid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.RetryPolicy;
import dev.idle.provider.support.retry.InCallRetry;
import dev.idle.spi.BulkResult;
import dev.idle.spi.Entitlement;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Group memberships through Graph JSON batching: one {@code POST /$batch} adds or removes the user in up to
 * {@link #SIZE} groups. A throttled (429) or unavailable (5xx) item, or one Graph left unanswered, goes again in the
 * next round, never reported as failed. The rounds run under a Failsafe {@link RetryPolicy}: the wait before a round
 * is the largest {@code Retry-After} of the items it resends (else 1, 2, 4 … 30 s), at most {@code batchRetries} more
 * rounds, and no round after a wait longer than {@code maxBatchWait}. Items still throttled then fail the whole call
 * as transient with that {@code Retry-After}, so the engine re-runs the step (which is idempotent).
 *
 * <p>Thread-safe: the policy is immutable and each call keeps its own rounds.
 */
final class GraphBatch {
    static final int SIZE = 20;

    private final GraphClient graph;
    private final ObjectMapper json;
    private final InCallRetry inCall;
    private final RetryPolicy<Round> policy;

    GraphBatch(GraphClient graph, ObjectMapper json, int batchRetries, Duration maxBatchWait, Sleeper sleeper) {
        this.graph = graph;
        this.json = json;
        this.inCall = new InCallRetry(sleeper);
        this.policy = RetryPolicy.<Round>builder()
                .handleResultIf(round -> !round.done())
                .withMaxRetries(batchRetries)
                .withDelayFn(ctx -> ctx.getLastResult().delay())
                .abortIf(round -> !round.done() && round.delay().compareTo(maxBatchWait) > 0)
                .build();
    }

    /** The outcome of one round: the items to send again and the longest {@code Retry-After} among them. */
    private record Round(int number, List<Integer> again, Duration retryAfter) {
        boolean done() {
            return again.isEmpty();
        }

        Duration delay() {
            return retryAfter != null ? retryAfter : Duration.ofSeconds(Math.min(30, 1L << Math.min(number - 1, 5)));
        }
    }

    /** What one call changes: the user, the groups (by index into {@code targets}) and whether it adds or removes. */
    record Call(String userId, String identityKey, boolean grant, String operation, String token,
                List<Entitlement> targets, BulkResult[] results) {
    }

    /** Runs {@code chunk} (indices into the call's targets) and writes each item's result into the call's results. */
    void run(Call call, List<Integer> chunk) {
        AtomicReference<List<Integer>> pending = new AtomicReference<>(new ArrayList<>(chunk));
        Round last = inCall.run(policy, "throttled $batch items", number -> {
            Round round = send(call, number, pending.get());
            pending.set(round.again());
            return round;
        });
        if (!last.done()) {
            Duration wait = last.retryAfter();
            throw new ProviderException(last.again().size() + " of " + chunk.size() + " $batch items for '"
                    + call.identityKey() + "' are still throttled after " + last.number() + " attempt(s); the step"
                    + " should be retried" + (wait == null ? "." : " (Retry-After " + wait.toMillis() + " ms)."),
                    true, wait, null);
        }
    }

    private Round send(Call call, int number, List<Integer> pending) {
        ArrayNode requests = json.createArrayNode();
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            int item = pending.get(i);
            String id = String.valueOf(i + 1);
            byId.put(id, item);
            String groupPath = "/groups/" + OData.segment(call.targets().get(item).id()) + "/members";
            ObjectNode req = requests.addObject().put("id", id);
            if (call.grant()) {
                req.put("method", "POST").put("url", groupPath + "/$ref");
                req.putObject("headers").put("Content-Type", "application/json");
                req.putObject("body").put("@odata.id", graph.baseUrl() + "/directoryObjects/" + call.userId());
            } else {
                req.put("method", "DELETE").put("url", groupPath + "/" + OData.segment(call.userId()) + "/$ref");
            }
        }
        ObjectNode body = json.createObjectNode();
        body.set("requests", requests);
        JsonNode responses = graph.call("POST", "/$batch", body, call.token(), requests.size()).path("responses");
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        if (responses.isArray()) {
            responses.forEach(r -> answered.put(r.path("id").asText(), r));
        }
        List<Integer> again = new ArrayList<>();
        Duration wait = null;
        for (Map.Entry<String, Integer> entry : byId.entrySet()) {
            int item = entry.getValue();
            JsonNode r = answered.get(entry.getKey());
            if (r == null) {
                again.add(item); // not answered: send it again rather than lose it
                continue;
            }
            int status = r.path("status").asInt();
            if (graph.isTransientStatus(status)) {
                again.add(item);
                Duration d = graph.retryAfter().parse(header(r.path("headers"), "Retry-After"));
                if (d != null && (wait == null || d.compareTo(wait) > 0)) {
                    wait = d;
                }
            } else {
                call.results()[item] = result(call, item, status, r.path("body").path("error"));
            }
        }
        if (wait != null || !again.isEmpty() && answered.values().stream().anyMatch(r -> r.path("status").asInt() == 429)) {
            graph.throttled(call.token(), wait); // the whole target waits, not only this batch
        }
        return new Round(number, again, wait);
    }

    private static BulkResult result(Call call, int item, int status, JsonNode error) {
        Entitlement target = call.targets().get(item);
        if (status >= 200 && status < 300) {
            return new BulkResult(call.operation(), call.identityKey(), true, null, target);
        }
        if ((!call.grant() && status == 404)
                || (call.grant() && status == 400 && EntraEntitlements.ALREADY.matcher(error.path("message").asText(""))
                .find())) {
            return new BulkResult(call.operation(), call.identityKey(), false, null, target);
        }
        String code = error.path("code").asText("");
        return new BulkResult(call.operation(), call.identityKey(), false, "HTTP " + status + ": "
                + (code.isEmpty() ? "" : code + ": ") + error.path("message").asText(""), target);
    }

    private static String header(JsonNode headers, String name) {
        if (headers == null || !headers.isObject()) {
            return null;
        }
        for (var it = headers.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue().asText();
            }
        }
        return null;
    }
}
