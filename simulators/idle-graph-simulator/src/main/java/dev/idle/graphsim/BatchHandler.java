package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1.0/$batch}: validates the envelope as Graph does (1–20 requests, unique ids, a
 * {@code Content-Type} with every body), then runs each item in request order through faults, throttle, permissions
 * and routing on its own ({@link ItemRoute}); an item whose {@code dependsOn} failed answers 424. The answer is 200
 * with one response per item; each item is logged as its own record after the batch.
 */
final class BatchHandler {
    /** Runs one Graph request (a batch item) as the router would, without the batch's own authentication. */
    interface ItemRoute {
        GraphAnswer run(String method, String absolutePath, List<String> seg, Map<String, String> query,
                        JsonNode body, RequestContext item);
    }

    private final GraphTenant tenant;
    private final ItemRoute route;

    BatchHandler(GraphTenant tenant, ItemRoute route) {
        this.tenant = tenant;
        this.route = route;
    }

    GraphAnswer batch(JsonNode body, RequestContext ctx) {
        ArrayNode requests = validated(body);
        Map<String, Integer> statusById = new HashMap<>();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode responses = out.putArray("responses");
        for (JsonNode r : requests) {
            String id = r.get("id").asText();
            String method = r.get("method").asText().toUpperCase(Locale.ROOT);
            String url = r.get("url").asText();
            int q = url.indexOf('?');
            String rawPath = q < 0 ? url : url.substring(0, q);
            String rawQuery = q < 0 ? null : url.substring(q + 1);
            int v1 = rawPath.indexOf("/v1.0/");
            if (rawPath.startsWith("https://") || rawPath.startsWith("http://")) {
                rawPath = v1 < 0 ? rawPath : rawPath.substring(v1 + 5);
            }
            if (!rawPath.startsWith("/")) {
                rawPath = "/" + rawPath;
            }
            String absolute = "/v1.0" + rawPath;
            String target = absolute + (rawQuery == null ? "" : "?" + GraphRequests.decodeForLog(rawQuery));
            RequestContext item = new RequestContext(ctx.clientRequestId, Instant.now());
            item.app = ctx.app;
            GraphAnswer resp;
            try {
                for (JsonNode dep : r.path("dependsOn")) {
                    Integer s = statusById.get(dep.asText());
                    if (s == null || s >= 400) {
                        throw new GraphError(424, "FailedDependency", "Request depends on a request that failed.");
                    }
                }
                List<String> seg = GraphRequests.pathSegments(rawPath);
                if (seg.size() == 1 && seg.get(0).equals("$batch")) {
                    throw new GraphError(400, "BadRequest", "A $batch request cannot contain another $batch request.");
                }
                resp = route.run(method, absolute, seg, GraphRequests.parseQuery(rawQuery),
                        r.path("body").isMissingNode() || r.path("body").isNull() ? null : r.get("body"), item);
            } catch (GraphError e) {
                resp = GraphAnswer.error(e, ctx, tenant.authorityHost());
            } catch (RuntimeException e) {
                resp = GraphAnswer.error(new GraphError(500, "generalException", "Simulator failure: " + e), ctx,
                        tenant.authorityHost());
            }
            ctx.issued.addAll(item.issued);
            statusById.put(id, resp.status);
            responses.add(itemResponse(id, resp));
            RequestRecord rec = new RequestRecord(item.arrival, method, target, resp.status, ctx.clientRequestId,
                    ctx.requestId, ctx.app.clientId(), id);
            ctx.records.add(rec);
            if (GraphRequests.isWriteMethod(method) && resp.status < 300) {
                tenant.journal.acceptedWrite(rec);
            }
        }
        return new GraphAnswer(200, out);
    }

    private static ArrayNode validated(JsonNode body) {
        if (body == null || !body.path("requests").isArray()) {
            throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
        }
        ArrayNode requests = (ArrayNode) body.get("requests");
        if (requests.isEmpty()) {
            throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
        }
        if (requests.size() > 20) {
            throw new GraphError(400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode r : requests) {
            String id = r.path("id").asText("");
            if (id.isEmpty() || !r.path("method").isTextual() || !r.path("url").isTextual()) {
                throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
            }
            if (!ids.add(id)) {
                throw new GraphError(400, "BadRequest", "Request Id '" + id + "' is not unique within the batch.");
            }
            if (r.has("body") && !r.path("body").isNull() && !hasContentType(r.path("headers"))) {
                throw new GraphError(400, "BadRequest",
                        "Write request id : " + id + " does not contain Content-Type header or body.");
            }
        }
        return requests;
    }

    private static ObjectNode itemResponse(String id, GraphAnswer resp) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("status", resp.status);
        ObjectNode h = o.putObject("headers");
        for (Map.Entry<String, String> e : resp.headers.entrySet()) {
            h.put(e.getKey(), e.getValue());
        }
        if (resp.body != null) {
            h.put("Content-Type", GraphAnswer.GRAPH_JSON);
            o.set("body", resp.body);
        }
        return o;
    }

    private static boolean hasContentType(JsonNode headers) {
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase("Content-Type")) {
                return true;
            }
        }
        return false;
    }
}
