package dev.idle.oktasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer before it is written: status, JSON body (or none), extra headers (a name may repeat, as Okta's
 * {@code Link} does) and, for a 429, the instant its {@code X-Rate-Limit-Reset} names. The factories build Okta's
 * error body {@code {"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}} and the
 * OAuth error body {@code {"error","error_description"}}.
 */
final class OktaAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();

    final int status;
    final JsonNode body;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    Instant rateLimitReset;

    OktaAnswer(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    static OktaAnswer ok(JsonNode body) {
        return new OktaAnswer(200, body);
    }

    static OktaAnswer noContent() {
        return new OktaAnswer(204, null);
    }

    /** Adds a header value; earlier values of the same name stay (each is sent as its own header line). */
    OktaAnswer header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Okta's error body; {@code causes} become {@code errorCauses[].errorSummary}. */
    static OktaAnswer error(int status, String code, String summary, List<String> causes) {
        ObjectNode n = OktaTenant.JSON.createObjectNode();
        n.put("errorCode", code);
        n.put("errorSummary", summary);
        n.put("errorLink", code);
        n.put("errorId", "oae" + OktaTenant.randomId(RANDOM, 19));
        ArrayNode arr = n.putArray("errorCauses");
        causes.forEach(c -> arr.addObject().put("errorSummary", c));
        return new OktaAnswer(status, n);
    }

    static OktaAnswer notFound(String what) {
        return error(404, "E0000007", "Not found: Resource not found: " + what, List.of());
    }

    /** Okta answers an unknown endpoint like a wrong method (E0000022), with 404. */
    static OktaAnswer unknownEndpoint() {
        return error(404, "E0000022", "The endpoint does not support the provided HTTP method", List.of());
    }

    static OktaAnswer methodNotAllowed() {
        return error(405, "E0000022", "The endpoint does not support the provided HTTP method", List.of());
    }

    /** 429 {@code E0000047} whose {@code X-Rate-Limit-Reset} is {@code reset}. */
    static OktaAnswer rateLimited(Instant reset) {
        OktaAnswer r = error(429, "E0000047", "API call exceeded rate limit due to too many requests.", List.of());
        r.rateLimitReset = reset;
        return r;
    }

    static OktaAnswer oauthError(int status, String error, String description) {
        ObjectNode n = OktaTenant.JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return new OktaAnswer(status, n);
    }
}
