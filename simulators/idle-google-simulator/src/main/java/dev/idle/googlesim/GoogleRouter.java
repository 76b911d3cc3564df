package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.idle.simsupport.PlannedAnswers;
import dev.idle.simsupport.SimulatorHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The simulator's HTTP entry: the token endpoint, or an authenticated Directory API request (a known
 * {@code Bearer} token; else 401 {@code authError}) that first meets the planned rate limits and failures, then the
 * users or groups handler. Logs every request without secrets and writes the answer as
 * {@code application/json; charset=UTF-8}. A failure inside the simulator answers 500 {@code backendError}. Handlers
 * run while synchronised on the tenant; the router itself is shared by all server threads.
 */
final class GoogleRouter {
    /** A planned answer: a rate limit from {@link #throttle} (429 or 403) or a failure from {@link #failNext}. */
    private record Planned(boolean rateLimit, int status) {
    }

    private final GoogleTenant tenant;
    private final GoogleTokenEndpoint tokenEndpoint;
    private final UsersHandler users;
    private final GroupsHandler groups;
    private final PlannedAnswers<Planned> planned = new PlannedAnswers<>();
    private final List<RequestRecord> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int retryAfterSeconds = 1;

    GoogleRouter(GoogleTenant tenant) {
        this.tenant = tenant;
        this.tokenEndpoint = new GoogleTokenEndpoint(tenant);
        this.users = new UsersHandler(tenant);
        this.groups = new GroupsHandler(tenant);
    }

    void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    void throttle(String method, Pattern path, int count, int status) {
        planned.forMatching(method, path, count, new Planned(true, status));
    }

    void failNext(int status) {
        planned.forNext(new Planned(false, status));
    }

    List<RequestRecord> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void handle(HttpExchange ex) throws IOException {
        Instant at = Instant.now();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String scheme = auth == null ? null : auth.split(" ", 2)[0];
        GoogleAnswer r;
        try {
            byte[] body = SimulatorHttp.readBody(ex);
            synchronized (tenant) {
                r = path.equals(GoogleTokenEndpoint.PATH)
                        ? tokenEndpoint.token(method, new String(body, StandardCharsets.UTF_8), at)
                        : route(method, path, SimulatorHttp.query(rawQuery), auth, body, at);
            }
        } catch (RuntimeException e) {
            r = GoogleAnswer.error(500, "Internal error encountered.", "backendError", "INTERNAL");
        }
        r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        log.add(new RequestRecord(at, method, path, path.equals(GoogleTokenEndpoint.PATH) ? null : rawQuery, r.status,
                scheme, r.notBefore));
        SimulatorHttp.sendJson(ex, r.status, r.body, "application/json; charset=UTF-8", GoogleTenant.JSON);
    }

    private GoogleAnswer route(String method, String path, Map<String, String> q, String auth, byte[] body,
                               Instant at) {
        if (auth == null || !auth.startsWith("Bearer ") || !tenant.accessTokens.containsKey(auth.substring(7).trim())) {
            GoogleAnswer r = GoogleAnswer.error(401, "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.", "authError",
                    "UNAUTHENTICATED");
            r.headers.put("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
            return r;
        }
        Planned p = planned.take(method, path);
        if (p != null) {
            return p.rateLimit() ? rateLimited(p.status(), at) : failure(p.status(), at);
        }
        if (!path.startsWith(GoogleTenant.API + "/")) {
            return GoogleAnswer.noSuchPath();
        }
        String[] seg = path.substring(GoogleTenant.API.length() + 1).split("/");
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        JsonNode json = SimulatorHttp.parseJson(GoogleTenant.JSON, body);
        if (seg[0].equals("users")) {
            return users.users(method, seg, json);
        }
        if (seg[0].equals("groups")) {
            return groups.groups(method, seg, q, json);
        }
        return GoogleAnswer.noSuchPath();
    }

    private GoogleAnswer failure(int status, Instant at) {
        return switch (status) {
            case 429 -> rateLimited(429, at);
            case 403 -> GoogleAnswer.error(403, "Not Authorized to access this resource/api", "forbidden",
                    "PERMISSION_DENIED");
            case 400 -> GoogleAnswer.error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT");
            case 503 -> GoogleAnswer.error(503, "The service is currently unavailable.", "backendError",
                    "UNAVAILABLE");
            default -> GoogleAnswer.error(status, "Internal error encountered.", "backendError", "INTERNAL");
        };
    }

    private GoogleAnswer rateLimited(int status, Instant at) {
        GoogleAnswer r = status == 403
                ? GoogleAnswer.error(403, "User Rate Limit Exceeded", "userRateLimitExceeded", "PERMISSION_DENIED")
                : GoogleAnswer.error(429, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute "
                        + "per user' of service 'admin.googleapis.com'.", "rateLimitExceeded", "RESOURCE_EXHAUSTED");
        int seconds = retryAfterSeconds;
        r.headers.put("Retry-After", String.valueOf(seconds));
        r.notBefore = at.plusSeconds(seconds);
        return r;
    }
}
