package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it is written: status, extra headers, and a JSON body or none. */
final class GraphAnswer {
    static final String GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;"
            + "IEEE754Compatible=false;charset=utf-8";

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final JsonNode body;

    GraphAnswer(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    /**
     * Graph's error answer: {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}},
     * with {@code Retry-After} when the error carries one and Graph's {@code WWW-Authenticate} on a 401.
     */
    static GraphAnswer error(GraphError e, RequestContext ctx, URI authorityHost) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode inner = nodes.objectNode();
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", ctx.requestId);
        inner.put("client-request-id", ctx.clientRequestId);
        ObjectNode err = nodes.objectNode();
        err.put("code", e.code);
        err.put("message", e.getMessage());
        err.set("innerError", inner);
        ObjectNode root = nodes.objectNode();
        root.set("error", err);
        GraphAnswer r = new GraphAnswer(e.status, root);
        if (e.retryAfter != null) {
            r.headers.put("Retry-After", String.valueOf(GraphRequests.retryAfterSeconds(e.retryAfter)));
        }
        if (e.status == 401) {
            r.headers.put("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + authorityHost
                    + "common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        }
        return r;
    }
}
