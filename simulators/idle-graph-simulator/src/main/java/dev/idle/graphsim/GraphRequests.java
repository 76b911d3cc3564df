package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a Graph request as Graph does (query options, path segments, JSON body) and the answers every route shares
 * (405, unknown segment, missing permission). Stateless.
 */
final class GraphRequests {
    static final ObjectMapper JSON = new ObjectMapper();

    private GraphRequests() {
    }

    static boolean isWriteMethod(String method) {
        return switch (method) {
            case "POST", "PATCH", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    /** The query as the request log shows it: decoded, or raw when it is not valid percent-encoding. */
    static String decodeForLog(String rawQuery) {
        try {
            return URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawQuery;
        }
    }

    /** Query options in order; a repeated option or bad percent-encoding answers 400 as Graph does. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                if (q.containsKey(k)) {
                    throw GraphError.badRequest("Query option '" + k + "' was specified more than once, but it must be specified at most once.");
                }
                q.put(k, v);
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("Invalid percent-encoding in the query string.");
            }
        }
        return q;
    }

    /** Decoded path segments; {@code +} stays a plus sign (it is not a space in a path). */
    static List<String> pathSegments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw GraphError.badRequest("Invalid percent-encoding in the path.");
                }
            }
        }
        return out;
    }

    /** The JSON body, null when empty; a body that is not JSON answers Graph's 400. */
    static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
                    + "header is set and payload is of valid JSON format.");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> bodyMap(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        return JSON.convertValue(body, LinkedHashMap.class);
    }

    static GraphError unknownSegment(String s) {
        return new GraphError(400, "BadRequest", "Resource not found for the segment '" + s + "'.");
    }

    static GraphAnswer methodNotAllowed(String method) {
        throw new GraphError(405, "Request_BadRequest",
                "The HTTP method '" + method + "' is not allowed for the requested resource.");
    }

    /** Answers 403 unless the caller's app holds, for each of {@code all}, one of the roles that grant it. */
    static void require(RequestContext ctx, Permission... all) {
        for (Permission p : all) {
            if (!p.grantedTo(ctx.app.roles())) {
                throw GraphError.denied();
            }
        }
    }

    /** Whole seconds as a {@code Retry-After} header carries them, rounded up. */
    static long retryAfterSeconds(Duration d) {
        long ms = d.toMillis();
        return Math.max(0, (ms + 999) / 1000);
    }

    static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
