package dev.idle.googlesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it is written: status, JSON body (or none), extra headers and, for a rate-limit answer, the instant
 * before which a retry is too early. The factories build Google's error body
 * {@code {"error":{"code","message","errors":[{"message","domain","reason"}],"status"}}} and the OAuth error body
 * {@code {"error","error_description"}}.
 */
final class GoogleAnswer {
    final int status;
    final JsonNode body;
    final Map<String, String> headers = new LinkedHashMap<>();
    Instant notBefore;

    GoogleAnswer(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    /** Google's error body; rate-limit reasons are in domain {@code usageLimits}, the others in {@code global}. */
    static GoogleAnswer error(int code, String message, String reason, String status) {
        ObjectNode n = GoogleTenant.JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.putArray("errors").addObject().put("message", message)
                .put("domain", reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded")
                        ? "usageLimits" : "global")
                .put("reason", reason);
        e.put("status", status);
        return new GoogleAnswer(code, n);
    }

    /** 404 {@code Resource Not Found: <what>}, e.g. {@code userKey}. */
    static GoogleAnswer notFound(String what) {
        return error(404, "Resource Not Found: " + what, "notFound", "NOT_FOUND");
    }

    /** 404 for a path the API does not have. */
    static GoogleAnswer noSuchPath() {
        return error(404, "Not Found", "notFound", "NOT_FOUND");
    }

    static GoogleAnswer methodNotAllowed() {
        return error(405, "Method not allowed", "invalid", "INVALID_ARGUMENT");
    }

    static GoogleAnswer oauthError(int code, String error, String description) {
        ObjectNode n = GoogleTenant.JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return new GoogleAnswer(code, n);
    }
}
