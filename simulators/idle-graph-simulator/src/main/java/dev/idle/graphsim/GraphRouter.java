package dev.idle.graphsim;

import static dev.idle.graphsim.GraphRequests.unknownSegment;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The simulator's HTTP entry: reads a request, adds the configured latency, sends it to the identity platform, the
 * Exchange admin API or the Graph pipeline (authentication, faults, throttle, then the resource family's handler),
 * logs it and writes the answer with {@code request-id} and {@code client-request-id}. Any failure becomes a Graph
 * error answer; a failure inside the simulator answers 500 {@code generalException}. One instance serves all
 * threads; the handlers it calls run under the tenant's lock.
 */
final class GraphRouter {
    private final GraphTenant tenant;
    private final IdentityPlatformEndpoints identityPlatform;
    private final UsersHandler users;
    private final SessionsHandler sessions;
    private final GroupsHandler groups;
    private final MailboxHandler mailboxes;
    private final BatchHandler batch;

    GraphRouter(GraphTenant tenant) {
        this.tenant = tenant;
        ODataPages pages = new ODataPages(tenant);
        this.identityPlatform = new IdentityPlatformEndpoints(tenant);
        this.users = new UsersHandler(tenant, pages);
        this.sessions = new SessionsHandler(tenant);
        this.groups = new GroupsHandler(tenant, pages);
        this.mailboxes = new MailboxHandler(tenant);
        this.batch = new BatchHandler(tenant, this::graphRequest);
    }

    void handle(HttpExchange ex) throws IOException {
        Instant arrival = Instant.now();
        String crid = ex.getRequestHeaders().getFirst("client-request-id");
        RequestContext ctx = new RequestContext(crid == null || crid.isBlank() ? UUID.randomUUID().toString() : crid,
                arrival);
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String target = rawPath + (rawQuery == null ? "" : "?" + GraphRequests.decodeForLog(rawQuery));
        GraphAnswer resp;
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            GraphRequests.sleep(tenant.latency);
            if (rawPath.equals("/v1.0") || rawPath.startsWith("/v1.0/")) {
                resp = graphTopLevel(ex.getRequestHeaders(), method, rawPath, rawQuery, body, ctx);
            } else if (rawPath.startsWith("/adminapi/")) {
                String[] cmdlet = new String[1];
                try {
                    resp = mailboxes.invokeCommand(ex.getRequestHeaders(), method, rawPath, body, ctx, cmdlet);
                } finally {
                    if (cmdlet[0] != null) {
                        target = target + " [" + cmdlet[0] + "]";
                    }
                }
            } else {
                resp = identityPlatform.handle(ex.getRequestHeaders(), method, rawPath, rawQuery, body, ctx);
            }
        } catch (GraphError e) {
            resp = GraphAnswer.error(e, ctx, tenant.authorityHost());
        } catch (RuntimeException e) {
            resp = GraphAnswer.error(new GraphError(500, "generalException", "Simulator failure: " + e), ctx,
                    tenant.authorityHost());
        }
        RequestRecord top = new RequestRecord(arrival, method, target, resp.status, ctx.clientRequestId, ctx.requestId,
                ctx.app == null ? null : ctx.app.clientId(), null);
        // Logged before the answer goes out: a client holding the response always finds its request in the log.
        tenant.journal.record(top, ctx.records);
        try {
            send(ex, resp, ctx);
        } catch (IOException e) {
            // the client went away (e.g. timed out during a stall); the request is already logged
        } finally {
            ex.close();
        }
    }

    private void send(HttpExchange ex, GraphAnswer resp, RequestContext ctx) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("request-id", ctx.requestId);
        h.set("client-request-id", ctx.clientRequestId);
        for (Map.Entry<String, String> e : resp.headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        byte[] out = resp.body == null ? null : GraphRequests.JSON.writeValueAsBytes(resp.body);
        if (out != null && !h.containsKey("Content-Type")) {
            h.set("Content-Type", GraphAnswer.GRAPH_JSON);
        }
        tenant.journal.markIssued(ctx);
        if (out == null) {
            ex.sendResponseHeaders(resp.status, -1);
        } else {
            ex.sendResponseHeaders(resp.status, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private GraphAnswer graphTopLevel(Headers headers, String method, String rawPath, String rawQuery, byte[] body,
                                      RequestContext ctx) {
        tenant.apps.authenticate(headers.getFirst("Authorization"), ctx, false);
        tenant.journal.noteArrival(ctx);
        List<String> seg = GraphRequests.pathSegments(rawPath.substring("/v1.0".length()));
        JsonNode json = GraphRequests.parseBody(body);
        if (seg.size() == 1 && seg.get(0).equals("$batch")) {
            tenant.throttling.applyFault(method, rawPath);
            if (!method.equals("POST")) {
                throw new GraphError(405, "Request_BadRequest", "The HTTP method '" + method + "' is not allowed for $batch.");
            }
            return batch.batch(json, ctx);
        }
        String query = rawQuery == null ? "" : "?" + GraphRequests.decodeForLog(rawQuery);
        GraphAnswer r = graphRequest(method, rawPath, seg, GraphRequests.parseQuery(rawQuery), json, ctx);
        if (GraphRequests.isWriteMethod(method) && r.status < 300) {
            tenant.journal.acceptedWrite(new RequestRecord(ctx.arrival, method, rawPath + query, r.status,
                    ctx.clientRequestId, ctx.requestId, ctx.app.clientId(), null));
        }
        return r;
    }

    /** Fault, throttle and route for one Graph request (top level or batch item). */
    private GraphAnswer graphRequest(String method, String absolutePath, List<String> seg, Map<String, String> query,
                                     JsonNode body, RequestContext ctx) {
        tenant.throttling.applyFault(method, absolutePath);
        synchronized (tenant.lock) {
            if (GraphRequests.isWriteMethod(method)) {
                tenant.throttling.countWrite(method, absolutePath, ctx);
            }
            return route(method, seg, query, body, ctx);
        }
    }

    /** Picks the resource family's handler from the path segments below {@code /v1.0}. Called under the lock. */
    private GraphAnswer route(String method, List<String> seg, Map<String, String> q, JsonNode body,
                              RequestContext ctx) {
        if (seg.isEmpty()) {
            throw new GraphError(400, "BadRequest", "Invalid request.");
        }
        String root = seg.get(0);
        int n = seg.size();
        if (root.equals("users")) {
            if (n == 1) {
                return users.collection(method, q, body, ctx);
            }
            String key = seg.get(1);
            if (n == 2) {
                return users.user(method, key, q, body, ctx);
            }
            if (n == 3 && seg.get(2).equals("mailboxSettings")) {
                return mailboxes.settings(method, key, q, body, ctx);
            }
            if (n == 3 && seg.get(2).equals("revokeSignInSessions")) {
                return sessions.revoke(method, key, ctx);
            }
            if (seg.get(2).equals("memberOf") && n <= 4) {
                if (!method.equals("GET")) {
                    return GraphRequests.methodNotAllowed(method);
                }
                return groups.memberOf(key, n == 4 ? seg.get(3) : null, q, ctx);
            }
            throw unknownSegment(seg.get(2));
        }
        if (root.equals("groups")) {
            return groups.containers(Directory.Kind.GROUP, method, seg.subList(1, n), q, body, ctx, "groups");
        }
        if (root.equals("directory")) {
            if (n >= 2 && seg.get(1).equals("administrativeUnits")) {
                return groups.containers(Directory.Kind.ADMINISTRATIVE_UNIT, method, seg.subList(2, n), q, body, ctx,
                        "directory/administrativeUnits");
            }
            throw unknownSegment(n >= 2 ? seg.get(1) : root);
        }
        if (root.equals("administrativeUnits")) {
            // not a v1.0 entity set: Graph serves administrative units under /directory
            throw unknownSegment(root);
        }
        if (root.equals("directoryObjects") && n == 2 && method.equals("GET")) {
            return users.directoryObject(seg.get(1), q, ctx);
        }
        throw unknownSegment(root);
    }
}
