package dev.idle.oktasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's HTTP entry: authenticates ({@code SSWS} API token or {@code Bearer} access token; else 401
 * {@code E0000011}), plays planned 429s and failures, sends the request to the users, sessions or groups handler
 * (or the token endpoint), adds the rate-limit headers and {@code X-Okta-Request-Id}, logs it without secrets and
 * writes the answer. A failure inside the simulator answers 500 {@code E0000009}. Handlers run while synchronised on
 * the tenant; the router itself is shared by all server threads.
 */
final class OktaRouter {
    private final OktaTenant tenant;
    private final RateLimits rateLimits;
    private final OktaTokenEndpoint tokenEndpoint;
    private final UsersHandler users;
    private final SessionsHandler sessions;
    private final GroupsHandler groups;
    private final List<RequestRecord> log = Collections.synchronizedList(new ArrayList<>());

    OktaRouter(OktaTenant tenant, RateLimits rateLimits) {
        this.tenant = tenant;
        this.rateLimits = rateLimits;
        this.tokenEndpoint = new OktaTokenEndpoint(tenant);
        this.users = new UsersHandler(tenant);
        this.sessions = new SessionsHandler(tenant);
        this.groups = new GroupsHandler(tenant);
    }

    List<RequestRecord> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void handle(HttpExchange ex) throws IOException {
        Instant at = tenant.now();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String scheme = null;
        OktaAnswer r;
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            scheme = auth == null ? null : auth.split(" ", 2)[0];
            byte[] body = SimulatorHttp.readBody(ex);
            synchronized (tenant) {
                r = path.equals(OktaTokenEndpoint.PATH)
                        ? tokenEndpoint.token(method, new String(body, StandardCharsets.UTF_8), at)
                        : route(method, path, SimulatorHttp.query(rawQuery), auth, body, at);
            }
        } catch (RuntimeException e) {
            r = OktaAnswer.error(500, "E0000009", "Internal Server Error", List.of());
        }
        synchronized (tenant) {
            rateLimits.addHeaders(ex.getResponseHeaders(), r, at);
        }
        ex.getResponseHeaders().add("X-Okta-Request-Id", tenant.randomId(20));
        r.headers.forEach((k, values) -> values.forEach(v -> ex.getResponseHeaders().add(k, v)));
        log.add(new RequestRecord(at, method, path, path.startsWith("/oauth2/") ? null : rawQuery, r.status, scheme,
                r.rateLimitReset));
        SimulatorHttp.sendJson(ex, r.status, r.body, "application/json", OktaTenant.JSON);
    }

    private OktaAnswer route(String method, String path, Map<String, String> q, String auth, byte[] body,
                             Instant at) {
        if (!authorised(auth)) {
            return OktaAnswer.error(401, "E0000011", "Invalid token provided", List.of());
        }
        OktaAnswer planned = rateLimits.planned(method, path, at);
        if (planned != null) {
            return planned;
        }
        if (!path.startsWith(OktaTenant.API + "/")) {
            return OktaAnswer.unknownEndpoint();
        }
        String[] seg = path.substring(OktaTenant.API.length() + 1).split("/");
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        JsonNode json = SimulatorHttp.parseJson(OktaTenant.JSON, body);
        if (seg[0].equals("users")) {
            return users(method, seg, q, json, path);
        }
        if (seg[0].equals("groups")) {
            return groups.groups(method, seg, q);
        }
        return OktaAnswer.unknownEndpoint();
    }

    private OktaAnswer users(String method, String[] seg, Map<String, String> q, JsonNode body, String path) {
        if (seg.length == 1) {
            return users.collection(method, q, body);
        }
        OktaTenant.User u = tenant.find(seg[1]);
        if (u == null) {
            return OktaAnswer.notFound(seg[1] + " (User)");
        }
        if (seg.length == 2) {
            return users.user(method, u, body);
        }
        if (seg.length == 4 && seg[2].equals("lifecycle") && method.equals("POST")) {
            return users.lifecycle(u, seg[3]);
        }
        if (seg.length == 3 && seg[2].equals("groups") && method.equals("GET")) {
            return groups.userGroups(u, q, path);
        }
        if (seg.length == 3 && seg[2].equals("sessions") && method.equals("DELETE")) {
            return sessions.clear(u, q);
        }
        return OktaAnswer.unknownEndpoint();
    }

    private boolean authorised(String auth) {
        if (auth == null) {
            return false;
        }
        if (auth.startsWith("SSWS ")) {
            return tenant.apiTokens.contains(auth.substring(5).trim());
        }
        if (auth.startsWith("Bearer ")) {
            return tenant.accessTokens.contains(auth.substring(7).trim());
        }
        return false;
    }
}
