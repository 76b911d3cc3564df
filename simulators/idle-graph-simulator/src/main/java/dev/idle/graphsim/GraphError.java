package dev.idle.graphsim;

import java.time.Duration;

/** A Graph error answer: HTTP status, Graph error code and message (and, for 429, a Retry-After). */
final class GraphError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final Duration retryAfter;

    GraphError(int status, String code, String message) {
        this(status, code, message, null);
    }

    GraphError(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static GraphError notFound(String id) {
        return new GraphError(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphError badRequest(String message) {
        return new GraphError(400, "Request_BadRequest", message);
    }

    static GraphError unsupportedQuery(String message) {
        return new GraphError(400, "Request_UnsupportedQuery", message);
    }

    /** An Exchange admin-API error: the message carries Exchange's {@code |<exception type>|<text>} form. */
    static GraphError exchange(int status, String code, String exceptionType, String text) {
        return new GraphError(status, code, "|" + exceptionType + "|" + text);
    }

    static GraphError denied() {
        return new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
}
